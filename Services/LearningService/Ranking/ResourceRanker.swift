import Contracts
import Foundation

/// Orders resources by how well each fits a request and a learner: skill
/// match first, then level against the learner's, preferred type, cost and
/// quality signals. Each ranked resource carries its `fit` and `reasons`.
struct ResourceRanker: Sendable {
    /// Weights of the parts of `fit`; they sum to 1.
    static let skillWeight = 0.45
    static let levelWeight = 0.2
    static let typeWeight = 0.1
    static let costWeight = 0.1
    static let qualityWeight = 0.15

    /// `resources` best first, ties broken by title then id so the order is stable.
    func rank(_ resources: [LearningResource], for context: RankingContext) -> [LearningResource] {
        resources.map { score($0, for: context) }
            .sorted { a, b in
                if a.fit != b.fit { return (a.fit ?? 0) > (b.fit ?? 0) }
                if a.title != b.title { return a.title < b.title }
                return a.id < b.id
            }
    }

    /// `resource` with its fit and the reasons for it.
    func score(_ resource: LearningResource, for context: RankingContext) -> LearningResource {
        var reasons: [String] = []
        let skill = skillMatch(resource, context.skills)
        if let main = resource.skills.first, context.skills.contains(main) {
            reasons.append("Teaches \(main) as its main subject")
        } else if let covered = resource.skills.first(where: context.skills.contains) {
            reasons.append("Covers \(covered) among other skills")
        }
        let target = RankingContext.suitedLevel(
            forLearnerLevel: context.skills.first.flatMap { context.learnerLevels[$0] })
        let distance = abs(resource.level.rank - target.rank)
        let level = distance == 0 ? 1 : distance == 1 ? 0.4 : 0
        if distance == 0 { reasons.append("At \(resource.level.rawValue) level, where you are") }
        let type: Double
        if context.preferredTypes.isEmpty {
            type = 0.5
        } else if context.preferredTypes.contains(resource.type) {
            type = 1
            reasons.append("A \(resource.type.rawValue), as you prefer")
        } else {
            type = 0
        }
        let cost = resource.free ? 1.0 : 0.3
        if resource.free { reasons.append("Free") }
        let quality = quality(of: resource)
        var fit =
            Self.skillWeight * skill + Self.levelWeight * level + Self.typeWeight * type + Self.costWeight * cost
            + Self.qualityWeight * quality
        if let language = context.language, let own = resource.language, own != language {
            // Another language is a last resort, not an equal.
            fit *= 0.5
        }
        var ranked = resource
        ranked.fit = (fit * 1000).rounded() / 1000
        ranked.reasons = reasons
        return ranked
    }

    /// 1 when the first skill asked is the resource's main subject, less for a
    /// later or secondary match, plus credit for covering several asked skills.
    func skillMatch(_ resource: LearningResource, _ skills: [String]) -> Double {
        guard !skills.isEmpty else { return 0.5 }
        var best = 0.0
        for (index, skill) in skills.enumerated() {
            guard let position = resource.skills.firstIndex(of: skill) else { continue }
            let importance = 1 / Double(index + 1)
            let focus = position == 0 ? 1 : 0.6
            best = max(best, importance * focus)
        }
        let covered = Double(skills.filter(resource.skills.contains).count) / Double(skills.count)
        return min(1, 0.8 * best + 0.2 * covered)
    }

    /// 0...1 from who publishes it and how it is received: the curated
    /// catalogue is vetted; live finds earn their place by stars or views.
    func quality(of resource: LearningResource) -> Double {
        switch resource.source {
        case .catalogue:
            return 0.8
        case .github:
            let stars = Double(resource.stars ?? 0)
            return min(1, log10(stars + 1) / 5)  // 100k stars → 1
        case .youtube:
            let views = Double(resource.views ?? 0)
            return min(1, log10(views + 1) / 7)  // 10M views → 1
        }
    }
}
