import Contracts
import Foundation
import Taxonomy

/// Orders resources by how well each fits a request and a learner: skill
/// match, level against the learner's level in that skill, preferred type,
/// cost and quality. Each ranked resource carries its `fit` (0...1) and the
/// `reasons` for it in plain words.
///
/// Resources in a language the learner doesn't read come after all the others
/// (and their fit is halved): a perfect match they can't follow helps less
/// than a fair one they can. Within each group the order is by fit, compared
/// before rounding, so small differences in stars or views still break ties;
/// then by title and id, so the order is stable.
struct ResourceRanker: Sendable {
    /// Weights of the parts of `fit`; they sum to 1.
    static let skillWeight = 0.4
    static let levelWeight = 0.2
    static let typeWeight = 0.1
    static let costWeight = 0.1
    static let qualityWeight = 0.2
    /// What a resource in another language keeps of its fit.
    static let otherLanguageFactor = 0.5
    /// Cost part of a paid resource (a free one scores 1).
    static let paidCost = 0.3

    /// Names skills in reasons; without it reasons use the ids.
    var taxonomy: Taxonomy?

    init(taxonomy: Taxonomy? = nil) {
        self.taxonomy = taxonomy
    }

    /// One resource's evaluation, before rounding.
    struct Evaluation: Sendable {
        var resource: LearningResource
        var fit: Double
        var readable: Bool
    }

    /// `resources` best first, each with its fit and reasons.
    func rank(_ resources: [LearningResource], for context: RankingContext) -> [LearningResource] {
        resources.map { evaluate($0, for: context) }
            .sorted { a, b in
                if a.readable != b.readable { return a.readable }
                if a.fit != b.fit { return a.fit > b.fit }
                if a.resource.title != b.resource.title { return a.resource.title < b.resource.title }
                return a.resource.id < b.resource.id
            }
            .map(\.resource)
    }

    /// `resource` with its fit (rounded to three places) and the reasons for it.
    func score(_ resource: LearningResource, for context: RankingContext) -> LearningResource {
        evaluate(resource, for: context).resource
    }

    func evaluate(_ resource: LearningResource, for context: RankingContext) -> Evaluation {
        var reasons: [String] = []
        let match = skillMatch(resource, context.skills)
        if let skill = match.skill {
            reasons.append(
                match.position == 0
                    ? "\(name(skill)) is its main subject"
                    : "Covers \(name(skill)) alongside \(Self.listed(resource.skills.prefix(3).filter { $0 != skill }.map(name)))"
            )
        }
        // The level that suits the learner in the skill this resource is chosen for
        // (its main subject when no skill was asked).
        let levelSkill = match.skill ?? resource.skills.first
        let target = levelSkill.map(context.suitedLevel(for:)) ?? .beginner
        let level = LevelFit.score(resource.level, target: target)
        reasons.append(LevelFit.reason(resource.level, target: target, skill: levelSkill.map(name) ?? "it"))
        let type: Double
        if context.preferredTypes.isEmpty {
            type = 0.5
        } else if context.preferredTypes.contains(resource.type) {
            type = 1
            reasons.append("\(Self.noun(resource.type)), as you prefer")
        } else {
            type = 0
        }
        let cost = resource.free ? 1 : Self.paidCost
        reasons.append(resource.free ? "Free" : "Paid")
        let quality = QualitySignals.score(resource)
        reasons.append(QualitySignals.reason(resource))
        var fit =
            Self.skillWeight * match.score + Self.levelWeight * level + Self.typeWeight * type + Self.costWeight
            * cost + Self.qualityWeight * quality
        let readable = context.reads(resource.language)
        if !readable, let language = resource.language {
            fit *= Self.otherLanguageFactor
            reasons.append("In \(Self.languageName(language)), not a language you asked for")
        }
        var ranked = resource
        ranked.fit = (fit * 1000).rounded() / 1000
        ranked.reasons = reasons
        return Evaluation(resource: ranked, fit: fit, readable: readable)
    }

    /// How a resource matches the asked skills: 1 when the first skill asked is
    /// its main subject, less for a later skill or a secondary mention, plus
    /// credit for covering several; with the asked skill it is chosen for and
    /// where that skill sits in its list. 0.5 for everything when none was asked.
    func skillMatch(_ resource: LearningResource, _ skills: [String]) -> (score: Double, skill: String?, position: Int?)
    {
        guard !skills.isEmpty else { return (0.5, nil, nil) }
        var best = 0.0
        var chosen: (skill: String, position: Int)?
        for (index, skill) in skills.enumerated() {
            guard let position = resource.skills.firstIndex(of: skill) else { continue }
            let importance = 1 / Double(index + 1)
            let focus = position == 0 ? 1 : position == 1 ? 0.6 : 0.45
            if importance * focus > best {
                best = importance * focus
                chosen = (skill, position)
            }
        }
        let covered = Double(skills.filter(resource.skills.contains).count) / Double(skills.count)
        return (min(1, 0.8 * best + 0.2 * covered), chosen?.skill, chosen?.position)
    }

    private func name(_ skill: String) -> String { taxonomy?.skill(skill)?.name ?? skill }

    private static func noun(_ kind: LearningResource.Kind) -> String {
        switch kind {
        case .course: "A course"
        case .video: "A video"
        case .docs: "Documentation"
        case .book: "A book"
        case .tutorial: "A tutorial"
        case .project: "A practice project"
        case .repo: "A repository"
        }
    }

    /// "A", "A and B", "A, B and C".
    private static func listed(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
    }

    /// English name of an ISO 639-1 code, or the code.
    static func languageName(_ code: String) -> String {
        Locale(identifier: "en").localizedString(forLanguageCode: code) ?? code
    }
}
