import Contracts

/// What scoring one person's candidates works out once and reuses across
/// postings: each skill's credit, the match score of each combination of
/// credits and level ratios (postings repeat the same few), and each title's
/// similarity (boards repeat titles).
struct ScoringMemo: Sendable {
    /// The credits and ratios a `MatchScore` is computed from, each sorted:
    /// the score depends on their means and counts, not their order.
    struct ScoreKey: Hashable, Sendable {
        var required: [Double]
        var preferred: [Double]
        var levelRatios: [Double]
    }

    var credits: [String: Double] = [:]
    var scores: [ScoreKey: MatchScore] = [:]
    var titles: [String: TitleSimilarity.Match?] = [:]
}
