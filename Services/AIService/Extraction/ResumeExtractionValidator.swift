import Contracts
import Foundation

/// Turns the extraction model's answer into the JSON Resume subset it was asked
/// for, or says precisely what to fix (the reason goes back to the model in the
/// repair turn).
///
/// Harmless slips are normalised rather than refused: whitespace, empty strings
/// and entries, "Present" as an end date, a full date where a month was asked.
/// Fields outside the subset are dropped, so a model cannot slip a summary or
/// skill ids past the caller. Whether the text supports a value is
/// profile-service's check, not this one's.
struct ResumeExtractionValidator {
    static let maximumEntries = 50
    static let maximumListItems = 100
    static let maximumCharacters = 2_000
    /// At most this many problems go back to the model at once.
    static let reportedProblems = 5

    /// End dates that mean "still there"; JSON Resume leaves `endDate` out for those.
    static let currentWords: Set<String> = [
        "present", "current", "now", "today", "ongoing", "heute", "bis heute", "aktuell", "jetzt",
    ]

    /// What is wrong so far; a reference so the section builders can note
    /// problems from inside the closures that build each entry.
    private final class Problems {
        var list: [String] = []
        func append(_ problem: String) { list.append(problem) }
    }

    private let problems = Problems()

    static func validate(_ answer: Resume) throws -> Resume {
        let validator = ResumeExtractionValidator()
        let resume = validator.subset(of: answer)
        guard validator.problems.list.isEmpty else {
            throw StructuredOutputInvalid(validator.problems.list.prefix(reportedProblems).joined(separator: "; "))
        }
        guard resume.basics != nil || resume.work != nil || resume.education != nil else {
            throw StructuredOutputInvalid(
                "it has no basics, work or education; extract at least one of them from the résumé text")
        }
        return resume
    }

    // MARK: Sections

    private func subset(of answer: Resume) -> Resume {
        Resume(
            basics: basics(answer.basics),
            work: entries(answer.work, at: "work") { entry, path in
                let work = Resume.Work(
                    name: text(entry.name, at: "\(path).name"), location: text(entry.location, at: "\(path).location"),
                    position: text(entry.position, at: "\(path).position"),
                    startDate: date(entry.startDate, at: "\(path).startDate"),
                    endDate: date(entry.endDate, at: "\(path).endDate", isEnd: true),
                    highlights: texts(entry.highlights, at: "\(path).highlights"))
                checkOrder(start: work.startDate, end: work.endDate, at: path)
                return work.name == nil && work.position == nil ? nil : work
            },
            education: entries(answer.education, at: "education") { entry, path in
                let education = Resume.Education(
                    institution: text(entry.institution, at: "\(path).institution"),
                    area: text(entry.area, at: "\(path).area"),
                    studyType: text(entry.studyType, at: "\(path).studyType"),
                    startDate: date(entry.startDate, at: "\(path).startDate"),
                    endDate: date(entry.endDate, at: "\(path).endDate", isEnd: true))
                checkOrder(start: education.startDate, end: education.endDate, at: path)
                let named = education.institution != nil || education.area != nil || education.studyType != nil
                return named ? education : nil
            },
            certificates: entries(answer.certificates, at: "certificates") { entry, path in
                text(entry.name, at: "\(path).name").map { name in
                    Resume.Certificate(
                        name: name, date: date(entry.date, at: "\(path).date"), url: text(entry.url, at: "\(path).url"),
                        issuer: text(entry.issuer, at: "\(path).issuer"))
                }
            },
            skills: entries(answer.skills, at: "skills") { entry, path in
                let group = Resume.SkillGroup(
                    name: text(entry.name, at: "\(path).name"), level: text(entry.level, at: "\(path).level"),
                    keywords: texts(entry.keywords, at: "\(path).keywords"))
                return group.name == nil && group.keywords == nil ? nil : group
            },
            languages: entries(answer.languages, at: "languages") { entry, path in
                text(entry.language, at: "\(path).language").map {
                    Resume.Language(language: $0, fluency: text(entry.fluency, at: "\(path).fluency"))
                }
            },
            projects: entries(answer.projects, at: "projects") { entry, path in
                guard let name = text(entry.name, at: "\(path).name") else { return nil }
                let project = Resume.Project(
                    name: name, description: text(entry.description, at: "\(path).description"),
                    highlights: texts(entry.highlights, at: "\(path).highlights"),
                    keywords: texts(entry.keywords, at: "\(path).keywords"),
                    startDate: date(entry.startDate, at: "\(path).startDate"),
                    endDate: date(entry.endDate, at: "\(path).endDate", isEnd: true),
                    url: text(entry.url, at: "\(path).url"))
                checkOrder(start: project.startDate, end: project.endDate, at: path)
                return project
            })
    }

    private func basics(_ basics: Resume.Basics?) -> Resume.Basics? {
        guard let basics else { return nil }
        let city = text(basics.location?.city, at: "basics.location.city")
        let result = Resume.Basics(
            name: text(basics.name, at: "basics.name"), label: text(basics.label, at: "basics.label"),
            email: email(basics.email), phone: text(basics.phone, at: "basics.phone"),
            url: text(basics.url, at: "basics.url"), location: city.map { Resume.Location(city: $0) },
            profiles: entries(basics.profiles, at: "basics.profiles") { entry, path in
                let profile = Resume.Profile(
                    network: text(entry.network, at: "\(path).network"),
                    username: text(entry.username, at: "\(path).username"), url: text(entry.url, at: "\(path).url"))
                return profile.username == nil && profile.url == nil ? nil : profile
            })
        return result == Resume.Basics() ? nil : result
    }

    // MARK: Values

    /// Each entry through `keep`, which returns nil for an entry with nothing in it.
    private func entries<Entry>(
        _ list: [Entry]?, at path: String, _ keep: (Entry, String) -> Entry?
    ) -> [Entry]? {
        guard let list, !list.isEmpty else { return nil }
        if list.count > Self.maximumEntries {
            problems.append("\(path) has \(list.count) entries; at most \(Self.maximumEntries)")
            return nil
        }
        let kept = list.enumerated().compactMap { index, entry in keep(entry, "\(path)[\(index)]") }
        return kept.isEmpty ? nil : kept
    }

    private func text(_ value: String?, at path: String) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else {
            return nil
        }
        if trimmed.count > Self.maximumCharacters {
            problems.append("\(path) is longer than \(Self.maximumCharacters) characters; shorten it")
        }
        return trimmed
    }

    private func texts(_ values: [String]?, at path: String) -> [String]? {
        guard let values else { return nil }
        if values.count > Self.maximumListItems {
            problems.append("\(path) has \(values.count) items; at most \(Self.maximumListItems)")
            return nil
        }
        let kept = values.enumerated().compactMap { index, value in text(value, at: "\(path)[\(index)]") }
        return kept.isEmpty ? nil : kept
    }

    private func email(_ value: String?) -> String? {
        guard let email = text(value, at: "basics.email") else { return nil }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let valid =
            parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !email.contains(where: \.isWhitespace)
        if !valid { problems.append("basics.email \"\(email)\" is not an e-mail address; copy it from the text") }
        return email
    }

    /// "2019" or "2019-03" as given; "2019-03-14" cut to the month; "Present" in
    /// an end date means no end date. Anything else is a problem to report.
    private func date(_ value: String?, at path: String, isEnd: Bool = false) -> String? {
        guard let date = text(value, at: path) else { return nil }
        if isEnd, Self.currentWords.contains(date.lowercased()) { return nil }
        guard let normalised = ExtractedDate.normalised(date) else {
            problems.append(
                "\(path) \"\(date)\" must be \"YYYY-MM\" or \"YYYY\""
                    + (isEnd ? " (leave endDate out for a current position)" : ""))
            return nil
        }
        return normalised
    }

    /// Compared to the precision both have: a start of "2019-06" and an end of "2019" is fine.
    private func checkOrder(start: String?, end: String?, at path: String) {
        guard let first = PartialDate.month(start), let last = PartialDate.month(end, asEnd: true), let end else {
            return
        }
        if last < first { problems.append("\(path) ends (\(end)) before it starts (\(start ?? ""))") }
    }
}

/// The dates the schema asks for, read strictly (the shared `PartialDate` is
/// lenient on purpose, for stored data; a model's answer gets no such slack).
enum ExtractedDate {
    /// "2019" or "2019-03" as they are; "2019-03-14" as "2019-03"; nil for anything
    /// else, or a year outside 1900–2099.
    static func normalised(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts[0].count == 4, let year = Int(parts[0]), (1900...2099).contains(year)
        else { return nil }
        guard parts.count > 1 else { return String(parts[0]) }
        guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        if parts.count == 3 {
            guard parts[2].count == 2, let day = Int(parts[2]), (1...31).contains(day) else { return nil }
        }
        return "\(parts[0])-\(parts[1])"
    }
}
