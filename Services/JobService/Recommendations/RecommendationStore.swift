import Contracts
import Database
import Foundation

/// The three reads behind one page of recommendations: candidates, the
/// embedding similarity of the best of them, and the jobs that make the page.
/// Only open postings that are not duplicates and that the user does not track
/// are ever read.
struct RecommendationStore: Sendable {
    let database: DatabasePool

    /// The most recent postings requiring a skill the person has, and the most
    /// recent whose title names a word of their target titles: the title pool
    /// keeps title matches in the running when thousands of postings share a
    /// common skill. Sized for a 50 ms answer over 100,000 postings: reading
    /// and scoring a candidate costs about 40 µs, so 800 of them about 30 ms.
    static let skillPoolSize = 600
    static let titlePoolSize = 200

    /// Candidates for `userId`: postings requiring any of `skills` (or naming
    /// one while requiring nothing), and postings whose title matches
    /// `titleQuery` (`websearch_to_tsquery` syntax); each posting once.
    ///
    /// A posting none of whose required skills the person has scores 0 on
    /// skills (`MatchScoring`'s must-have cap), so only naming a skill among
    /// the preferred ones does not make a candidate: the pool goes to postings
    /// that can rank. `skill_ids &&` lets the GIN index serve the query when
    /// the skills are rare; otherwise the covering index is read in recency order.
    func candidates(userId: UUID, skills: [String], titleQuery: String?) async throws -> [RecommendationCandidate] {
        let eligible: SQL = """
            p.closed_at IS NULL AND p.duplicate_of IS NULL
            AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.user_id = \(userId) AND a.posting_id = p.id)
            """
        var pools: [SQL] = []
        if !skills.isEmpty {
            pools.append(
                """
                (SELECT \(unsafeRaw: RecommendationCandidate.columns) FROM postings p
                WHERE \(eligible) AND p.skill_ids && \(skills)
                    AND (p.required_skills && \(skills) OR p.required_skills = '{}')
                ORDER BY p.sort_at DESC, p.id DESC LIMIT \(Self.skillPoolSize))
                """)
        }
        if let titleQuery {
            pools.append(
                """
                (SELECT \(unsafeRaw: RecommendationCandidate.columns) FROM postings p
                WHERE \(eligible) AND p.title_vector @@ websearch_to_tsquery('english', \(titleQuery))
                ORDER BY p.sort_at DESC, p.id DESC LIMIT \(Self.titlePoolSize))
                """)
        }
        guard !pools.isEmpty else { return [] }
        let rows = try await database.query(SQL.joined(pools, separator: " UNION ALL "))
        var seen = Set<UUID>()
        var candidates: [RecommendationCandidate] = []
        candidates.reserveCapacity(rows.count)
        for row in rows {
            let candidate = try RecommendationCandidate(row: row)
            if seen.insert(candidate.id).inserted { candidates.append(candidate) }
        }
        return candidates
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
