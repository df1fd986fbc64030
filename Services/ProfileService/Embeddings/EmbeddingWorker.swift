import Contracts
import Database
import Foundation
import Logging
import ServiceKit
import ServiceLifecycle

/// Drains `profile_embedding_jobs`: claims due jobs (SKIP LOCKED, so replicas
/// share the work), asks the AI service for vectors and stores them. A failure
/// — no model, AI service down — backs off exponentially up to an hour; the job
/// stays until a vector for its exact text is stored.
struct EmbeddingWorker: Service {
    let database: DatabasePool
    let ai: AIServiceClient
    let interval: Duration
    let logger: Logger
    static let batchSize = 16
    static let claimFor = "2 minutes"

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                while try await drainOnce() == Self.batchSize {}
            } catch is CancellationError {
                return
            } catch {
                logger.warning("embedding queue pass failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
            if Task.isCancelled { return }
        }
    }

    /// One pass over at most `batchSize` due jobs; returns how many it claimed.
    @discardableResult
    func drainOnce() async throws -> Int {
        let claimed = try await database.query(
            """
            UPDATE profile_embedding_jobs SET attempts = attempts + 1,
                next_attempt_at = now() + \(Self.claimFor)::interval
            WHERE user_id IN (
                SELECT user_id FROM profile_embedding_jobs WHERE next_attempt_at <= now()
                ORDER BY next_attempt_at LIMIT \(Self.batchSize) FOR UPDATE SKIP LOCKED)
            RETURNING user_id, text, text_hash, attempts
            """)
        for row in claimed {
            let userId = try row.decode(UUID.self, "user_id")
            let text: String = try row.decode("text")
            let hash: String = try row.decode("text_hash")
            let attempts: Int = try row.decode("attempts")
            do {
                let identity = RequestIdentity(userId: userId, roles: ["user"], service: "profile-service")
                let answer = try await ai.embed([text], for: identity)
                guard let vector = answer.vectors.first, vector.count == answer.dimensions, !vector.isEmpty else {
                    throw InternalServiceClient.Unavailable(service: "ai-service", reason: "no vector in its answer")
                }
                try await store(userId, model: answer.model, vector: vector, hash: hash)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let delay = min(3_600, 10 * (1 << min(attempts, 9)))
                logger.debug("profile embedding postponed", metadata: ["error": "\(error)", "retry_s": "\(delay)"])
                try await database.query(
                    """
                    UPDATE profile_embedding_jobs SET last_error = \(String(describing: error)),
                        next_attempt_at = now() + make_interval(secs => \(delay))
                    WHERE user_id = \(userId) AND text_hash = \(hash)
                    """)
            }
        }
        return claimed.count
    }

    private func store(_ userId: UUID, model: String, vector: [Float], hash: String) async throws {
        try await database.withTransaction { connection in
            try await connection.query(
                """
                INSERT INTO profile_embeddings (user_id, model, dimensions, vector, text_hash)
                VALUES (\(userId), \(model), \(vector.count), \(vector.map(Double.init))::real[], \(hash))
                ON CONFLICT (user_id) DO UPDATE SET model = EXCLUDED.model, dimensions = EXCLUDED.dimensions,
                    vector = EXCLUDED.vector, text_hash = EXCLUDED.text_hash, updated_at = now()
                """)
            // The text may have changed while the model worked: only its own job goes.
            try await connection.query(
                "DELETE FROM profile_embedding_jobs WHERE user_id = \(userId) AND text_hash = \(hash)")
        }
    }
}
