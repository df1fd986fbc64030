import Contracts
import Database
import Foundation
import HTTPTypes
import ServiceKit

/// A user's tracked applications and their status history. Every statement
/// names the user, so one user can never read or change another's.
struct ApplicationStore: Sendable {
    let database: DatabasePool

    var postings: PostingStore { PostingStore(database: database) }

    /// Saves a new application with its first event. A posting is snapshotted
    /// as it is now; 422 when there is no such posting, 409 when the user
    /// already tracks it.
    func create(_ userId: UUID, _ new: NewApplication) async throws -> JobApplication {
        let id = UUID()
        let postingId: UUID?
        let job: Job
        switch new.target {
        case .posting(let posting):
            guard let current = try await postings.job(id: posting) else { throw Self.unknownPosting }
            postingId = posting
            job = current
        case .external(let external):
            postingId = nil
            job = external.snapshot(applicationId: id)
        }
        let rows: DatabaseRows
        do {
            rows = try await database.query(
                """
                WITH created AS (
                    INSERT INTO applications
                        (id, user_id, posting_id, job_snapshot, status, resume_version_id, note, follow_up_on)
                    VALUES (\(id), \(userId), \(postingId), \(try JSONB(job)), \(new.status.rawValue),
                            \(new.resumeVersionId), \(new.note), \(new.followUpOn))
                    RETURNING *
                ), first_event AS (
                    INSERT INTO application_events (application_id, from_status, to_status, note, at)
                    SELECT id, NULL, status, note, created_at FROM created
                )
                SELECT \(unsafeRaw: ApplicationRows.columns) FROM created
                """)
        } catch let error as DatabaseError where error.isUniqueViolation {
            throw try await alreadyTracked(userId, postingId: postingId)
        } catch let error as DatabaseError where error.isForeignKeyViolation {
            throw Self.unknownPosting
        }
        guard let row = rows.first else { throw DatabaseError(.decodingFailed, "the insert returned no row") }
        // The first event is the saving itself: same status, note and time as the row.
        let event = ApplicationEvent(from: nil, to: new.status, note: new.note, at: try row.decode("created_at"))
        return try ApplicationRows.application(from: row, history: [event])
    }

    /// One application with its whole history, or nil when the user has none with `id`.
    func application(_ userId: UUID, id: UUID) async throws -> JobApplication? {
        try await database.withConnection { connection in
            try await Self.read(userId, id: id, on: connection)
        }
    }

    /// One page, most recently changed first, without histories.
    func list(_ userId: UUID, _ query: ApplicationListQuery) async throws -> JobApplicationPage {
        var conditions: [SQL] = ["user_id = \(userId)"]
        if !query.statuses.isEmpty { conditions.append("status = ANY(\(query.statuses.map(\.rawValue)))") }
        if let due = query.due {
            let final = ApplicationStatus.allCases.filter(\.isFinal).map(\.rawValue)
            conditions.append("follow_up_on <= \(due) AND NOT (status = ANY(\(final)))")
        }
        if let cursor = query.cursor {
            conditions.append("(updated_at, id) < (\(cursor.updatedAt), \(cursor.id))")
        }
        let rows = try await database.query(
            """
            SELECT \(unsafeRaw: ApplicationRows.listColumns) FROM applications
            WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY updated_at DESC, id DESC LIMIT \(query.limit + 1)
            """)
        let items = try rows.prefix(query.limit).map { try ApplicationRows.application(from: $0, history: nil) }
        var nextCursor: String?
        if rows.count > query.limit, let last = rows.prefix(query.limit).last {
            nextCursor = ApplicationCursor(updatedAt: try last.decode("updated_at"), id: try last.decode("id")).text
        }
        return JobApplicationPage(items: items, nextCursor: nextCursor)
    }

    /// Applies `change` under a row lock, so two concurrent status changes are
    /// checked one after the other. A new status appends an event carrying the
    /// change's note; 409 when the status may not follow the current one.
    func update(_ userId: UUID, id: UUID, _ change: ApplicationChange) async throws -> JobApplication? {
        try await database.withTransaction { connection in
            let locked = try await connection.query(
                "SELECT status FROM applications WHERE id = \(id) AND user_id = \(userId) FOR UPDATE")
            guard let row = locked.first else { return nil }
            let current = try ApplicationRows.status(row, "status")
            var newStatus: ApplicationStatus?
            if let target = change.status, target != current {
                try ApplicationTransitions.check(from: current, to: target)
                newStatus = target
            }
            var assignments: [SQL] = ["updated_at = clock_timestamp()"]
            if let newStatus { assignments.append("status = \(newStatus.rawValue)") }
            assignments += Self.assignments(change)
            try await connection.query(
                "UPDATE applications SET \(SQL.joined(assignments, separator: ", ")) WHERE id = \(id)")
            if let newStatus {
                // clock_timestamp(), not now(): a change that waited for the lock
                // is recorded after the one it waited for.
                try await connection.query(
                    """
                    INSERT INTO application_events (application_id, from_status, to_status, note, at)
                    VALUES (\(id), \(current.rawValue), \(newStatus.rawValue), \(change.note.value), clock_timestamp())
                    """)
            }
            return try await Self.read(userId, id: id, on: connection)
        }
    }

    /// Deletes an application and (by cascade) its history; false when the user has none with `id`.
    func delete(_ userId: UUID, id: UUID) async throws -> Bool {
        let rows = try await database.query(
            "DELETE FROM applications WHERE id = \(id) AND user_id = \(userId) RETURNING id")
        return !rows.isEmpty
    }

    /// Every application of the user with its history, for the GDPR export: two statements.
    func export(_ userId: UUID) async throws -> [JobApplication] {
        try await database.withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT \(unsafeRaw: ApplicationRows.columns) FROM applications WHERE user_id = \(userId)
                ORDER BY created_at, id
                """)
            let events = try ApplicationRows.events(
                from: try await connection.query(
                    """
                    SELECT e.application_id, e.from_status, e.to_status, e.note, e.at
                    FROM application_events e JOIN applications a ON a.id = e.application_id
                    WHERE a.user_id = \(userId) ORDER BY e.application_id, e.at, e.id
                    """))
            return try rows.map { row in
                try ApplicationRows.application(from: row, history: events[try row.decode("id")] ?? [])
            }
        }
    }

    /// Forgets every application of the user and, by cascade, their histories.
    func deleteAll(_ userId: UUID) async throws {
        try await database.query("DELETE FROM applications WHERE user_id = \(userId)")
    }

    // MARK: - Helpers

    static let unknownPosting = ServiceError(
        .unprocessableContent, detail: "there is no posting with this jobId; to track a job found elsewhere, send job",
        fieldErrors: [.init(pointer: "/jobId", reason: "no such posting")])

    private func alreadyTracked(_ userId: UUID, postingId: UUID?) async throws -> ServiceError {
        let rows = try await database.query(
            "SELECT id FROM applications WHERE user_id = \(userId) AND posting_id = \(postingId)")
        let existing = try rows.first.map { try $0.decode(UUID.self, "id").uuidString.lowercased() }
        return .conflict(
            "you already track this posting" + (existing.map { " as application \($0)" } ?? ""))
    }

    private static func assignments(_ change: ApplicationChange) -> [SQL] {
        var assignments: [SQL] = []
        switch change.note {
        case .set(let note): assignments.append("note = \(note)")
        case .cleared: assignments.append("note = NULL")
        case .unchanged: break
        }
        switch change.followUpOn {
        case .set(let day): assignments.append("follow_up_on = \(day)")
        case .cleared: assignments.append("follow_up_on = NULL")
        case .unchanged: break
        }
        switch change.resumeVersionId {
        case .set(let id): assignments.append("resume_version_id = \(id)")
        case .cleared: assignments.append("resume_version_id = NULL")
        case .unchanged: break
        }
        return assignments
    }

    private static func read(
        _ userId: UUID, id: UUID, on connection: DatabaseConnection
    ) async throws
        -> JobApplication?
    {
        let rows = try await connection.query(
            """
            SELECT \(unsafeRaw: ApplicationRows.columns) FROM applications WHERE id = \(id) AND user_id = \(userId)
            """)
        guard let row = rows.first else { return nil }
        let events = try ApplicationRows.events(
            from: try await connection.query(
                """
                SELECT \(unsafeRaw: ApplicationRows.eventColumns) FROM application_events
                WHERE application_id = \(id) ORDER BY at, id
                """))
        return try ApplicationRows.application(from: row, history: events[id] ?? [])
    }
}
