/// The knobs of deterministic tailoring.
struct TailoringOptions: Sendable, Equatable {
    /// Most skills the summary names.
    var summarySkillLimit: Int
    /// Highlights per entry beyond which those naming no job skill are dropped; nil keeps all.
    var highlightCap: Int?
    /// Fewest highlights an entry keeps whatever the cap (never fewer than it had, if it had fewer).
    var minimumHighlights: Int

    init(summarySkillLimit: Int = 5, highlightCap: Int? = 6, minimumHighlights: Int = 3) {
        self.summarySkillLimit = summarySkillLimit
        self.highlightCap = highlightCap
        self.minimumHighlights = minimumHighlights
    }
}
