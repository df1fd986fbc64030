import Contracts
import Database
import Foundation
import Logging
import ServiceKit

/// Delivers queued "learning" evidence to profile-service. A row is claimed
/// before the call (SKIP LOCKED, so replicas and the request path never send
/// one twice at once) and deleted only once profile-service acknowledged it;
/// a failure backs off exponentially, from a second up to an hour, and the row
/// stays until it is delivered. A refusal (profile-service answering 4xx: an
/// unknown skill, a wrong credential) is not retried: the row is kept, marked.
struct EvidenceOutbox: Sendable {
    let database: DatabasePool
    let client: ProfileEvidenceClient
    let logger: Logger

    static let batchSize = 16
    /// How long a claimed row is left to the claimer before another may retry it.
    static let claimFor = "2 minutes"
    static let maxBackoffSeconds = 3_600

    /// Delivers the user's due evidence now (after they finish a step); never
    /// throws, what fails stays queued. Returns the steps whose evidence arrived.
    func deliver(for userId: UUID) async -> Set<String> {
        do {
            return try await deliver(
                claiming: "user_id = \(userId) AND refused_at IS NULL AND next_attempt_at <= now()"
            ).delivered
        } catch {
            logger.warning("learning evidence not delivered yet", metadata: ["error": "\(error)"])
            return []
        }
    }

    /// One pass over at most `batchSize` due rows of any user; returns how many it claimed.
    @discardableResult
    func deliverDue() async throws -> Int {
        try await deliver(claiming: "refused_at IS NULL AND next_attempt_at <= now()").claimed
    }

    /// How many rows wait (due or not), for tests and readiness.
    func pendingCount() async throws -> Int {
        let rows = try await database.query("SELECT count(*) AS pending FROM evidence_outbox WHERE refused_at IS NULL")
        return try rows.first?.decode("pending") ?? 0
    }

    /// Claims the due rows matching `condition` and sends each: how many were
    /// claimed, and the steps whose evidence arrived.
    private func deliver(claiming condition: SQL) async throws -> (claimed: Int, delivered: Set<String>) {
        let claimed = try await database.query(
            """
            UPDATE evidence_outbox SET attempts = attempts + 1,
                next_attempt_at = now() + \(Self.claimFor)::interval
            WHERE id IN (
                SELECT id FROM evidence_outbox WHERE \(condition)
                ORDER BY next_attempt_at LIMIT \(Self.batchSize) FOR UPDATE SKIP LOCKED)
            RETURNING id, user_id, step_id, skill_id, text, date, attempts
            """)
        var delivered = Set<String>()
        for row in claimed {
            let id: UUID = try row.decode("id")
            let stepId: UUID? = try row.decode("step_id")
            let attempts: Int = try row.decode("attempts")
            let evidence = LearningEvidence(
                skill: try row.decode("skill_id"), text: try row.decode("text"), date: try row.decode("date"))
            do {
                try await client.record(evidence, for: try row.decode("user_id"))
            } catch is CancellationError {
                // The claim lapses and another pass sends it.
                throw CancellationError()
            } catch let error as InternalServiceClient.Unavailable where error.isRefusal {
                logger.warning("learning evidence refused by profile-service", metadata: ["error": "\(error)"])
                try await database.query(
                    """
                    UPDATE evidence_outbox SET last_error = \(String(describing: error)), refused_at = now()
                    WHERE id = \(id)
                    """)
                continue
            } catch {
                let delay = min(Self.maxBackoffSeconds, 1 << min(attempts - 1, 12))
                logger.info(
                    "learning evidence postponed", metadata: ["error": "\(error)", "retry_s": "\(delay)"])
                try await database.query(
                    """
                    UPDATE evidence_outbox SET last_error = \(String(describing: error)),
                        next_attempt_at = now() + make_interval(secs => \(delay))
                    WHERE id = \(id)
                    """)
                continue
            }
            try await database.withTransaction { connection in
                try await connection.query("DELETE FROM evidence_outbox WHERE id = \(id)")
                if let stepId {
                    try await connection.query(
                        "UPDATE path_steps SET evidence_recorded_at = clock_timestamp() WHERE id = \(stepId)")
                }
            }
            if let stepId { delivered.insert(stepId.uuidString.lowercased()) }
        }
        return (claimed.count, delivered)
    }
}
