import Contracts
import Foundation
import SkillMatching
import Taxonomy

/// Scores candidates for one person and explains each score: every part, its
/// weight, and a sentence for each notable reason.
struct RecommendationScorer: Sendable {
    /// One candidate's parts and score.
    struct Scored: Sendable {
        var candidate: RecommendationCandidate
        var skills: SkillFit
        var title: TitleSimilarity.Match?
        var preferences: PreferenceFit
        var recency: Double
        /// The embedding part (0–1), when both sides have a vector of one model.
        var embedding: Double?
        var score: Double
        var weights: [String: Double]
    }

    let taxonomy: Taxonomy
    let skills: SkillFitScorer
    let titles: TitleSimilarity
    let preferences: PreferenceFit.Wanted?
    let now: Date

    init(taxonomy: Taxonomy, profile: RecommendationProfile, now: Date) {
        self.taxonomy = taxonomy
        skills = SkillFitScorer(taxonomy: taxonomy, profile: profile)
        titles = TitleSimilarity(profile.titles)
        preferences = PreferenceFit.Wanted(profile.preferences)
        self.now = now
    }

    /// The candidate's score without the embedding part.
    func score(_ candidate: RecommendationCandidate, memo: inout ScoringMemo) -> Scored {
        let title: TitleSimilarity.Match?
        if let known = memo.titles[candidate.title] {
            title = known
        } else {
            title = titles.match(candidate.title)
            memo.titles[candidate.title] = title
        }
        var scored = Scored(
            candidate: candidate,
            skills: skills.fit(
                required: candidate.requiredSkills, preferred: candidate.preferredSkills,
                seniority: candidate.seniority, memo: &memo),
            title: title, preferences: PreferenceFit.of(candidate, wanted: preferences),
            recency: RecommendationWeights.recency(postedAt: candidate.sortAt, now: now), embedding: nil, score: 0,
            weights: [:])
        blend(&scored)
        return scored
    }

    /// The score again with the embedding part from the cosine similarity of the vectors.
    func adding(cosine: Double, to scored: Scored) -> Scored {
        var scored = scored
        scored.embedding = RecommendationWeights.embeddingPart(cosine: cosine)
        blend(&scored)
        return scored
    }

    private func blend(_ scored: inout Scored) {
        var parts: [RecommendationWeights.Part: Double] = [
            .skills: Double(scored.skills.score.value) / 100, .recency: scored.recency,
        ]
        parts[.title] = scored.title?.similarity
        parts[.embedding] = scored.embedding
        parts[.preferences] = scored.preferences.value
        (scored.score, scored.weights) = RecommendationWeights.blend(parts)
    }

    /// Best first: score, then the newer posting, then id, so equal scores keep one order.
    static func ranks(_ first: Scored, before second: Scored) -> Bool {
        if first.score != second.score { return first.score > second.score }
        if first.candidate.sortAt != second.candidate.sortAt { return first.candidate.sortAt > second.candidate.sortAt }
        return Self.orderKey(first.candidate.id) < Self.orderKey(second.candidate.id)
    }

    /// A UUID's bytes as two big-endian integers: they order UUIDs as their
    /// strings do, without building two strings per comparison (which was
    /// most of the cost of sorting 1,500 candidates).
    static func orderKey(_ id: UUID) -> (UInt64, UInt64) {
        withUnsafeBytes(of: id.uuid) { bytes in
            (
                UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            )
        }
    }

    /// The best `count` of `scored`, in rank order. Sorting positions rather
    /// than the values moves eight bytes per swap instead of a whole `Scored`.
    static func best(_ scored: [Scored], count: Int) -> [Scored] {
        let order = scored.indices.sorted { ranks(scored[$0], before: scored[$1]) }
        return order.prefix(count).map { scored[$0] }
    }

    func recommendation(_ scored: Scored, job: Job) -> JobRecommendation {
        let explanation = RecommendationExplanation(
            skillScore: scored.skills.score.value,
            titleSimilarity: scored.title.map { MatchScoring.rounded($0.similarity) },
            embeddingSimilarity: scored.embedding.map(MatchScoring.rounded),
            recency: MatchScoring.rounded(scored.recency),
            preferenceFit: scored.preferences.value.map(MatchScoring.rounded),
            weights: scored.weights, reasons: reasons(scored))
        return JobRecommendation(
            job: job, score: scored.score, matchedSkills: scored.skills.matched, missingSkills: scored.skills.missing,
            explanation: explanation)
    }

    // MARK: Reasons

    func reasons(_ scored: Scored) -> [String] {
        skillReasons(scored.skills) + titleReasons(scored.title) + scored.preferences.reasons
            + recencyReasons(scored.candidate.sortAt) + embeddingReasons(scored.embedding)
    }

    private func name(_ id: String) -> String { taxonomy.skill(id)?.name ?? id }

    private func list(_ ids: some Collection<String>, limit: Int = 3) -> String {
        let names = ids.prefix(limit).map(name)
        let more = ids.count > limit ? " and \(ids.count - limit) more" : ""
        return names.joined(separator: ", ") + more
    }

    private func skillReasons(_ fit: SkillFit) -> [String] {
        func plural(_ count: Int) -> String { count == 1 ? "skill" : "skills" }
        guard fit.requiredCount + fit.preferredCount > 0 else {
            return ["The posting names no skills we recognise, so skills add nothing to its score"]
        }
        var reasons: [String] = []
        if fit.requiredCount > 0 {
            reasons.append("You have \(fit.requiredHeld) of \(fit.requiredCount) required \(plural(fit.requiredCount))")
        }
        if fit.preferredCount > 0 {
            reasons.append(
                "You have \(fit.preferredHeld) of \(fit.preferredCount) preferred \(plural(fit.preferredCount))")
        }
        let missingRequired = fit.missing.prefix(fit.requiredCount - fit.requiredHeld)
        if !missingRequired.isEmpty { reasons.append("Missing required: \(list(missingRequired))") }
        for id in fit.missing {
            if let relative = skills.relations.closeRelativeHeld(of: id) {
                reasons.append("Half credit for \(name(id)): you know \(name(relative)), a close relative")
            }
        }
        if !fit.belowLevel.isEmpty {
            reasons.append("Below the level the posting asks for in \(list(fit.belowLevel))")
        }
        if let cap = fit.score.cap, cap.applied {
            reasons.append("Skill score capped at \(cap.limit) while required skills are missing")
        }
        return reasons
    }

    private func titleReasons(_ match: TitleSimilarity.Match?) -> [String] {
        guard let match, match.similarity >= 0.5 else { return [] }
        let closeness = match.similarity == 1 ? "matches" : "is close to"
        let phrase = match.phrase
        switch phrase.origin {
        case .targetRole: return ["Title \(closeness) your target role \(phrase.roleTitle ?? phrase.text)"]
        case .headline: return ["Title \(closeness) your headline \(phrase.text)"]
        case .position: return ["Title \(closeness) your latest position \(phrase.text)"]
        }
    }

    private func recencyReasons(_ postedAt: Date) -> [String] {
        let days = max(0, Int(now.timeIntervalSince(postedAt) / 86_400))
        guard days <= 7 else { return [] }
        return [days == 0 ? "Posted today" : "Posted \(days) day\(days == 1 ? "" : "s") ago"]
    }

    private func embeddingReasons(_ similarity: Double?) -> [String] {
        guard let similarity, similarity >= 0.5 else { return [] }
        return ["Your profile and this posting read alike (similarity \(MatchScoring.format(similarity)))"]
    }
}
