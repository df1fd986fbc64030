import Contracts

/// How well a resource's level suits the level the learner is ready for: the
/// same level is right, one above is a useful stretch, one below mostly
/// repeats what they know, two apart misses.
enum LevelFit {
    /// 0...1 for a resource at `level` and a learner ready for `target`.
    static func score(_ level: LearningResource.Level, target: LearningResource.Level) -> Double {
        switch level.rank - target.rank {
        case 0: 1
        case 1: 0.5
        case -1: 0.3
        default: 0
        }
    }

    /// The level in plain words, for `skill` (its name).
    static func reason(_ level: LearningResource.Level, target: LearningResource.Level, skill: String) -> String {
        let named = level.rawValue.prefix(1).uppercased() + level.rawValue.dropFirst() + " level"
        switch (level.rank - target.rank, target) {
        case (0, .beginner): return "\(named), a good start in \(skill)"
        case (0, .intermediate): return "\(named), the next step from what you know of \(skill)"
        case (0, _): return "\(named), for your experience with \(skill)"
        case (1, _): return "\(named), a stretch from where you are in \(skill)"
        case (2, _): return "\(named), likely too hard before the basics of \(skill)"
        case (-1, _): return "\(named), likely below where you are in \(skill)"
        default: return "\(named), mostly what you already know of \(skill)"
        }
    }
}
