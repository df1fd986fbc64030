import Contracts
import Database
import Foundation

/// The user's learning paths and their progress. Every statement names the
/// user, so one user can never read or change another's path; a step changes
/// under its row lock, and finishing one queues its evidence for
/// profile-service in the same transaction.
struct PathStore: Sendable {
    let database: DatabasePool

    /// Saves a built path with its steps; returns it as stored.
    func create(_ userId: UUID, _ path: LearningPath) async throws -> LearningPath {
        guard let id = UUID(uuidString: path.id) else {
            throw DatabaseError(.serverError, "the built path has no UUID id: \(path.id)")
        }
        return try await database.withTransaction { connection in
            try await connection.query(
                """
                INSERT INTO paths (id, user_id, title, target_role, origin, milestones)
                VALUES (\(id), \(userId), \(path.title), \(path.targetRole), \(path.origin.rawValue),
                        \(try JSONB(path.milestones.map(\.title))))
                """)
            try await connection.query(
                """
                INSERT INTO path_steps (
                    id, path_id, position, skill_id, skill_name, role, prerequisites, milestone, target_level,
                    estimated_hours, hours_from, resource, alternatives)
                SELECT x.id, \(id), x.position, x.skill_id, x.skill_name, x.role, x.prerequisites, x.milestone,
                    x.target_level, x.estimated_hours, x.hours_from, x.resource, x.alternatives
                FROM jsonb_to_recordset(\(try JSONB(path.steps.map(PathRows.NewStep.init))))
                    AS x(\(unsafeRaw: PathRows.newStepColumns))
                """)
            guard let stored = try await Self.read(userId, id: id, on: connection) else {
                throw DatabaseError(.serverError, "the path just saved is missing")
            }
            return stored
        }
    }

    /// The user's paths, newest first, with their progress.
    func list(_ userId: UUID, limit: Int) async throws -> [PathSummary] {
        let rows = try await database.query(
            """
            SELECT p.id, p.title, p.target_role, p.origin, p.created_at, p.updated_at,
                count(s.id) AS total_steps,
                count(s.id) FILTER (WHERE s.status = 'done') AS done_steps,
                count(s.id) FILTER (WHERE s.status = 'in_progress') AS in_progress_steps,
                coalesce(sum(s.estimated_hours), 0) AS hours_total,
                coalesce(sum(s.estimated_hours) FILTER (WHERE s.status = 'done'), 0) AS hours_done
            FROM paths p LEFT JOIN path_steps s ON s.path_id = p.id
            WHERE p.user_id = \(userId)
            GROUP BY p.id ORDER BY p.created_at DESC, p.id DESC LIMIT \(limit)
            """)
        return try rows.map(PathRows.summary(from:))
    }

    /// One path with its steps, or nil when the user has none with `id`.
    func path(_ userId: UUID, id: UUID) async throws -> LearningPath? {
        try await database.withConnection { connection in try await Self.read(userId, id: id, on: connection) }
    }

    /// What a step change did: the path after it, and whether it finished the
    /// step (so evidence was queued).
    struct StepUpdate: Sendable {
        var path: LearningPath
        var finished: Bool
    }

    /// Applies `change` to a step under its row lock; nil when the user has no
    /// such path or step. Moving to in_progress stamps `startedAt` (once),
    /// to done stamps `completedAt` and queues "learning" evidence, back to
    /// not_started clears both. Undoing "done" leaves evidence already sent.
    func updateStep(
        _ userId: UUID, pathId: UUID, step reference: StepReference, _ change: StepChange
    ) async throws -> StepUpdate? {
        try await database.withTransaction { connection in
            let match: SQL
            switch reference {
            case .position(let position): match = "s.position = \(position)"
            case .id(let id): match = "s.id = \(id)"
            }
            let locked = try await connection.query(
                """
                SELECT s.id, s.status, s.skill_id, s.skill_name, s.resource->>'title' AS resource_title,
                    p.title AS path_title
                FROM path_steps s JOIN paths p ON p.id = s.path_id
                WHERE p.id = \(pathId) AND p.user_id = \(userId) AND \(match)
                FOR UPDATE OF s
                """)
            guard let row = locked.first else { return nil }
            let stepId: UUID = try row.decode("id")
            let current = PathStep.Status(rawValue: try row.decode("status")) ?? .notStarted
            var assignments: [SQL] = []
            var finished = false
            if let target = change.status, target != current {
                // clock_timestamp(): a change that waited for the lock is stamped after the one it waited for.
                switch target {
                case .notStarted:
                    assignments.append("status = 'not_started', started_at = NULL, completed_at = NULL")
                case .inProgress:
                    assignments.append(
                        "status = 'in_progress', started_at = coalesce(started_at, clock_timestamp()), completed_at = NULL"
                    )
                case .done:
                    assignments.append(
                        "status = 'done', started_at = coalesce(started_at, clock_timestamp()), completed_at = clock_timestamp()"
                    )
                    finished = true
                }
            }
            switch change.note {
            case .set(let note): assignments.append("note = \(note)")
            case .cleared: assignments.append("note = NULL")
            case .unchanged: break
            }
            if !assignments.isEmpty {
                try await connection.query(
                    "UPDATE path_steps SET \(SQL.joined(assignments, separator: ", ")) WHERE id = \(stepId)")
                try await connection.query("UPDATE paths SET updated_at = clock_timestamp() WHERE id = \(pathId)")
            }
            if finished {
                let evidence = Self.evidence(
                    skill: try row.decode("skill_id"), skillName: try row.decode("skill_name"),
                    resourceTitle: try row.decode("resource_title"), pathTitle: try row.decode("path_title"),
                    finishedAt: Date())
                try await connection.query(
                    """
                    INSERT INTO evidence_outbox (user_id, step_id, skill_id, text, date)
                    VALUES (\(userId), \(stepId), \(evidence.skill), \(evidence.text), \(evidence.date))
                    """)
            }
            guard let path = try await Self.read(userId, id: pathId, on: connection) else { return nil }
            return StepUpdate(path: path, finished: finished)
        }
    }

    /// Deletes a path and (by cascade) its steps; false when the user has none with `id`.
    /// Evidence of steps finished on it stays queued: what was learnt stays learnt.
    func delete(_ userId: UUID, id: UUID) async throws -> Bool {
        let rows = try await database.query(
            "DELETE FROM paths WHERE id = \(id) AND user_id = \(userId) RETURNING id")
        return !rows.isEmpty
    }

    /// Every path of the user with its steps, oldest first, for the GDPR export.
    func export(_ userId: UUID) async throws -> [LearningPath] {
        try await database.withConnection { connection in
            let paths = try await connection.query(
                """
                SELECT \(unsafeRaw: PathRows.pathColumns) FROM paths WHERE user_id = \(userId)
                ORDER BY created_at, id
                """)
            let steps = try await connection.query(
                """
                SELECT \(unsafeRaw: PathRows.stepColumns)
                FROM path_steps s JOIN paths p ON p.id = s.path_id
                WHERE p.user_id = \(userId) ORDER BY s.path_id, s.position
                """)
            var byPath: [UUID: [PathStep]] = [:]
            for row in steps { byPath[try row.decode("path_id"), default: []].append(try PathRows.step(from: row)) }
            return try paths.map { row in try PathRows.path(from: row, steps: byPath[try row.decode("id")] ?? []) }
        }
    }

    /// Evidence of the user's finished steps not yet delivered, oldest first.
    func pendingEvidence(_ userId: UUID) async throws -> [LearningEvidence] {
        let rows = try await database.query(
            """
            SELECT skill_id, text, date FROM evidence_outbox WHERE user_id = \(userId) ORDER BY created_at, id
            """)
        return try rows.map { row in
            LearningEvidence(
                skill: try row.decode("skill_id"), text: try row.decode("text"), date: try row.decode("date"))
        }
    }

    /// Forgets every path of the user (steps by cascade) and evidence not yet delivered.
    func deleteAll(_ userId: UUID) async throws {
        try await database.withTransaction { connection in
            try await connection.query("DELETE FROM paths WHERE user_id = \(userId)")
            try await connection.query("DELETE FROM evidence_outbox WHERE user_id = \(userId)")
        }
    }

    /// The evidence a finished step gives, in profile-service's words.
    static func evidence(
        skill: String, skillName: String, resourceTitle: String?, pathTitle: String, finishedAt: Date
    ) -> LearningEvidence {
        let done: String
        if let resourceTitle, !resourceTitle.isEmpty {
            done = String(resourceTitle.prefix(200))
        } else {
            done = "the \(skillName) step of \(pathTitle.prefix(150))"
        }
        return LearningEvidence(
            skill: skill, text: "Completed \(done) (CareerGini learning path)",
            date: PartialDate.text(ofMonth: PartialDate.month(of: finishedAt)))
    }

    private static func read(_ userId: UUID, id: UUID, on connection: DatabaseConnection) async throws -> LearningPath?
    {
        let paths = try await connection.query(
            "SELECT \(unsafeRaw: PathRows.pathColumns) FROM paths WHERE id = \(id) AND user_id = \(userId)")
        guard let row = paths.first else { return nil }
        let steps = try await connection.query(
            "SELECT \(unsafeRaw: PathRows.stepColumns) FROM path_steps s WHERE s.path_id = \(id) ORDER BY s.position")
        return try PathRows.path(from: row, steps: try steps.map(PathRows.step(from:)))
    }
}
