import Contracts

/// The match score: hard requirements dominate, as in résumé-matching tools that
/// weigh must-have skills above everything else.
///
///     score = 100 × (0.70 × requiredCoverage + 0.20 × preferredCoverage + 0.10 × levelFit)
///
/// - `requiredCoverage`, `preferredCoverage`: credit over count, where a held or
///   implied skill earns 1 and a missing one with a close relative held 0.5
///   (`SkillRelations`).
/// - `levelFit`: the mean of min(1, have ÷ need) over matched skills whose level
///   and needed level are both known.
/// - A component with nothing to measure (no preferred skills, no known levels)
///   is left out and its weight shared among the others in proportion, so the
///   score is never padded with a guess.
/// - Must-have cap: while any required skill is missing (half credit included),
///   the score is at most min(69, ⌊90 × requiredCoverage⌋): never in the 70s that
///   read as a good match, and lower the more must-haves are missing.
///
/// Scores round half up to whole numbers; components are reported to 4 decimals.
public enum MatchScoring {
    public static let requiredWeight = 0.70
    public static let preferredWeight = 0.20
    public static let levelWeight = 0.10
    public static let capCeiling = 69
    public static let capFactor = 90.0

    /// - Parameters:
    ///   - required: the credit (0, 0.5 or 1) of each required skill.
    ///   - preferred: the credit of each preferred skill.
    ///   - levelRatios: min(1, have ÷ need) of each matched skill with both levels known.
    public static func score(required: [Double], preferred: [Double], levelRatios: [Double]) -> MatchScore {
        func mean(_ values: [Double]) -> Double? {
            values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
        let requiredCoverage = mean(required)
        let preferredCoverage = mean(preferred)
        let levelFit = mean(levelRatios)

        let parts: [(value: Double?, weight: Double)] = [
            (requiredCoverage, requiredWeight), (preferredCoverage, preferredWeight), (levelFit, levelWeight),
        ]
        let present = parts.filter { $0.value != nil }.map(\.weight).reduce(0, +)
        func effective(_ part: (value: Double?, weight: Double)) -> Double {
            part.value == nil || present == 0 ? 0 : part.weight / present
        }
        let weights = MatchScore.Weights(
            required: rounded(effective(parts[0])), preferred: rounded(effective(parts[1])),
            level: rounded(effective(parts[2])))
        let raw = parts.map { ($0.value ?? 0) * effective($0) }.reduce(0, +)
        let uncapped = Int((100 * raw).rounded(.toNearestOrAwayFromZero))

        var cap: MatchScore.Cap?
        if let requiredCoverage, required.contains(where: { $0 < 1 }) {
            let missing = required.filter { $0 < 1 }.count
            // The epsilon keeps 90 × 4/6 at 60, not 59.999….
            let limit = min(capCeiling, Int((capFactor * requiredCoverage + 1e-9).rounded(.down)))
            cap = MatchScore.Cap(
                limit: limit, applied: uncapped > limit,
                reason:
                    "\(missing) of \(required.count) required skill\(required.count == 1 ? "" : "s") missing: "
                    + "the score is at most min(\(capCeiling), 90 × requiredCoverage)")
        }
        let value = min(uncapped, cap?.limit ?? 100)

        let formula =
            "score = 100 × (\(format(weights.required)) × requiredCoverage + \(format(weights.preferred)) × "
            + "preferredCoverage + \(format(weights.level)) × levelFit); any required skill missing caps it at "
            + "min(\(capCeiling), 90 × requiredCoverage)"
        return MatchScore(
            value: value, uncapped: uncapped, formula: formula, requiredCoverage: requiredCoverage.map(rounded),
            preferredCoverage: preferredCoverage.map(rounded), levelFit: levelFit.map(rounded), weights: weights,
            cap: cap)
    }

    public static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    public static func format(_ weight: Double) -> String {
        let hundredths = Int((weight * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
