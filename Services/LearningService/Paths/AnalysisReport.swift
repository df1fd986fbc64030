/// The part of the AI service's `POST /skills/analyze` answer
/// (`SkillAnalysisResponse`) a path is built from. Every field is optional so
/// a client may pass the whole report or only what matters here.
struct AnalysisReport: Decodable, Sendable {
    struct Target: Decodable, Sendable {
        var roleId: String?
        var title: String?
    }

    struct NextStep: Decodable, Sendable {
        var order: Int?
        var skillId: String
        /// "required", "preferred" or "prerequisite".
        var importance: String?
        var estimatedHours: Double?
        var fromLevel: Int?
        var toLevel: Int?
    }

    struct Missing: Decodable, Sendable {
        var skillId: String
        var requiredLevel: Int?
    }

    struct LevelGap: Decodable, Sendable {
        var skillId: String
        var have: Int?
        var need: Int?
    }

    struct Matched: Decodable, Sendable {
        var skillId: String
        var level: Int?
    }

    var target: Target?
    var matched: [Matched]?
    var missingRequired: [Missing]?
    var missingPreferred: [Missing]?
    var levelGaps: [LevelGap]?
    var nextSteps: [NextStep]?
}
