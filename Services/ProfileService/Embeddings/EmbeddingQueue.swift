import Contracts
import Database
import Foundation
import Security
import Taxonomy

/// Profiles whose summary text changed wait here for a new vector. The queue is
/// a table, written in the same transaction as the profile, so a change is never
/// forgotten when the AI service is down; `EmbeddingWorker` drains it.
enum EmbeddingQueue {
    static func enqueueIfChanged(
        _ userId: UUID, document: JSONValue, taxonomy: Taxonomy, _ connection: DatabaseConnection
    ) async throws {
        let text = ProfileSummaryText.make(document, taxonomy: taxonomy)
        guard !text.isEmpty else {
            try await connection.query("DELETE FROM profile_embedding_jobs WHERE user_id = \(userId)")
            try await connection.query("DELETE FROM profile_embeddings WHERE user_id = \(userId)")
            return
        }
        let hash = Digest.sha256Hex(text)
        try await connection.query(
            """
            WITH current AS (
                SELECT 1 FROM profile_embeddings WHERE user_id = \(userId) AND text_hash = \(hash)
            ), dropped AS (
                DELETE FROM profile_embedding_jobs WHERE user_id = \(userId) AND EXISTS (SELECT 1 FROM current)
            )
            INSERT INTO profile_embedding_jobs (user_id, text, text_hash)
            SELECT \(userId), \(text), \(hash) WHERE NOT EXISTS (SELECT 1 FROM current)
            ON CONFLICT (user_id) DO UPDATE SET text = EXCLUDED.text, text_hash = EXCLUDED.text_hash,
                attempts = 0, next_attempt_at = now(), last_error = NULL
            WHERE profile_embedding_jobs.text_hash <> EXCLUDED.text_hash
            """)
    }
}
