import Contracts
import SkillMatching
import Taxonomy

/// How a posting's skills meet a person's, scored exactly as the AI service's
/// `POST /skills/analyze` scores a target: each requirement's credit from
/// `SkillRelations` (1 held or implied, 0.5 for a held close relative, else 0),
/// level ratios min(1, have ÷ need) for skills held outright whose level and
/// needed level are both known, and `MatchScoring` over them.
struct SkillFit: Sendable, Equatable {
    var score: MatchScore
    /// The posting's skills the person has (held or implied), required first.
    var matched: [String]
    /// The posting's skills the person lacks (half credit included), required first.
    var missing: [String]
    /// Required skills, and how many of them are held or implied.
    var requiredCount: Int
    var requiredHeld: Int
    var preferredCount: Int
    var preferredHeld: Int
    /// Matched skills held below the level the posting asks for.
    var belowLevel: [String]
}

/// Scores postings' skills against one person's; credits and scores are
/// worked out once and reused across postings (`ScoringMemo`).
struct SkillFitScorer: Sendable {
    let relations: SkillRelations
    let levels: [String: Int]
    private let held: Set<String>

    init(taxonomy: Taxonomy, profile: RecommendationProfile) {
        relations = SkillRelations(taxonomy: taxonomy, held: profile.heldSkills)
        levels = profile.levels
        held = Set(profile.heldSkills)
    }

    /// The level a posting's seniority asks of its required skills (its
    /// preferred ones a level less, as for a role in the analysis); nil for
    /// seniorities that name no level ("manager", "director").
    static func neededLevel(seniority: String?) -> Int? {
        seniority.flatMap { ExperienceLevels.seniority[$0] }
    }

    func fit(
        required: [String], preferred: [String], seniority: String?, memo: inout ScoringMemo
    ) -> SkillFit {
        let need = Self.neededLevel(seniority: seniority)
        var matched: [String] = []
        var missing: [String] = []
        var missingPreferred: [String] = []
        var belowLevel: [String] = []
        var requiredCredits: [Double] = []
        var preferredCredits: [Double] = []
        var levelRatios: [Double] = []
        for (skills, isRequired) in [(required, true), (preferred, false)] {
            for id in skills {
                let credit: Double
                if let known = memo.credits[id] {
                    credit = known
                } else {
                    credit = relations.credit(for: id)
                    memo.credits[id] = credit
                }
                if isRequired { requiredCredits.append(credit) } else { preferredCredits.append(credit) }
                guard credit == 1 else {
                    if isRequired { missing.append(id) } else { missingPreferred.append(id) }
                    continue
                }
                matched.append(id)
                // Levels count only for skills held outright, as in the analysis.
                if held.contains(id), let have = levels[id], let need {
                    let needed = isRequired ? need : max(1, need - 1)
                    levelRatios.append(min(1, Double(have) / Double(needed)))
                    if have < needed { belowLevel.append(id) }
                }
            }
        }
        let key = ScoringMemo.ScoreKey(
            required: requiredCredits.sorted(), preferred: preferredCredits.sorted(), levelRatios: levelRatios.sorted())
        let score: MatchScore
        if let known = memo.scores[key] {
            score = known
        } else {
            score = MatchScoring.score(required: requiredCredits, preferred: preferredCredits, levelRatios: levelRatios)
            memo.scores[key] = score
        }
        return SkillFit(
            score: score,
            matched: matched, missing: missing + missingPreferred, requiredCount: required.count,
            requiredHeld: requiredCredits.filter { $0 == 1 }.count, preferredCount: preferred.count,
            preferredHeld: preferredCredits.filter { $0 == 1 }.count, belowLevel: belowLevel)
    }
}
