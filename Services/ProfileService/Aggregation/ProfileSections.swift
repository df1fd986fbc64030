import Contracts
import Foundation

/// How the parts of a profile document combine across sources. Objects
/// (`basics`, `basics.location`, preferences) combine field by field; lists
/// combine entry by entry, two entries being "the same" when their section's
/// rule says so (the same company with overlapping dates is one job).
enum ProfileSections {
    /// JSON Pointer paths of the lists, with the rule that says two entries are one.
    static let lists: [String: @Sendable (JSONValue, JSONValue) -> Bool] = [
        "/work": sameEmployment(organisation: "name"),
        "/volunteer": sameEmployment(organisation: "organization"),
        "/education": sameEmployment(organisation: "institution"),
        "/awards": sameText("title"),
        "/certificates": sameText("name"),
        "/publications": sameText("name"),
        "/skills": sameText("name"),
        "/languages": sameText("language"),
        "/interests": sameText("name"),
        "/references": sameText("name"),
        "/projects": sameText("name"),
        "/basics/profiles": sameText("network"),
        "/x-careergini/skills": sameText("id"),
    ]

    /// Lists shown newest first: current entries, then by end and start date.
    static let dated: Set<String> = ["/work", "/volunteer", "/education", "/projects"]

    /// Fields whose whole value is one fact (a list of strings the user picks).
    static let wholeValues: Set<String> = [
        "/x-careergini/targetRoles", "/x-careergini/preferences/locations",
        "/x-careergini/preferences/jobTypes",
    ]

    static func isList(_ path: String) -> Bool { lists[path] != nil }

    /// One job (or study, or volunteering): the same organisation, and dates
    /// that overlap or aren't known on one side. "Acme Inc." and "ACME" match.
    static func sameEmployment(organisation key: String) -> @Sendable (JSONValue, JSONValue) -> Bool {
        { first, second in
            let a = organisationName(first[key]?.stringValue)
            let b = organisationName(second[key]?.stringValue)
            guard let a, let b, a == b else { return false }
            guard let firstSpan = span(first), let secondSpan = span(second) else { return true }
            return firstSpan.overlaps(secondSpan)
        }
    }

    static func sameText(_ key: String) -> @Sendable (JSONValue, JSONValue) -> Bool {
        { first, second in
            guard let a = normalised(first[key]?.stringValue), let b = normalised(second[key]?.stringValue) else {
                return false
            }
            return a == b
        }
    }

    /// The months an entry covers; an open end runs far into the future so a
    /// current job overlaps anything after its start.
    static func span(_ entry: JSONValue) -> ClosedRange<Int>? {
        guard let start = PartialDate.month(entry["startDate"]?.stringValue) else { return nil }
        let end = PartialDate.month(entry["endDate"]?.stringValue, asEnd: true) ?? Int.max / 2
        return start <= end ? start...end : start...start
    }

    /// Lower-cased words with punctuation dropped; nil when nothing is left.
    static func normalised(_ text: String?) -> String? {
        guard let text else { return nil }
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "+" && $0 != "#" }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// Legal-form suffixes that don't make a different employer.
    static let legalForms: Set<String> = [
        "inc", "incorporated", "llc", "ltd", "limited", "gmbh", "ag", "corp", "corporation", "co", "plc", "se",
        "sa", "bv", "kg", "the",
    ]

    static func organisationName(_ text: String?) -> String? {
        guard let words = normalised(text)?.split(separator: " ") else { return nil }
        let kept = words.filter { !legalForms.contains(String($0)) }
        return kept.isEmpty ? nil : kept.joined(separator: " ")
    }
}

extension JSONValue {
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

}
