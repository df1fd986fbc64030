import Contracts
import Database
import Foundation

/// `GET /jobs/applications/stats` in one statement: counts by current status,
/// the funnel and the time spent in each stage, both from the history.
extension ApplicationStore {
    /// Funnel stage → the statuses that show an application got at least that far.
    static let funnelStages: [(stage: String, reachedBy: [ApplicationStatus])] = [
        ("applied", [.applied, .noResponse, .response, .interview, .offer, .accepted, .rejected]),
        ("response", [.response, .interview, .offer, .accepted]),
        ("interview", [.interview, .offer, .accepted]),
        ("offer", [.offer, .accepted]),
        ("accepted", [.accepted]),
    ]

    func stats(_ userId: UUID) async throws -> JobApplicationStats {
        let funnelColumns = SQL.joined(
            Self.funnelStages.map { stage -> SQL in
                "(SELECT count(*) FROM reached WHERE statuses && \(stage.reachedBy.map(\.rawValue))) AS \(identifier: stage.stage)"
            }, separator: ", ")
        // A stage lasts from the event entering it to the application's next
        // event; the last event's stage is still running and is left out.
        let rows = try await database.query(
            """
            WITH mine AS (
                SELECT id, status FROM applications WHERE user_id = \(userId)
            ), events AS (
                SELECT e.application_id, e.to_status, e.at,
                       lead(e.at) OVER (PARTITION BY e.application_id ORDER BY e.at, e.id) AS left_at
                FROM application_events e JOIN mine m ON m.id = e.application_id
            ), reached AS (
                SELECT application_id, array_agg(DISTINCT to_status) AS statuses FROM events GROUP BY application_id
            )
            SELECT
                (SELECT count(*) FROM mine) AS total,
                (SELECT coalesce(jsonb_object_agg(status, n), '{}'::jsonb)
                 FROM (SELECT status, count(*) AS n FROM mine GROUP BY status) s) AS by_status,
                \(funnelColumns),
                (SELECT coalesce(jsonb_object_agg(to_status, median), '{}'::jsonb)
                 FROM (SELECT to_status,
                              percentile_cont(0.5) WITHIN GROUP (
                                  ORDER BY extract(epoch FROM left_at - at)::float8 / 86400) AS median
                       FROM events WHERE left_at IS NOT NULL GROUP BY to_status) d) AS median_days
            """)
        guard let row = rows.first else { throw DatabaseError(.decodingFailed, "the stats query returned no row") }
        var byStatus = Dictionary(uniqueKeysWithValues: ApplicationStatus.allCases.map { ($0.rawValue, 0) })
        byStatus.merge(try row.decode(JSONB<[String: Int]>.self, "by_status").value) { $1 }
        let funnel = JobApplicationStats.Funnel(
            applied: try row.decode("applied"), response: try row.decode("response"),
            interview: try row.decode("interview"), offer: try row.decode("offer"),
            accepted: try row.decode("accepted"))
        return JobApplicationStats(
            total: try row.decode("total"), byStatus: byStatus, funnel: funnel,
            responseRate: funnel.applied == 0 ? nil : Double(funnel.response) / Double(funnel.applied),
            medianDaysInStage: try row.decode(JSONB<[String: Double]>.self, "median_days").value)
    }
}
