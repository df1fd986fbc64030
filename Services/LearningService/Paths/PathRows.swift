import Contracts
import Database
import Foundation

/// The mapping between the paths and path_steps tables and the API's types.
enum PathRows {
    static let pathColumns = "id, title, target_role, origin, milestones, created_at, updated_at"

    /// Step columns, with whether evidence of finishing it is still on its way.
    static let stepColumns = """
        s.id, s.path_id, s.position, s.skill_id, s.skill_name, s.role, s.prerequisites, s.milestone, s.target_level,
        s.estimated_hours, s.hours_from, s.resource, s.alternatives, s.status, s.note, s.started_at, s.completed_at,
        s.evidence_recorded_at, EXISTS (SELECT 1 FROM evidence_outbox o WHERE o.step_id = s.id) AS evidence_pending
        """

    /// One step as `jsonb_to_recordset` reads it when a path is saved.
    struct NewStep: Codable, Sendable {
        var id: String
        var position: Int
        var skillId: String
        var skillName: String
        var role: String
        var prerequisites: [String]
        var milestone: Int
        var targetLevel: Int?
        var estimatedHours: Double
        var hoursFrom: String
        var resource: LearningResource?
        var alternatives: [LearningResource]

        private enum CodingKeys: String, CodingKey {
            case id, position
            case skillId = "skill_id"
            case skillName = "skill_name"
            case role, prerequisites, milestone
            case targetLevel = "target_level"
            case estimatedHours = "estimated_hours"
            case hoursFrom = "hours_from"
            case resource, alternatives
        }

        init(_ step: PathStep) {
            id = step.id
            position = step.position
            skillId = step.skillId
            skillName = step.skillName
            role = step.role.rawValue
            prerequisites = step.prerequisites
            milestone = step.milestone
            targetLevel = step.targetLevel
            estimatedHours = step.estimatedHours
            hoursFrom = step.hoursFrom.rawValue
            resource = step.resource
            alternatives = step.alternatives
        }
    }

    static let newStepColumns = """
        id uuid, position integer, skill_id text, skill_name text, role text, prerequisites text[], milestone integer,
        target_level smallint, estimated_hours double precision, hours_from text, resource jsonb, alternatives jsonb
        """

    static func step(from row: DatabaseRow) throws -> PathStep {
        let role: String = try row.decode("role")
        let hoursFrom: String = try row.decode("hours_from")
        let status: String = try row.decode("status")
        guard let role = PathStep.Role(rawValue: role), let hoursFrom = PathStep.HoursSource(rawValue: hoursFrom),
            let status = PathStep.Status(rawValue: status)
        else {
            // The table's CHECK constraints make this unreachable short of a hand-edited row.
            throw DatabaseError(.decodingFailed, "path step row with role \(role), status \(status)")
        }
        let pending: Bool = try row.decode("evidence_pending")
        let recorded: Date? = try row.decode("evidence_recorded_at")
        return PathStep(
            id: try row.decode(UUID.self, "id").uuidString.lowercased(), position: try row.decode("position"),
            skillId: try row.decode("skill_id"), skillName: try row.decode("skill_name"), role: role,
            prerequisites: try row.decode("prerequisites"), milestone: try row.decode("milestone"),
            targetLevel: try row.decode("target_level"), estimatedHours: try row.decode("estimated_hours"),
            hoursFrom: hoursFrom, resource: try row.decode(JSONB<LearningResource>?.self, "resource")?.value,
            alternatives: try row.decode(JSONB<[LearningResource]>.self, "alternatives").value, status: status,
            note: try row.decode("note"), startedAt: try row.decode("started_at"),
            completedAt: try row.decode("completed_at"),
            evidence: pending ? .pending : recorded != nil && status == .done ? .recorded : nil)
    }

    static func path(from row: DatabaseRow, steps: [PathStep]) throws -> LearningPath {
        let origin: String = try row.decode("origin")
        let titles = try row.decode(JSONB<[String]>.self, "milestones").value
        return LearningPath(
            id: try row.decode(UUID.self, "id").uuidString.lowercased(), title: try row.decode("title"),
            targetRole: try row.decode("target_role"), origin: LearningPath.Origin(rawValue: origin) ?? .skills,
            steps: steps, milestones: PathMilestones.view(titles: titles, steps: steps),
            progress: PathProgress(of: steps), createdAt: try row.decode("created_at"),
            updatedAt: try row.decode("updated_at"))
    }

    static func summary(from row: DatabaseRow) throws -> PathSummary {
        let origin: String = try row.decode("origin")
        return PathSummary(
            id: try row.decode(UUID.self, "id").uuidString.lowercased(), title: try row.decode("title"),
            targetRole: try row.decode("target_role"), origin: LearningPath.Origin(rawValue: origin) ?? .skills,
            progress: PathProgress(
                totalSteps: try row.decode("total_steps"), doneSteps: try row.decode("done_steps"),
                inProgressSteps: try row.decode("in_progress_steps"), hoursTotal: try row.decode("hours_total"),
                hoursDone: try row.decode("hours_done")),
            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
