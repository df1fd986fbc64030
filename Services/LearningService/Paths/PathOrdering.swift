import Taxonomy

/// Which skills a path holds and in what order: the skills asked for, and the
/// prerequisites of each (through the Taxonomy) that the learner doesn't hold,
/// ordered so that no step ever comes before anything in its prerequisite chain.
///
/// A held skill implies its own prerequisite chain: someone who knows Docker
/// is not sent back to learn Linux first, even for Kubernetes, which names
/// Linux directly (the AI service's gap analysis counts such skills as implied
/// in the same way). A skill asked for is always on the path, held or not: the
/// learner wants to go further.
struct PathOrdering: Sendable {
    /// One skill of the path, in path order.
    struct Node: Sendable, Equatable {
        var skill: String
        var role: PathStep.Role
        /// 0 for a skill none of whose prerequisites are on the path; otherwise one
        /// more than the deepest prerequisite on the path.
        var depth: Int
        /// Direct prerequisites that are steps of this path.
        var prerequisites: [String]
    }

    let taxonomy: Taxonomy

    /// The path's skills for `targets` (Taxonomy ids, most important first) and
    /// a learner holding `held` (and so what those build on). Stable: the same input gives the same order,
    /// by depth and then by the order the skills were met walking the targets.
    func order(targets: [String], held: Set<String>) -> [Node] {
        let wanted = Set(targets)
        let known = held.union(held.flatMap(taxonomy.prerequisiteChain(of:)))
        var visited = Set<String>()
        var metOrder: [String] = []
        func visit(_ skill: String) {
            guard visited.insert(skill).inserted else { return }
            for prerequisite in taxonomy.skill(skill)?.prerequisites ?? [] {
                if wanted.contains(prerequisite) || !known.contains(prerequisite) { visit(prerequisite) }
            }
            metOrder.append(skill)
        }
        for target in targets { visit(target) }

        let onPath = Set(metOrder)
        var depths: [String: Int] = [:]
        func depth(of skill: String) -> Int {
            if let known = depths[skill] { return known }
            // The whole chain, not only direct prerequisites: a skipped (held)
            // prerequisite must not let a skill overtake one below it.
            let below = taxonomy.prerequisiteChain(of: skill).filter(onPath.contains)
            let value = below.map { depth(of: $0) + 1 }.max() ?? 0
            depths[skill] = value
            return value
        }
        let rank = Dictionary(uniqueKeysWithValues: metOrder.enumerated().map { ($1, $0) })
        return metOrder.sorted { a, b in
            let (depthA, depthB) = (depth(of: a), depth(of: b))
            return depthA != depthB ? depthA < depthB : rank[a, default: 0] < rank[b, default: 0]
        }.map { skill in
            Node(
                skill: skill, role: wanted.contains(skill) ? .target : .prerequisite, depth: depth(of: skill),
                prerequisites: (taxonomy.skill(skill)?.prerequisites ?? []).filter(onPath.contains))
        }
    }
}
