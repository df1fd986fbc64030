import Contracts
import Foundation
import Taxonomy

/// One skill a job asks for.
struct JobRequirement: Sendable, Equatable {
    var skillId: String
    var name: String
    var importance: RequirementImportance
    /// The job-description line that asked for it (or the role, when taken from one).
    var context: String
}

/// What a job asks for: the taxonomy skills its description names, each required
/// or preferred, and the role it is for. Only taxonomy skills count: free-text
/// keywords would match too loosely to be worth tailoring toward.
struct JobRequirements: Sendable, Equatable {
    /// The role's title as the description (or the caller) named it.
    var title: String?
    var roleId: String?
    /// Required first, then preferred, each in order of first mention.
    var skills: [JobRequirement]

    var skillIds: [String] { skills.map(\.skillId) }

    func importance(of skillId: String) -> RequirementImportance? {
        skills.first { $0.skillId == skillId }?.importance
    }

    /// How much a mention of `skillId` counts toward relevance: 2 required, 1 preferred, 0 otherwise.
    func weight(of skillId: String) -> Int {
        switch importance(of: skillId) {
        case .required: 2
        case .preferred: 1
        case nil: 0
        }
    }
}

/// Reads requirements out of a job description. Importance comes from the line's
/// own wording ("… is a plus", "must …") and else from the section it sits under
/// ("Requirements", "Nice to have"); a skill named both ways counts as required.
struct JobRequirementsReader: Sendable {
    let taxonomy: Taxonomy

    /// Words that make a line or section about nice-to-haves.
    static let preferredCues = [
        "nice to have", "nice-to-have", "preferred", "bonus", "a plus", "is a plus", "are a plus", "plus",
        "desirable", "desired", "good to have", "ideally", "would be great", "advantage", "advantageous",
    ]
    /// Words that make a line or section about must-haves.
    static let requiredCues = [
        "requirements", "required", "requirement", "must", "must have", "must-have", "you have", "you will have",
        "what you need", "what you'll need", "what we're looking for", "what we are looking for", "qualifications",
        "you bring", "essential", "minimum", "need to have",
    ]
    /// Headings after which skills are context, not asks ("About us", "Benefits").
    static let neutralHeadings = ["about us", "about the company", "benefits", "perks", "what we offer", "why join"]
    /// Headings of the duties part: skills there are asked for, as with no heading.
    static let dutyHeadings = [
        "what you'll do", "what you will do", "responsibilities", "about the role", "your role", "the role",
        "day to day", "your impact",
    ]

    func read(jobDescription: String?, targetTitle: String? = nil) -> JobRequirements {
        let text = jobDescription ?? ""
        let (roleId, title) = findRole(targetTitle: targetTitle, text: text)
        var found: [String: JobRequirement] = [:]
        var order: [String] = []
        var section: Section = .unknown
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = String(rawLine).trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            let cleaned = Self.stripMarkup(line)
            let (heading, rest) = Self.splitHeading(cleaned)
            if let heading {
                section = Self.section(of: heading)
            }
            guard !rest.isEmpty else { continue }
            let mentions = taxonomy.extractSkills(from: rest)
            if mentions.isEmpty, heading == nil, Self.looksLikeHeading(rest) {
                section = Self.section(of: rest)
                continue
            }
            let importance = importance(of: rest, in: section)
            guard let importance else { continue }
            for mention in mentions {
                guard let skill = taxonomy.skill(mention.skillId) else { continue }
                if var existing = found[skill.id] {
                    if importance == .required, existing.importance == .preferred {
                        existing.importance = .required
                        existing.context = line
                        found[skill.id] = existing
                    }
                } else {
                    found[skill.id] = JobRequirement(
                        skillId: skill.id, name: skill.name, importance: importance, context: line)
                    order.append(skill.id)
                }
            }
        }
        var skills = order.compactMap { found[$0] }
        if skills.isEmpty, let roleId, let role = taxonomy.role(roleId) {
            skills = Self.requirements(of: role, taxonomy: taxonomy)
        }
        let required = skills.filter { $0.importance == .required }
        let preferred = skills.filter { $0.importance == .preferred }
        return JobRequirements(title: title, roleId: roleId, skills: required + preferred)
    }

    enum Section: Equatable {
        case unknown
        case duties
        case required
        case preferred
        case neutral
    }

    /// The line's own cue, else the section's; nil for skills named as context.
    private func importance(of line: String, in section: Section) -> RequirementImportance? {
        let lowered = " " + TextMatching.words(line).joined(separator: " ") + " "
        if Self.preferredCues.contains(where: { lowered.contains(" \(Self.cueKey($0)) ") }) { return .preferred }
        switch section {
        case .preferred: return .preferred
        case .required, .duties, .unknown: return .required
        case .neutral:
            return Self.requiredCues.contains(where: { lowered.contains(" \(Self.cueKey($0)) ") }) ? .required : nil
        }
    }

    static func cueKey(_ cue: String) -> String { TextMatching.words(cue).joined(separator: " ") }

    static func section(of heading: String) -> Section {
        let lowered = " " + TextMatching.words(heading).joined(separator: " ") + " "
        if preferredCues.contains(where: { lowered.contains(" \(cueKey($0)) ") }) { return .preferred }
        if requiredCues.contains(where: { lowered.contains(" \(cueKey($0)) ") }) { return .required }
        if neutralHeadings.contains(where: { lowered.contains(" \(cueKey($0)) ") }) { return .neutral }
        if dutyHeadings.contains(where: { lowered.contains(" \(cueKey($0)) ") }) { return .duties }
        return .unknown
    }

    /// Bullets, numbering and markdown emphasis off the line.
    static func stripMarkup(_ line: String) -> String {
        var text = Substring(line)
        while let first = text.first, "#*-•·>–—+ \t".contains(first) { text = text.dropFirst() }
        return String(text).replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
    }

    /// "Nice to have: Kafka, Terraform" → ("Nice to have", "Kafka, Terraform");
    /// a line ending in a colon is all heading.
    static func splitHeading(_ line: String) -> (heading: String?, rest: String) {
        guard let colon = line.firstIndex(of: ":") else { return (nil, line) }
        let head = String(line[..<colon])
        let rest = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        guard head.split(separator: " ").count <= 6, section(of: head) != .unknown || rest.isEmpty else {
            return (nil, line)
        }
        return (head, rest)
    }

    /// A short line without sentence punctuation that names a known section.
    static func looksLikeHeading(_ line: String) -> Bool {
        line.split(separator: " ").count <= 6 && !line.hasSuffix(".") && section(of: line) != .unknown
    }

    /// The role from the caller's title, else from the description's first lines
    /// (where postings put the title), matching role titles and aliases as words.
    private func findRole(targetTitle: String?, text: String) -> (id: String?, title: String?) {
        if let targetTitle, !targetTitle.isEmpty {
            return (matchRole(in: targetTitle)?.id, targetTitle)
        }
        let head = text.split(whereSeparator: \.isNewline).map { Self.stripMarkup(String($0)) }
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.prefix(3)
        for line in head {
            if let match = matchRole(in: line) { return (match.id, match.title) }
        }
        return (nil, nil)
    }

    /// The role whose title or alias appears earliest in `text`, longest first.
    private func matchRole(in text: String) -> (id: String, title: String)? {
        let words = TextMatching.words(text)
        var best: (id: String, title: String, start: Int, length: Int)?
        for role in taxonomy.roles.values.sorted(by: { $0.id < $1.id }) {
            for phrase in [role.title] + role.aliases {
                let phraseWords = TextMatching.words(phrase)
                guard !phraseWords.isEmpty, phraseWords.count <= words.count else { continue }
                for start in 0...(words.count - phraseWords.count)
                where Array(words[start..<start + phraseWords.count]) == phraseWords {
                    let better = best.map { start < $0.start || start == $0.start && phraseWords.count > $0.length }
                    if better ?? true { best = (role.id, role.title, start, phraseWords.count) }
                    break
                }
            }
        }
        return best.map { ($0.id, $0.title) }
    }

    /// With no skills in the text, the role's own lists stand in for them.
    static func requirements(of role: Role, taxonomy: Taxonomy) -> [JobRequirement] {
        let required = role.required.compactMap { id in
            taxonomy.skill(id).map {
                JobRequirement(skillId: id, name: $0.name, importance: .required, context: "role: \(role.title)")
            }
        }
        let preferred = role.preferred.filter { !role.required.contains($0) }.compactMap { id in
            taxonomy.skill(id).map {
                JobRequirement(skillId: id, name: $0.name, importance: .preferred, context: "role: \(role.title)")
            }
        }
        return required + preferred
    }
}
