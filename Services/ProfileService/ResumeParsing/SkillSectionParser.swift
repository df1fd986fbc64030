import Contracts
import Foundation
import Taxonomy

/// Skill groups from a skills section: "Languages: Swift, Kotlin" is a group with
/// its keywords; a short line over a list names the group under it; lists without
/// a name gather in one unnamed group. A "Languages" group of spoken languages
/// becomes `languages` instead.
struct SkillSectionParser {
    let taxonomy: Taxonomy

    struct Result {
        var groups: [Resume.SkillGroup] = []
        var languages: [Resume.Language] = []
    }

    static let spokenLanguageLabels: Set<String> = [
        "languages", "language", "spoken languages", "sprachen", "sprachkenntnisse", "fremdsprachen",
        "language skills",
    ]

    /// The section's groups; a list under no label is named after the section's `heading`.
    func parse(_ lines: [ResumeLine], heading: String? = nil) -> Result {
        var result = Result()
        let sectionName = heading.map(SectionHeadings.displayName)
        var pendingName: String?
        for (index, line) in lines.enumerated() {
            let content = line.content
            if let colon = content.firstIndex(of: ":") {
                let label = content[..<colon].trimmingSpaces
                let rest = content[content.index(after: colon)...].trimmingSpaces
                if !label.isEmpty, label.count <= 40, label.split(separator: " ").count <= 5, !rest.isEmpty {
                    add(ListItems.split(rest), named: label, to: &result)
                    pendingName = nil
                    continue
                }
            }
            if let (label, items) = labelledList(line) {
                add(items, named: label, to: &result)
                pendingName = nil
                continue
            }
            let items = line.cells.count > 1 ? line.cells.flatMap(ListItems.split) : ListItems.split(content)
            if items.count <= 1, line.words.count >= 9 { continue }  // a sentence about skills
            // A short line that is not a skill, over a list: the list's name.
            if items.count == 1, !line.isBullet, line.words.count <= 4, taxonomy.skillId(for: content) == nil,
                index + 1 < lines.count,
                ListItems.split(lines[index + 1].content).count >= 2 || lines[index + 1].isBullet
            {
                pendingName = content.trimming(":")
                continue
            }
            add(items, named: pendingName ?? sectionName, to: &result)
        }
        return result
    }

    /// A list led by its name without a colon: "Frameworks    Spring Boot, Hibernate"
    /// (a tab) or "Programmiersprachen Java, Kotlin" (the name is the words before
    /// the first item that is a skill).
    func labelledList(_ line: ResumeLine) -> (String, [String])? {
        if line.cells.count == 2, !line.cells[0].contains(","), line.cells[0].split(separator: " ").count <= 4 {
            let items = ListItems.split(line.cells[1])
            if items.count >= 2 || items.count == 1 && taxonomy.skillId(for: items[0]) != nil {
                return (line.cells[0], items)
            }
        }
        // "Cloud — AWS, GCP".
        for dash in [" — ", " – ", " - "] {
            guard let range = line.content.range(of: dash) else { continue }
            let label = line.content[..<range.lowerBound].trimmingSpaces
            let items = ListItems.split(String(line.content[range.upperBound...]))
            if label.split(separator: " ").count <= 4, !label.contains(","),
                items.count >= 2 || !items.isEmpty && taxonomy.skillId(for: label) == nil,
                items.allSatisfy({ $0.split(separator: " ").count <= 4 })
            {
                return (label, items)
            }
        }
        var items = ListItems.split(line.content)
        guard items.count >= 2 else { return nil }
        let words = items[0].split(separator: " ")
        guard words.count >= 2 else { return nil }
        for split in 1..<min(4, words.count) {
            let label = words[..<split].joined(separator: " ")
            let first = words[split...].joined(separator: " ")
            guard label.first?.isUppercase == true, taxonomy.skillId(for: label) == nil,
                taxonomy.skillId(for: first) != nil
            else { continue }
            items[0] = first
            return (label, items)
        }
        return nil
    }

    private func add(_ items: [String], named name: String?, to result: inout Result) {
        guard !items.isEmpty else { return }
        if let name, Self.spokenLanguageLabels.contains(name.lowercased()) {
            let languages = items.compactMap(LanguageSectionParser.language(from:))
            if languages.count * 2 >= items.count {
                result.languages += languages
                return
            }
        }
        if let position = result.groups.firstIndex(where: { $0.name == name }) {
            result.groups[position].keywords = (result.groups[position].keywords ?? []) + items
        } else {
            result.groups.append(Resume.SkillGroup(name: name, keywords: items))
        }
    }
}
