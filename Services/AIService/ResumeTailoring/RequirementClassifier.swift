import Contracts
import Taxonomy

/// Puts each job requirement against the profile: evidenced (shown in work or
/// project text), can-emphasise (only listed somewhere, or only a related skill
/// held), or missing. Evidence text comes from the profile, never the job.
struct RequirementClassifier: Sendable {
    let taxonomy: Taxonomy

    func classify(_ requirements: JobRequirements, against evidence: ProfileEvidence) -> [RequirementStatus] {
        requirements.skills.map { requirement in
            let id = requirement.skillId
            var status = RequirementStatus(
                skillId: id, name: requirement.name, importance: requirement.importance, status: .missing)
            if let text = evidence.experienceEvidence[id] {
                status.status = .evidenced
                status.evidence = text
            } else if evidence.holds(id) {
                status.status = .canEmphasise
                status.evidence = evidence.listings[id].map { "listed in \($0)" } ?? "mentioned in the profile"
            } else {
                let related = heldRelatedSkills(of: id, evidence: evidence)
                if !related.isEmpty {
                    status.status = .canEmphasise
                    status.relatedSkillIds = related
                    let names = related.compactMap { taxonomy.skill($0)?.name }
                    status.evidence = "related skills held: \(names.joined(separator: ", "))"
                }
            }
            return status
        }
    }

    /// Held skills the taxonomy relates to `skillId`, either way round, in taxonomy order.
    func heldRelatedSkills(of skillId: String, evidence: ProfileEvidence) -> [String] {
        let outward = Set(taxonomy.skill(skillId)?.related ?? [])
        return taxonomy.orderedSkillIds.filter { id in
            evidence.holds(id) && (outward.contains(id) || taxonomy.skill(id)?.related.contains(skillId) == true)
        }
    }

    /// What a learning path should cover: requirements whose skill is not held,
    /// including those where only a related skill is.
    static func notHeld(_ statuses: [RequirementStatus]) -> [RequirementStatus] {
        statuses.filter { $0.status == .missing || $0.relatedSkillIds?.isEmpty == false }
    }
}
