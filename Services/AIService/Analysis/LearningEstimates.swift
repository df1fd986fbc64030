/// Rough hours of focused study to reach a level in a skill: a planning aid,
/// the same for everyone, so plans can be compared.
///
/// Hours to reach level 3 (working proficiency) from nothing, by category:
///
/// | category  | hours | | category | hours |
/// |-----------|-------| |----------|-------|
/// | language  | 80    | | cloud    | 40    |
/// | ml        | 60    | | security | 40    |
/// | mobile    | 50    | | database | 30    |
/// | framework | 40    | | devops   | 30    |
/// | data      | 40    | | frontend | 30    |
/// | design    | 30    | | product  | 30    |
/// | library   | 25    | | practice | 25    |
/// | testing   | 20    | | soft     | 20    |
/// | tool      | 15    | | other    | 30    |
///
/// Other levels scale that by the cumulative factor for the level (1: 0.25,
/// 2: 0.5, 3: 1, 4: 2, 5: 3.5: each level past working proficiency costs more
/// than all before it); going from level a to b costs factor(b) − factor(a).
/// A close relative already held (`SkillRelations`) halves the cost. Results are
/// whole hours, at least 1.
enum LearningEstimates {
    static let hoursToWorkingLevel: [String: Double] = [
        "language": 80, "ml": 60, "mobile": 50, "framework": 40, "data": 40, "cloud": 40, "security": 40,
        "design": 30, "database": 30, "devops": 30, "frontend": 30, "product": 30, "library": 25, "practice": 25,
        "testing": 20, "soft": 20, "tool": 15,
    ]
    static let otherCategoryHours = 30.0

    /// Cumulative factor by level; index 0 is "not at all".
    static let levelFactor: [Double] = [0, 0.25, 0.5, 1, 2, 3.5]

    static let closeRelativeFactor = 0.5

    /// The level a plan aims for when the target names none: working proficiency.
    static let defaultTargetLevel = 3

    static func hours(category: String, from: Int?, to: Int, closeRelativeHeld: Bool = false) -> Int {
        let base = hoursToWorkingLevel[category] ?? otherCategoryHours
        let target = levelFactor[min(5, max(1, to))]
        let start = from.map { levelFactor[min(5, max(0, $0))] } ?? 0
        var hours = base * max(0, target - start)
        if closeRelativeHeld { hours *= closeRelativeFactor }
        return max(1, Int(hours.rounded(.toNearestOrAwayFromZero)))
    }
}
