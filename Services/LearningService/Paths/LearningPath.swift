import Contracts
import Foundation

/// A saved learning path as the API answers it: the ordered steps with their
/// chosen resources, the milestones they group into, and the progress so far.
struct LearningPath: Codable, Sendable, Equatable {
    /// Whether the path was asked for as a list of skills or from an analyze report.
    enum Origin: String, Codable, Sendable {
        case skills, analysis
    }

    var id: String
    var title: String
    var targetRole: String?
    var origin: Origin
    var steps: [PathStep]
    var milestones: [PathMilestone]
    var progress: PathProgress
    var createdAt: Date
    var updatedAt: Date
}

/// One skill to learn, in an order where every prerequisite comes first.
struct PathStep: Codable, Sendable, Equatable {
    enum Status: String, Codable, Sendable, CaseIterable {
        case notStarted = "not_started"
        case inProgress = "in_progress"
        case done
    }

    /// Why the skill is on the path: asked for, or needed by something asked for.
    enum Role: String, Codable, Sendable {
        case target, prerequisite
    }

    /// Where `estimatedHours` came from.
    enum HoursSource: String, Codable, Sendable {
        /// The analyze report's estimate for the skill.
        case analysis
        /// The primary resource's length.
        case resource
        /// Neither was known: `PathBuilder.defaultHours`.
        case estimate
    }

    /// Whether the "learning" evidence of finishing this step reached profile-service.
    enum Evidence: String, Codable, Sendable {
        /// Saved here, on its way (profile-service was unreachable; it is retried).
        case pending
        case recorded
    }

    var id: String
    /// 1-based.
    var position: Int
    var skillId: String
    var skillName: String
    var role: Role
    /// Skills of earlier steps this one builds on directly.
    var prerequisites: [String]
    /// Index into the path's `milestones`.
    var milestone: Int
    /// The level to reach, 1 … 5, when the analyze report said.
    var targetLevel: Int?
    var estimatedHours: Double
    var hoursFrom: HoursSource
    /// The best resource for the step as it was when the path was built; nil
    /// when the catalogue had none.
    var resource: LearningResource?
    /// Up to three others, best first.
    var alternatives: [LearningResource]
    var status: Status
    var note: String?
    var startedAt: Date?
    var completedAt: Date?
    /// Nil until the step is done.
    var evidence: Evidence?
}

/// A stage of the path: consecutive steps at the same prerequisite depth.
struct PathMilestone: Codable, Sendable, Equatable {
    var index: Int
    /// "Foundations: Git, Linux".
    var title: String
    /// Positions of its steps.
    var steps: [Int]
    var estimatedHours: Double
    var doneSteps: Int
    var completed: Bool
}

/// How far along a path (or a milestone) is.
struct PathProgress: Codable, Sendable, Equatable {
    var totalSteps: Int
    var doneSteps: Int
    var inProgressSteps: Int
    var hoursTotal: Double
    var hoursDone: Double
    /// Share of the estimated hours done, 0 … 100.
    var percent: Int

    init(totalSteps: Int, doneSteps: Int, inProgressSteps: Int, hoursTotal: Double, hoursDone: Double) {
        self.totalSteps = totalSteps
        self.doneSteps = doneSteps
        self.inProgressSteps = inProgressSteps
        self.hoursTotal = hoursTotal
        self.hoursDone = hoursDone
        if totalSteps > 0, doneSteps == totalSteps {
            percent = 100
        } else {
            // Rounded down, so 100 means every step is done.
            percent = hoursTotal > 0 ? min(99, Int((hoursDone / hoursTotal * 100).rounded(.down))) : 0
        }
    }

    init(of steps: [PathStep]) {
        self.init(
            totalSteps: steps.count, doneSteps: steps.filter { $0.status == .done }.count,
            inProgressSteps: steps.filter { $0.status == .inProgress }.count,
            hoursTotal: steps.reduce(0) { $0 + $1.estimatedHours },
            hoursDone: steps.filter { $0.status == .done }.reduce(0) { $0 + $1.estimatedHours })
    }
}

/// A path in the list of the user's paths: no steps, just how far along it is.
struct PathSummary: Codable, Sendable, Equatable {
    var id: String
    var title: String
    var targetRole: String?
    var origin: LearningPath.Origin
    var progress: PathProgress
    var createdAt: Date
    var updatedAt: Date
}

struct PathList: Codable, Sendable, Equatable {
    var items: [PathSummary]
}
