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
    /// postings among `ids` with a vector from the same model. The vectors
    /// travel as comma-separated text and the arithmetic runs here: reading
    /// 50 × 384 numbers costs about a millisecond, computing the cosines in
    /// PostgreSQL through `unnest` about eight of its CPU.
    func cosines(ids: [UUID], vector: [Float], model: String) async throws -> [UUID: Double] {
        guard !ids.isEmpty, !vector.isEmpty else { return [:] }
        let rows = try await database.query(
            """
            SELECT posting_id, array_to_string(vector, ',') AS vector FROM posting_embeddings
            WHERE posting_id = ANY(\(ids)) AND model = \(model) AND dimensions = \(vector.count)
            """)
        var cosines: [UUID: Double] = [:]
        for row in rows {
            let text = try row.decode(String.self, at: 1)
            if let cosine = Self.cosine(vector, text) { cosines[try row.decode(UUID.self, at: 0)] = cosine }
        }
        return cosines
    }

    /// The cosine of `vector` and the comma-separated numbers of `text`; nil
    /// when they differ in length or either has no direction.
    static func cosine(_ vector: [Float], _ text: String) -> Double? {
        var dot = 0.0
        var ownNorm = 0.0
        var otherNorm = 0.0
        var index = 0
        // strtod over the C string: splitting into substrings and parsing each
        // was most of the time of a recommendation.
        let complete = text.withCString { start -> Bool in
            var cursor = start
            while cursor.pointee != 0 {
                var end: UnsafeMutablePointer<CChar>?
                let value = strtod(cursor, &end)
                guard let end, end != UnsafeMutablePointer(mutating: cursor), index < vector.count, value.isFinite
                else { return false }
                let own = Double(vector[index])
                dot += own * value
                ownNorm += own * own
                otherNorm += value * value
                index += 1
                guard end.pointee == 0 || end.pointee == CChar(UInt8(ascii: ",")) else { return false }
                cursor = UnsafePointer(end.pointee == 0 ? end : end + 1)
            }
            return true
        }
        guard complete, index == vector.count, ownNorm > 0, otherNorm > 0 else { return nil }
        return dot / (ownNorm * otherNorm).squareRoot()
    }

    /// The jobs with `ids` that are still open originals, by id, as lists show
    /// them: the description shortened as in search results (`GET /jobs/{id}`
    /// has all of it), so fifty candidates' descriptions are not read whole.
    func jobs(ids: [UUID]) async throws -> [UUID: Job] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.query(
            """
            SELECT \(unsafeRaw: PostingColumns.listing) FROM postings
            WHERE id = ANY(\(ids)) AND closed_at IS NULL AND duplicate_of IS NULL
            """)
        var jobs: [UUID: Job] = [:]
        for row in rows {
            var job = try PostingColumns.job(from: row)
            job.description = job.description.map(ListingDescription.shortened)
            jobs[try row.decode("id")] = job
        }
        return jobs
    }
}
