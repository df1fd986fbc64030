import Contracts
import Database
import Foundation

/// The reads behind one page of recommendations besides the posting index:
/// the postings the user tracks (never recommended), the embedding similarity
/// of the best candidates, and the jobs that make the page.
struct RecommendationStore: Sendable {
    let database: DatabasePool

    /// The postings `userId` tracks in the application tracker, in any status.
    func trackedPostings(userId: UUID) async throws -> Set<UUID> {
        let rows = try await database.query(
            "SELECT posting_id FROM applications WHERE user_id = \(userId) AND posting_id IS NOT NULL")
        return Set(try rows.map { try $0.decode(UUID.self, "posting_id") })
    }

    /// The cosine similarity of each posting's vector to `vector`, for the
    /// postings among `ids` with a vector from the same model. Computed in the
    /// database: a hundred 384-float vectors never travel as text.
    func cosines(ids: [UUID], vector: [Float], model: String) async throws -> [UUID: Double] {
        guard !ids.isEmpty, !vector.isEmpty else { return [:] }
        let rows = try await database.query(
            """
            SELECT e.posting_id, (
                SELECT sum(a * b) / nullif(sqrt(sum(a * a) * sum(b * b)), 0)
                FROM unnest(e.vector, \(vector.map(Double.init))::real[]) AS t(a, b)
            ) AS cosine
            FROM posting_embeddings e
            WHERE e.posting_id = ANY(\(ids)) AND e.model = \(model) AND e.dimensions = \(vector.count)
            """)
        var cosines: [UUID: Double] = [:]
        for row in rows {
            if let cosine = try row.decode(Double?.self, "cosine") { cosines[try row.decode("posting_id")] = cosine }
        }
        return cosines
    }

    /// The jobs with `ids` that are still open originals, by id.
    func jobs(ids: [UUID]) async throws -> [UUID: Job] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.query(
            """
            SELECT \(unsafeRaw: PostingColumns.summary) FROM postings
            WHERE id = ANY(\(ids)) AND closed_at IS NULL AND duplicate_of IS NULL
            """)
        var jobs: [UUID: Job] = [:]
        for row in rows { jobs[try row.decode("id")] = try PostingColumns.job(from: row) }
        return jobs
    }
}
