import Contracts
import Foundation
import SkillMatching
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

/// Reads requirements out of a job description. The skills and whether each is
/// required or preferred come from `JobDescriptionRequirements`, the same reading
/// the skill-gap analysis uses, so a posting's must-haves are the same in both
/// features; this adds the role the posting is for, and the role's own skill
/// lists when the text names no skill.
struct JobRequirementsReader: Sendable {
    let taxonomy: Taxonomy

    func read(jobDescription: String?, targetTitle: String? = nil) -> JobRequirements {
        let text = jobDescription ?? ""
        let (roleId, title) = findRole(targetTitle: targetTitle, text: text)
        let extracted = JobDescriptionRequirements.extract(from: text, taxonomy: taxonomy)
        let lines = text as NSString
        var skills = extracted.requirements.compactMap { requirement -> JobRequirement? in
            guard let skill = taxonomy.skill(requirement.skillId) else { return nil }
            let context = requirement.spans.first.map { span in
                lines.substring(with: lines.lineRange(for: NSRange(location: span.start, length: 0)))
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return JobRequirement(
                skillId: skill.id, name: skill.name,
                importance: requirement.importance == .required ? .required : .preferred,
                context: context ?? skill.name)
        }
        if skills.isEmpty, let roleId, let role = taxonomy.role(roleId) {
            skills = Self.requirements(of: role, taxonomy: taxonomy)
        }
        let required = skills.filter { $0.importance == .required }
        let preferred = skills.filter { $0.importance == .preferred }
        return JobRequirements(title: title, roleId: roleId, skills: required + preferred)
    }

    /// Bullets, numbering and markdown emphasis off the line.
    static func stripMarkup(_ line: String) -> String {
        var text = Substring(line)
        while let first = text.first, "#*-•·>–—+ \t".contains(first) { text = text.dropFirst() }
        return String(text).replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
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
