import Contracts
import Foundation
import Taxonomy

/// Builds a learning path: orders the skills (`PathOrdering`), picks one
/// primary resource and up to three alternatives for each step from one
/// query over the resources table, estimates hours, and groups the steps into
/// milestones. The result is not saved yet (see `PathStore.create`).
struct PathBuilder: Sendable {
    static let alternatives = 3
    /// Hours for a step with neither a report estimate nor a resource to go by.
    static let defaultHours = 10.0

    let taxonomy: Taxonomy
    let resources: ResourceStore
    let ranker: ResourceRanker
    let catalogue: CatalogueSync
    let discovery: (any ResourceDiscovery)?

    /// - Parameter learnerLevels: the learner's level per skill from their
    ///   profile; nil when profile-service could not say, and then every
    ///   prerequisite the report doesn't show as held is on the path.
    func build(_ request: PathRequest, learnerLevels: [String: Int]?) async throws -> LearningPath {
        try await catalogue.ensureLoaded()
        let held = request.held.union((learnerLevels ?? [:]).keys)
        let nodes = PathOrdering(taxonomy: taxonomy).order(targets: request.targets, held: held)
        let skills = nodes.map(\.skill)
        await discovery?.refresh(skills: skills)
        let found = try await resources.resources(teaching: skills)
        var teaching: [String: [LearningResource]] = [:]
        for resource in found {
            for skill in Set(resource.skills) { teaching[skill, default: []].append(resource) }
        }
        let levels = (learnerLevels ?? [:]).merging(request.currentLevels) { max($0, $1) }
        let (milestones, titles) = PathMilestones.group(nodes, names: name)
        let steps = nodes.enumerated().map { offset, node in
            let ranked = ranker.rank(
                teaching[node.skill] ?? [], for: RankingContext(skills: [node.skill], learnerLevels: levels))
            let primary = ranked.first
            let (hours, source) = Self.hours(report: request.hours[node.skill], resource: primary?.estimatedHours)
            return PathStep(
                id: UUID().uuidString.lowercased(), position: offset + 1, skillId: node.skill,
                skillName: name(node.skill), role: node.role, prerequisites: node.prerequisites,
                milestone: milestones[offset], targetLevel: request.targetLevels[node.skill], estimatedHours: hours,
                hoursFrom: source, resource: primary, alternatives: Array(ranked.dropFirst().prefix(Self.alternatives)),
                status: .notStarted, note: nil, startedAt: nil, completedAt: nil, evidence: nil)
        }
        let now = Date()
        return LearningPath(
            id: UUID().uuidString.lowercased(), title: request.title ?? defaultTitle(request),
            targetRole: request.targetRole, origin: request.origin, steps: steps,
            milestones: PathMilestones.view(titles: titles, steps: steps), progress: PathProgress(of: steps),
            createdAt: now, updatedAt: now)
    }

    /// The report's estimate when it has one (it knows the level to reach),
    /// else the primary resource's length, else `defaultHours`.
    static func hours(report: Double?, resource: Double?) -> (Double, PathStep.HoursSource) {
        if let report, report > 0 { return (report, .analysis) }
        if let resource, resource > 0 { return (resource, .resource) }
        return (defaultHours, .estimate)
    }

    func name(_ skill: String) -> String { taxonomy.skill(skill)?.name ?? skill }

    func defaultTitle(_ request: PathRequest) -> String {
        if let role = request.targetRole {
            return "Path to " + (taxonomy.role(role)?.title ?? role)
        }
        let names = request.targets.map(name)
        let listed = names.prefix(3).joined(separator: ", ")
        return "Learning path: " + listed + (names.count > 3 ? " and \(names.count - 3) more" : "")
    }
}
