import Contracts
import Foundation
import SkillMatching
import Taxonomy

/// Turns the request's one target (a role id, a job title or a job description)
/// into the skills it asks for, each with the level it needs.
///
/// For a role (asked for by id or matched from a title) every required skill needs
/// the role's level and every preferred one a level less; a title's seniority word
/// replaces the role's level ("Senior Backend Engineer" → 4). A job description's
/// levels come from its own text (see `JobDescriptionRequirements`).
struct TargetResolver: Sendable {
    let taxonomy: Taxonomy
    let titles: RoleTitleMatcher

    /// Longest first line of a job description still read as a title.
    static let titleLineWords = 12

    init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        self.titles = RoleTitleMatcher(taxonomy: taxonomy)
    }

    func resolve(_ request: SkillAnalysisRequest) throws -> SkillAnalysisTarget {
        func given(_ value: String?) -> String? {
            guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            return value
        }
        let roleId = given(request.roleId)
        let title = given(request.title)
        let jobDescription = given(request.jobDescription)
        let count = [roleId, title, jobDescription].compactMap { $0 }.count
        guard count == 1 else {
            throw count == 0
                ? SkillAnalysisError(.missingTarget, "give one of roleId, title or jobDescription", pointer: "")
                : SkillAnalysisError(
                    .conflictingTargets, "give only one of roleId, title or jobDescription", pointer: "")
        }

        if let roleId {
            let id = roleId.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let role = taxonomy.role(id) else {
                throw SkillAnalysisError(.unknownRole, "no role has the id '\(id)'", pointer: "/roleId")
            }
            return target(.role, role: role, level: role.level)
        }
        if let title {
            guard let match = titles.match(title), let role = taxonomy.role(match.roleId) else {
                throw SkillAnalysisError(
                    .unmatchedTitle, "no role matches the title '\(title)'; try a common job title",
                    pointer: "/title")
            }
            return target(.title, role: role, level: match.level)
        }
        return try jobDescriptionTarget(jobDescription ?? "")
    }

    private func target(_ kind: SkillAnalysisTarget.Kind, role: Role, level: Int) -> SkillAnalysisTarget {
        let requirements =
            role.required.compactMap { requirement($0, .required, level: level) }
            + role.preferred.compactMap { requirement($0, .preferred, level: max(1, level - 1)) }
        return SkillAnalysisTarget(
            kind: kind, roleId: role.id, title: role.title, level: level, requirements: requirements)
    }

    private func requirement(
        _ id: String, _ importance: SkillImportance, level: Int?, spans: [TextSpan] = []
    ) -> SkillRequirement? {
        guard let skill = taxonomy.skill(id) else { return nil }
        return SkillRequirement(
            skillId: id, name: skill.name, category: skill.category, importance: importance, level: level,
            spans: spans)
    }

    private func jobDescriptionTarget(_ text: String) throws -> SkillAnalysisTarget {
        let extracted = JobDescriptionRequirements.extract(from: text, taxonomy: taxonomy)
        guard !extracted.requirements.isEmpty else {
            throw SkillAnalysisError(
                .noRecognizedSkills, "the job description names no skill we recognise", pointer: "/jobDescription")
        }
        let found = extracted.requirements.compactMap { found in
            requirement(found.skillId, found.importance, level: found.level, spans: found.spans)
        }
        let requirements = found.filter { $0.importance == .required } + found.filter { $0.importance == .preferred }
        let role = extracted.titleLine.flatMap { line in
            TextWords.words(line).count <= Self.titleLineWords ? titles.match(line) : nil
        }
        return SkillAnalysisTarget(
            kind: .jobDescription, roleId: role?.roleId, title: role?.title, level: extracted.level,
            requirements: requirements)
    }
}
