import Contracts
import Foundation
import Taxonomy

/// Projects: a short line opens one ("CareerBot — AI career coach",
/// "CareerBot | Swift, Vapor | 2023", "CareerBot (github.com/jane/careerbot)");
/// the lines under it give its description, its bullets the highlights, a
/// "Technologies: …" line its keywords. When every project is a bullet
/// ("• CareerBot: …"), each bullet is one.
struct ProjectSectionParser {
    let referenceYear: Int
    let taxonomy: Taxonomy

    static let keywordLabels: Set<String> = [
        "technologies", "technology", "tech", "tech stack", "stack", "tools", "built with", "keywords", "skills",
        "technologien", "werkzeuge", "umgebung", "environment",
    ]

    func entries(_ lines: [ResumeLine]) -> [Resume.Project] {
        let headerless = !lines.isEmpty && lines.allSatisfy(\.isBullet)
        var projects: [Resume.Project] = []
        var current: Resume.Project?
        var description: [String] = []
        func close() {
            guard var project = current else { return }
            if !description.isEmpty {
                let text = description.joined(separator: " ")
                project.description = project.description.map { $0 + " " + text } ?? text
            }
            projects.append(project)
            current = nil
            description = []
        }
        for line in lines {
            if let keywords = keywords(line.content), var project = current {
                project.keywords = (project.keywords ?? []) + keywords
                current = project
                continue
            }
            if line.isBullet, !headerless, var project = current {
                project.highlights = (project.highlights ?? []) + [line.content]
                current = project
                continue
            }
            let (date, rest) = EntryParts.dated(line, referenceYear: referenceYear, allowSingle: true)
            let hasBody = current.map { $0.highlights != nil || !description.isEmpty || $0.description != nil } ?? true
            // A lower-case project name ("tiger-rs — github.com/…") opens one too when a
            // separator or an address marks the line as a title.
            let titled =
                rest.split(separator: " ").count <= 10 && !rest.hasSuffix(".")
                && (Self.hasSeparator(rest) || !ContactData.urls(in: rest).isEmpty)
            let opens =
                headerless || current == nil
                || WorkSectionParser.isHeaderLike(rest, line: line) && (hasBody || Self.hasSeparator(rest))
                || hasBody && titled
            if !opens, let project = current {
                if var highlights = project.highlights, let last = highlights.last,
                    WorkSectionParser.continues(last, with: line)
                {
                    highlights[highlights.count - 1] = WorkSectionParser.joined(last, line.content)
                    current?.highlights = highlights
                } else if rest.isEmpty, let date {
                    apply(date, to: &current)
                } else {
                    description.append(line.content)
                }
                continue
            }
            close()
            current = header(rest)
            apply(date, to: &current)
        }
        close()
        return projects
    }

    private func apply(_ date: DateSpan?, to project: inout Resume.Project?) {
        guard let date, project?.startDate == nil else { return }
        project?.startDate = date.start?.iso
        if date.isRange, !date.isCurrent { project?.endDate = date.end?.iso }
    }

    static func hasSeparator(_ text: String) -> Bool {
        [" — ", " – ", " - ", ": ", " | "].contains { text.contains($0) }
    }

    /// "Technologies: Swift, Vapor" → ["Swift", "Vapor"].
    func keywords(_ text: String) -> [String]? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        guard Self.keywordLabels.contains(text[..<colon].lowercased().trimmingSpaces) else { return nil }
        let items = ListItems.split(String(text[text.index(after: colon)...]))
        return items.isEmpty ? nil : items
    }

    /// Name, then a description, keywords or address after the first separator.
    private func header(_ text: String) -> Resume.Project {
        var project = Resume.Project()
        var rest = text
        for url in ContactData.urls(in: text) {
            project.url = project.url ?? (url.lowercased().hasPrefix("http") ? url : "https://\(url)")
            rest = rest.replacingLast(url, with: "")
        }
        rest = rest.replacingOccurrences(of: "()", with: "").trimming(" ,;|·–—-:")
        var name = rest
        var remainder: String?
        for separator in [" — ", " – ", " - ", ": ", " | "] {
            guard let range = rest.range(of: separator) else { continue }
            name = String(rest[..<range.lowerBound]).trimmingSpaces
            remainder = String(rest[range.upperBound...]).trimmingSpaces
            break
        }
        // "CareerBot (Swift, Vapor)".
        if remainder == nil, name.hasSuffix(")"), let open = name.lastIndex(of: "(") {
            remainder = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            name = String(name[..<open]).trimmingSpaces
        }
        project.name = name.isEmpty ? nil : name
        if let remainder, !remainder.isEmpty {
            let items = ListItems.split(remainder)
            if items.count >= 1, items.allSatisfy({ taxonomy.skillId(for: $0) != nil }) {
                project.keywords = items
            } else {
                project.description = remainder
            }
        }
        return project
    }
}
