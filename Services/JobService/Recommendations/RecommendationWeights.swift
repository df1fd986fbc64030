import Foundation
import SkillMatching

/// How a recommendation's parts blend into its 0–100 score. Skills dominate, as
/// in the AI service's match score; the title, the embedding similarity, the
/// preferences and recency refine the order.
///
///     score = 100 × (0.55 × skills + 0.15 × title + 0.15 × embedding + 0.10 × preferences + 0.05 × recency)
///
/// A part with nothing to measure (no target titles, no vectors, no stated
/// preference that the posting speaks to) is left out and its weight shared
/// among the others in proportion, as `MatchScoring` does, so no score is
/// padded with a guess. The skills part is always measured.
enum RecommendationWeights {
    enum Part: String, CaseIterable, Sendable {
        case skills
        case title
        case embedding
        case preferences
        case recency
    }

    static let base: [Part: Double] = [
        .skills: 0.55, .title: 0.15, .embedding: 0.15, .preferences: 0.10, .recency: 0.05,
    ]

    /// The score (0–100, one decimal) and the weights used, by part name (4 decimals).
    static func blend(_ values: [Part: Double]) -> (score: Double, weights: [String: Double]) {
        let present = values.keys.map { base[$0] ?? 0 }.reduce(0, +)
        guard present > 0 else { return (0, [:]) }
        var raw = 0.0
        var weights: [String: Double] = [:]
        // In a fixed order, so equal inputs always round alike.
        for part in Part.allCases {
            guard let value = values[part] else { continue }
            let weight = (base[part] ?? 0) / present
            raw += weight * min(1, max(0, value))
            weights[part.rawValue] = MatchScoring.rounded(weight)
        }
        return ((raw * 1_000).rounded() / 10, weights)
    }

    /// Half the weight every 30 days: a posting a month old is half as fresh.
    static let recencyHalfLife: TimeInterval = 30 * 86_400

    static func recency(postedAt: Date, now: Date) -> Double {
        let age = max(0, now.timeIntervalSince(postedAt))
        return pow(0.5, age / recencyHalfLife)
    }

    /// Cosine similarity as a 0–1 part: negative similarity (unrelated texts) is 0.
    static func embeddingPart(cosine: Double) -> Double { min(1, max(0, cosine)) }
}
