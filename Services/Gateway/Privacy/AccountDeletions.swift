import Database
import Foundation
import Logging
import ServiceLifecycle

/// Deleting an account everywhere. The account is locked and every session
/// revoked first (so nothing new is written for it), then each service is asked
/// to forget the user. Services that did not confirm stay in
/// `account_deletions` and are retried with backoff until they do; only then is
/// the account row itself removed.
struct AccountDeletions: Sendable {
    let database: DatabasePool
    let services: ServiceDataClient
    let refreshTokens: RefreshTokenStore
    let revocations: SessionRevocations

    struct Outcome: Sendable {
        var confirmed: [String]
        var pending: [String: String]
    }

    /// Starts (or resumes) a deletion and tries every pending service once.
    func delete(userId: UUID, logger: Logger) async throws -> Outcome {
        try await database.withTransaction { connection in
            try await connection.query(
                "UPDATE users SET deleting_since = coalesce(deleting_since, now()) WHERE id = \(userId)")
            try await connection.query(
                """
                INSERT INTO account_deletions (user_id, pending_services) VALUES (\(userId), \(services.services))
                ON CONFLICT (user_id) DO NOTHING
                """)
        }
        let families = try await refreshTokens.revokeAll(userId: userId, reason: "account deleted")
        try await revocations.revoke(families)
        return try await attempt(userId: userId, logger: logger)
    }

    /// One round over the services still pending for a user.
    func attempt(userId: UUID, logger: Logger) async throws -> Outcome {
        let rows = try await database.query(
            "SELECT pending_services FROM account_deletions WHERE user_id = \(userId)")
        guard let row = rows.first else { return Outcome(confirmed: services.services, pending: [:]) }
        let pending: [String] = try row.decode("pending_services")
        let results = await withTaskGroup(of: (String, String?).self) { group in
            for service in pending {
                group.addTask {
                    do {
                        try await services.delete(userId: userId, from: service)
                        return (service, nil)
                    } catch {
                        return (service, "\(error)")
                    }
                }
            }
            var results: [String: String?] = [:]
            for await (service, failure) in group { results[service] = failure }
            return results
        }
        let failed = results.compactMapValues { $0 }
        let confirmed = results.filter { $0.value == nil }.map(\.key).sorted()
        if failed.isEmpty {
            try await database.withTransaction { connection in
                try await connection.query("DELETE FROM account_deletions WHERE user_id = \(userId)")
                try await connection.query("DELETE FROM users WHERE id = \(userId)")
            }
            logger.info("account deleted everywhere", metadata: ["user_id": "\(userId)"])
        } else {
            let stillPending = failed.keys.sorted()
            try await database.query(
                """
                UPDATE account_deletions SET pending_services = \(stillPending), attempts = attempts + 1,
                    last_error = \(failed.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "; ")),
                    next_attempt_at = now() + least(interval '1 second' * power(2, attempts), interval '10 minutes')
                WHERE user_id = \(userId)
                """)
            logger.warning(
                "account deletion incomplete; will retry",
                metadata: ["user_id": "\(userId)", "pending": "\(stillPending)"])
        }
        return Outcome(confirmed: confirmed, pending: failed)
    }
}

/// Retries unfinished deletions in the background. `FOR UPDATE SKIP LOCKED`
/// lets several gateway replicas share the work without doing it twice.
struct AccountDeletionRetrier: Service {
    let deletions: AccountDeletions
    let database: DatabasePool
    let logger: Logger
    let interval: Duration

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await retryDue()
                } catch {
                    logger.warning("deletion retry round failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    func retryDue() async throws {
        let due = try await database.query(
            "SELECT user_id FROM account_deletions WHERE next_attempt_at <= now() ORDER BY next_attempt_at LIMIT 50")
        for row in due {
            let userId: UUID = try row.decode("user_id")
            let claimed = try await database.query(
                """
                UPDATE account_deletions SET next_attempt_at = now() + interval '1 minute'
                WHERE user_id = (
                    SELECT user_id FROM account_deletions WHERE user_id = \(userId) AND next_attempt_at <= now()
                    FOR UPDATE SKIP LOCKED)
                RETURNING user_id
                """)
            guard !claimed.isEmpty else { continue }
            _ = try await deletions.attempt(userId: userId, logger: logger)
        }
    }
}
