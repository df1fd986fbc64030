/// Groups a path's steps into milestones: the steps at one prerequisite depth
/// belong together (everything they need is in earlier milestones), and a
/// large group is cut into milestones of at most `maxSteps`, so each is a
/// stage a learner can finish and see.
enum PathMilestones {
    static let maxSteps = 5
    /// Skill names a title shows before "and N more".
    static let namesInTitle = 4

    /// The milestone index of each node (in order), and the titles.
    static func group(_ nodes: [PathOrdering.Node], names: (String) -> String) -> (indices: [Int], titles: [String]) {
        var groups: [[Int]] = []
        var previousDepth: Int?
        for (offset, node) in nodes.enumerated() {
            if node.depth != previousDepth || (groups.last?.count ?? 0) >= maxSteps {
                groups.append([])
            }
            groups[groups.count - 1].append(offset)
            previousDepth = node.depth
        }
        var indices = [Int](repeating: 0, count: nodes.count)
        for (index, group) in groups.enumerated() {
            for offset in group { indices[offset] = index }
        }
        let deepest = nodes.map(\.depth).max() ?? 0
        var partsSeen: [Int: Int] = [:]
        let titles = groups.map { group -> String in
            let depth = nodes[group[0]].depth
            partsSeen[depth, default: 0] += 1
            let parts = groups.filter { nodes[$0[0]].depth == depth }.count
            var stage = stageName(depth: depth, deepest: deepest)
            if parts > 1 { stage += " (part \(partsSeen[depth] ?? 1) of \(parts))" }
            let skillNames = group.map { names(nodes[$0].skill) }
            var listed = skillNames.prefix(namesInTitle).joined(separator: ", ")
            if skillNames.count > namesInTitle { listed += " and \(skillNames.count - namesInTitle) more" }
            return "\(stage): \(listed)"
        }
        return (indices, titles)
    }

    /// Foundations first, the skills everything builds up to last.
    static func stageName(depth: Int, deepest: Int) -> String {
        switch depth {
        case _ where deepest == 0: "Skills"
        case 0: "Foundations"
        case deepest: "Goal"
        default: "Stage \(depth + 1)"
        }
    }
}

extension PathMilestones {
    /// The milestones as the API shows them: their steps, hours and progress.
    static func view(titles: [String], steps: [PathStep]) -> [PathMilestone] {
        titles.enumerated().map { index, title in
            let members = steps.filter { $0.milestone == index }
            let done = members.filter { $0.status == .done }.count
            return PathMilestone(
                index: index, title: title, steps: members.map(\.position),
                estimatedHours: members.reduce(0) { $0 + $1.estimatedHours }, doneSteps: done,
                completed: !members.isEmpty && done == members.count)
        }
    }
}
