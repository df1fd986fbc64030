import Contracts
import Database
import Foundation

/// The columns an application is read from, and the reading into the wire
/// shape; one place, so the routes and the GDPR export serve the same thing.
enum ApplicationRows {
    static let columns = """
        id, posting_id, job_snapshot, status, resume_version_id, note, follow_up_on, created_at, updated_at
        """
    /// Lists leave the snapshot's HTML description out, as posting lists do.
    static let listColumns = """
        id, posting_id, job_snapshot - 'descriptionHtml' AS job_snapshot, status, resume_version_id, note,
        follow_up_on, created_at, updated_at
        """
    static let eventColumns = "application_id, from_status, to_status, note, at"

    static func application(from row: DatabaseRow, history: [ApplicationEvent]?) throws -> JobApplication {
        let status = try self.status(row, "status")
        return JobApplication(
            id: try row.decode(UUID.self, "id").uuidString.lowercased(),
            jobId: try row.decode(UUID?.self, "posting_id")?.uuidString.lowercased(),
            job: try row.decode(JSONB<Job>.self, "job_snapshot").value, status: status,
            nextStatuses: ApplicationTransitions.next(after: status),
            resumeVersionId: try row.decode(UUID?.self, "resume_version_id")?.uuidString.lowercased(),
            note: try row.decode("note"), followUpOn: try row.decode(CalendarDate?.self, "follow_up_on")?.description,
            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"), history: history)
    }

    /// Events selected with `eventColumns`, grouped by application, in the rows' order.
    static func events(from rows: DatabaseRows) throws -> [UUID: [ApplicationEvent]] {
        var grouped: [UUID: [ApplicationEvent]] = [:]
        for row in rows {
            let event = ApplicationEvent(
                from: row.isNull("from_status") ? nil : try status(row, "from_status"),
                to: try status(row, "to_status"), note: try row.decode("note"), at: try row.decode("at"))
            grouped[try row.decode(UUID.self, "application_id"), default: []].append(event)
        }
        return grouped
    }

    static func status(_ row: DatabaseRow, _ column: String) throws -> ApplicationStatus {
        let text = try row.decode(String.self, column)
        guard let status = ApplicationStatus(rawValue: text) else {
            throw DatabaseError(.decodingFailed, "column '\(column)': '\(text)' is not an application status")
        }
        return status
    }
}
