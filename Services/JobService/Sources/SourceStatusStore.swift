import Database
import Foundation

/// The `sources` table: each configured source's last run.
struct SourceStatusStore: Sendable {
    let database: DatabasePool

    /// Writes `source`'s row from `report` in one upsert. A failed run keeps the
    /// last success's time; a run without `nextRunAt` (a manual sync) keeps the
    /// scheduler's planned next run.
    func record(_ report: SourceRunReport, for source: JobSource, nextRunAt: Date?) async throws {
        let finishedAt = report.startedAt.addingTimeInterval(Double(report.durationMs) / 1000)
        let succeededAt: Date? = report.status == .failed ? nil : finishedAt
        try await database.query(
            """
            INSERT INTO sources (
                id, provider, board, name, enabled, last_run_at, last_success_at, last_status, last_error,
                last_duration_ms, fetched, created, updated, unchanged, closed, rejected, next_run_at)
            VALUES (
                \(source.id), \(source.provider), \(source.board), \(source.name), \(source.enabled),
                \(report.startedAt), \(succeededAt), \(report.status.rawValue), \(report.error),
                \(report.durationMs), \(report.fetched), \(report.created), \(report.updated),
                \(report.unchanged), \(report.closed), \(report.rejectedCount), \(nextRunAt))
            ON CONFLICT (id) DO UPDATE SET
                provider = excluded.provider, board = excluded.board, name = excluded.name,
                enabled = excluded.enabled, last_run_at = excluded.last_run_at,
                last_success_at = coalesce(excluded.last_success_at, sources.last_success_at),
                last_status = excluded.last_status, last_error = excluded.last_error,
                last_duration_ms = excluded.last_duration_ms, fetched = excluded.fetched,
                created = excluded.created, updated = excluded.updated, unchanged = excluded.unchanged,
                closed = excluded.closed, rejected = excluded.rejected,
                next_run_at = coalesce(excluded.next_run_at, sources.next_run_at)
            """)
    }

    /// The rows of the sources with `ids` that have run, by id.
    func statuses(ids: [String]) async throws -> [String: SourceStatus] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.query(
            """
            SELECT id, last_run_at, last_success_at, last_status, last_error, last_duration_ms, fetched, created,
                updated, unchanged, closed, rejected, next_run_at
            FROM sources WHERE id = ANY(\(ids))
            """)
        var statuses: [String: SourceStatus] = [:]
        for row in rows {
            statuses[try row.decode(String.self, "id")] = SourceStatus(
                lastRunAt: try row.decode("last_run_at"), lastSuccessAt: try row.decode("last_success_at"),
                lastStatus: try row.decode("last_status"), lastError: try row.decode("last_error"),
                lastDurationMs: try row.decode("last_duration_ms"), fetched: try row.decode("fetched"),
                created: try row.decode("created"), updated: try row.decode("updated"),
                unchanged: try row.decode("unchanged"), closed: try row.decode("closed"),
                rejected: try row.decode("rejected"), nextRunAt: try row.decode("next_run_at"))
        }
        return statuses
    }
}
