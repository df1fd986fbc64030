import Contracts

/// What a ranking is for: the skills asked about and what is known of the learner.
struct RankingContext: Sendable, Equatable {
    /// Taxonomy skill ids asked about, the most important first.
    var skills: [String]
    /// The learner's current level per skill, 1 (aware) … 5 (expert), from
    /// their profile; a skill absent here is one they have not shown.
    var learnerLevels: [String: Int]
    /// Resource types the learner prefers; empty when they said nothing.
    var preferredTypes: Set<LearningResource.Kind>
    /// The learner's language (ISO 639-1); nil when unknown.
    var language: String?

    init(
        skills: [String], learnerLevels: [String: Int] = [:], preferredTypes: Set<LearningResource.Kind> = [],
        language: String? = nil
    ) {
        self.skills = skills
        self.learnerLevels = learnerLevels
        self.preferredTypes = preferredTypes
        self.language = language
    }

    /// The resource level that suits a learner at `level` (nil: never shown the skill).
    static func suitedLevel(forLearnerLevel level: Int?) -> LearningResource.Level {
        switch level ?? 0 {
        case ...1: .beginner
        case 2...3: .intermediate
        default: .advanced
        }
    }
}
