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
    /// Languages the learner reads (ISO 639-1); empty when unknown, and then
    /// no language is preferred.
    var languages: Set<String>

    init(
        skills: [String], learnerLevels: [String: Int] = [:], preferredTypes: Set<LearningResource.Kind> = [],
        language: String? = nil, languages: Set<String> = []
    ) {
        self.skills = skills
        self.learnerLevels = learnerLevels
        self.preferredTypes = preferredTypes
        self.languages = languages.union(language.map { [$0] } ?? [])
    }

    /// The resource level that suits a learner at `level` (nil: never shown the skill).
    static func suitedLevel(forLearnerLevel level: Int?) -> LearningResource.Level {
        switch level ?? 0 {
        case ...1: .beginner
        case 2...3: .intermediate
        default: .advanced
        }
    }

    /// The resource level that suits this learner for `skill`.
    func suitedLevel(for skill: String) -> LearningResource.Level {
        Self.suitedLevel(forLearnerLevel: learnerLevels[skill])
    }

    /// Whether the learner reads `language`; true when either is unknown.
    func reads(_ language: String?) -> Bool {
        guard let language, !languages.isEmpty else { return true }
        return languages.contains(language)
    }
}
