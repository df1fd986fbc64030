import Contracts
import Database
import Foundation
import Logging
import Security
import ServiceKit
import ServiceLifecycle
import Taxonomy

/// Drains `posting_embedding_jobs`, which a trigger on `postings` fills: claims
/// due jobs (SKIP LOCKED, so replicas share the work), asks the AI service for
/// the vectors of a whole batch at once and stores them.
///
/// While the AI service or its model is unavailable every claimed job backs
/// off exponentially (10 s, 20 s, … up to an hour) and so does the worker, so
/// a queue of thousands waits quietly instead of asking again every interval.
/// A job stays until its posting's vector is stored, the posting closed, or its
/// text turned out unchanged; a job whose posting changed again meanwhile (a
/// newer generation) stays for the new text.
struct PostingEmbeddingWorker: Service {
    let database: DatabasePool
    let ai: AIServiceClient
    let taxonomy: Taxonomy
    let interval: Duration
    let logger: Logger

    static let batchSize = 32
    /// How long a claimed job is hidden from other replicas while its batch is embedded.
    static let claimFor = "2 minutes"
    static let maximumBackoffSeconds = 3_600

    /// What one pass did.
    enum Pass: Sendable, Equatable {
        /// Claimed `claimed` jobs and finished them (vectors stored, or nothing to embed).
        case finished(claimed: Int)
        /// The AI service could not embed: the claimed jobs are postponed.
        case postponed(claimed: Int, reason: String)
    }

    func run() async throws {
        var failures = 0
        while !Task.isShuttingDownGracefully {
            var pause = interval
            do {
                passes: while true {
                    switch try await drainOnce() {
                    case .finished(let claimed):
                        failures = 0
                        if claimed < Self.batchSize { break passes }
                    case .postponed(_, let reason):
                        failures += 1
                        pause = max(interval, .seconds(Self.backoffSeconds(attempt: failures)))
                        logger.debug(
                            "posting embeddings postponed", metadata: ["reason": "\(reason)", "pause": "\(pause)"])
                        break passes
                    }
                }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("posting embedding pass failed", metadata: ["error": "\(error)"])
            }
            // Shutdown ends the pause at once: a backoff can be an hour long.
            let wait = pause
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
            if Task.isCancelled { return }
        }
    }

    /// 10 s after the first failed attempt, doubling up to an hour.
    static func backoffSeconds(attempt: Int) -> Int {
        min(maximumBackoffSeconds, 10 * (1 << min(max(attempt, 1) - 1, 9)))
    }

    /// One pass over at most `batchSize` due jobs.
    @discardableResult
    func drainOnce() async throws -> Pass {
        let claimed = try await database.query(
            """
            UPDATE posting_embedding_jobs SET attempts = attempts + 1,
                not_before = now() + \(Self.claimFor)::interval
            WHERE posting_id IN (
                SELECT posting_id FROM posting_embedding_jobs WHERE not_before <= now()
                ORDER BY not_before, posting_id LIMIT \(Self.batchSize) FOR UPDATE SKIP LOCKED)
            RETURNING posting_id, generation
            """)
        guard !claimed.isEmpty else { return .finished(claimed: 0) }
        var generations: [UUID: Int] = [:]
        for row in claimed { generations[try row.decode("posting_id")] = try row.decode(Int.self, "generation") }

        let postings = try await database.query(
            """
            SELECT p.id, p.title, p.company, p.required_skills, p.preferred_skills,
                left(p.description, \(PostingEmbeddingText.descriptionCharacters * 2)::integer) AS description,
                p.closed_at IS NOT NULL AS closed, e.text_hash
            FROM postings p LEFT JOIN posting_embeddings e ON e.posting_id = p.id
            WHERE p.id = ANY(\(Array(generations.keys)))
            """)
        var pending: [(id: UUID, text: String, hash: String)] = []
        var finished: [UUID] = []
        for row in postings {
            let id: UUID = try row.decode("id")
            let text = PostingEmbeddingText.make(
                title: try row.decode("title"), company: try row.decode("company"),
                requiredSkills: try row.decode("required_skills"), preferredSkills: try row.decode("preferred_skills"),
                description: try row.decode("description"), taxonomy: taxonomy)
            let hash = Digest.sha256Hex(text)
            // Closed postings are never recommended; an unchanged text keeps its vector.
            if try row.decode(Bool.self, "closed") || row.decode(String?.self, "text_hash") == hash {
                finished.append(id)
            } else {
                pending.append((id, text, hash))
            }
        }

        var vectors: [PostingVector] = []
        if !pending.isEmpty {
            do {
                let answer = try await ai.embed(pending.map(\.text))
                guard answer.vectors.count == pending.count,
                    answer.vectors.allSatisfy({ $0.count == answer.dimensions && !$0.isEmpty })
                else {
                    throw InternalServiceClient.Unavailable(
                        service: "ai-service", reason: "its vectors did not match the texts sent")
                }
                vectors = zip(pending, answer.vectors).map { posting, vector in
                    PostingVector(
                        postingId: posting.id, model: answer.model, dimensions: vector.count,
                        vector: vector.map(Double.init), textHash: posting.hash)
                }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                try await postpone(pending.map(\.id), generations: generations, reason: "\(error)")
                return .postponed(claimed: claimed.count, reason: "\(error)")
            }
        }
        try await store(vectors, finishing: finished + vectors.map(\.postingId), generations: generations)
        return .finished(claimed: claimed.count)
    }

    /// One stored vector, as a row of the JSON batch `store` sends.
    private struct PostingVector: Codable, Sendable {
        var postingId: UUID
        var model: String
        var dimensions: Int
        var vector: [Double]
        var textHash: String

        enum CodingKeys: String, CodingKey {
            case postingId = "posting_id"
            case model, dimensions, vector
            case textHash = "text_hash"
        }
    }

    /// Stores the vectors and removes the finished jobs of the generation claimed.
    private func store(_ vectors: [PostingVector], finishing ids: [UUID], generations: [UUID: Int]) async throws {
        let claimedGenerations = ids.map { generations[$0] ?? 0 }
        try await database.withTransaction { connection in
            if !vectors.isEmpty {
                try await connection.query(
                    """
                    INSERT INTO posting_embeddings (posting_id, model, dimensions, vector, text_hash)
                    SELECT r.posting_id, r.model, r.dimensions, r.vector::real[], r.text_hash
                    FROM jsonb_to_recordset(\(try JSONB(vectors)))
                        AS r(posting_id uuid, model text, dimensions integer, vector float8[], text_hash text)
                    ON CONFLICT (posting_id) DO UPDATE SET model = EXCLUDED.model,
                        dimensions = EXCLUDED.dimensions, vector = EXCLUDED.vector,
                        text_hash = EXCLUDED.text_hash, updated_at = now()
                    """)
            }
            try await connection.query(
                """
                DELETE FROM posting_embedding_jobs j
                USING unnest(\(ids)::uuid[], \(claimedGenerations)::bigint[]) AS done(posting_id, generation)
                WHERE j.posting_id = done.posting_id AND j.generation = done.generation
                """)
        }
    }

    /// Backs each job off by its own attempts; a newer generation is left due.
    private func postpone(_ ids: [UUID], generations: [UUID: Int], reason: String) async throws {
        let claimedGenerations = ids.map { generations[$0] ?? 0 }
        try await database.query(
            """
            UPDATE posting_embedding_jobs j SET last_error = \(reason),
                not_before = now() + make_interval(secs => least(\(Self.maximumBackoffSeconds),
                    10 * power(2, least(greatest(j.attempts, 1) - 1, 9))))
            FROM unnest(\(ids)::uuid[], \(claimedGenerations)::bigint[]) AS failed(posting_id, generation)
            WHERE j.posting_id = failed.posting_id AND j.generation = failed.generation
            """)
    }
}
