import Contracts
import SkillMatching
import Taxonomy

/// The order to close the gaps in: missing required skills, then missing
/// preferred ones, then held skills below the level needed. Within a tier, a
/// skill more target skills build on comes first, then target order. A missing
/// skill's missing prerequisites (transitively, foundations first) come right
/// before it, even when the target does not list them; those are marked
/// `prerequisite`. So no step ever comes after a step that needs it.
struct LearningPlan: Sendable {
    let taxonomy: Taxonomy
    let relations: SkillRelations

    func steps(for target: SkillAnalysisTarget, gaps: [LevelGap]) -> [NextStep] {
        let requirements = target.requirements
        var firstIndex: [String: Int] = [:]
        for (index, requirement) in requirements.enumerated() where firstIndex[requirement.skillId] == nil {
            firstIndex[requirement.skillId] = index
        }
        var chains: [String: [String]] = [:]
        for requirement in requirements {
            chains[requirement.skillId] = taxonomy.prerequisiteChain(of: requirement.skillId)
        }
        let missing = requirements.filter { !relations.has($0.skillId) }
        let missingIds = missing.map(\.skillId)

        func dependents(_ id: String) -> Int {
            requirements.filter { $0.skillId != id && chains[$0.skillId]?.contains(id) == true }.count
        }
        func unlocks(_ id: String) -> [String] {
            missingIds.filter { $0 != id && chains[$0]?.contains(id) == true }
        }
        func missingPrerequisites(_ id: String) -> [String] {
            taxonomy.prerequisiteChain(of: id).filter { !relations.has($0) }
        }
        func ordered(_ items: [SkillRequirement]) -> [SkillRequirement] {
            items.sorted { left, right in
                let (leftCount, rightCount) = (dependents(left.skillId), dependents(right.skillId))
                if leftCount != rightCount { return leftCount > rightCount }
                return (firstIndex[left.skillId] ?? 0) < (firstIndex[right.skillId] ?? 0)
            }
        }
        let targetName = target.kind == .jobDescription ? "this job" : (target.title ?? "this role")

        var steps: [NextStep] = []
        var emitted: Set<String> = []
        func learn(_ id: String, importance: NextStep.Importance, toLevel: Int) {
            guard !emitted.contains(id), let skill = taxonomy.skill(id) else { return }
            emitted.insert(id)
            let relative = relations.closeRelativeHeld(of: id)
            let builtOn = unlocks(id)
            var reason: String
            switch importance {
            case .required: reason = "Required for \(targetName)."
            case .preferred: reason = "Preferred for \(targetName)."
            case .prerequisite: reason = "Needed before \(names(builtOn))."
            }
            if let relative, let name = taxonomy.skill(relative)?.name {
                reason += " Your \(name) experience carries over."
            }
            if importance != .prerequisite, !builtOn.isEmpty {
                reason += " \(names(builtOn)) build\(builtOn.count == 1 ? "s" : "") on it."
            }
            steps.append(
                NextStep(
                    order: steps.count + 1, skillId: id, name: skill.name, category: skill.category, action: .learn,
                    importance: importance, reason: reason,
                    estimatedHours: LearningEstimates.hours(
                        category: skill.category, from: nil, to: toLevel, closeRelativeHeld: relative != nil),
                    toLevel: toLevel, prerequisites: missingPrerequisites(id), unlocks: builtOn))
        }

        let tiers =
            ordered(missing.filter { $0.importance == .required })
            + ordered(missing.filter { $0.importance == .preferred })
        for requirement in tiers {
            let toLevel = requirement.level ?? LearningEstimates.defaultTargetLevel
            for prerequisite in missingPrerequisites(requirement.skillId) {
                if let listed = missing.first(where: { $0.skillId == prerequisite }) {
                    learn(
                        prerequisite, importance: listed.importance == .required ? .required : .preferred,
                        toLevel: listed.level ?? LearningEstimates.defaultTargetLevel)
                } else {
                    learn(
                        prerequisite, importance: .prerequisite,
                        toLevel: min(LearningEstimates.defaultTargetLevel, toLevel))
                }
            }
            learn(
                requirement.skillId, importance: requirement.importance == .required ? .required : .preferred,
                toLevel: toLevel)
        }

        let orderedGaps = gaps.sorted { left, right in
            if left.importance != right.importance { return left.importance == .required }
            let (leftCount, rightCount) = (dependents(left.skillId), dependents(right.skillId))
            if leftCount != rightCount { return leftCount > rightCount }
            return (firstIndex[left.skillId] ?? 0) < (firstIndex[right.skillId] ?? 0)
        }
        for gap in orderedGaps where !emitted.contains(gap.skillId) {
            guard let skill = taxonomy.skill(gap.skillId) else { continue }
            emitted.insert(gap.skillId)
            let kind = gap.importance == .required ? "Required" : "Preferred"
            steps.append(
                NextStep(
                    order: steps.count + 1, skillId: gap.skillId, name: skill.name, category: skill.category,
                    action: .levelUp, importance: gap.importance == .required ? .required : .preferred,
                    reason: "\(kind) at level \(gap.need) for \(targetName); you are at level \(gap.have).",
                    estimatedHours: LearningEstimates.hours(category: skill.category, from: gap.have, to: gap.need),
                    fromLevel: gap.have, toLevel: gap.need))
        }
        return steps
    }

    private func names(_ ids: [String]) -> String {
        let names = ids.compactMap { taxonomy.skill($0)?.name }
        switch names.count {
        case 0: return "other skills"
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
        }
    }
}
