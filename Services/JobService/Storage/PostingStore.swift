import Contracts
import Database
import Foundation

/// The postings table: batched upserts from ingestion and imports, closing what
/// a board no longer lists, cross-board deduplication, and reading one posting.
struct PostingStore: Sendable {
    /// What one save changed.
    struct SaveCounts: Codable, Sendable, Equatable {
        var created = 0
        var updated = 0
        var unchanged = 0
        var closed = 0

        var changed: Bool { created + updated + closed > 0 }
    }

    let database: DatabasePool
    /// Rows per statement: large enough to amortise the round trip, small
    /// enough that one statement's JSON stays a few megabytes.
    static let batchSize = 500

    /// Saves `postings` (inserting new ones, rewriting changed ones, reopening
    /// closed ones that are listed again) in one transaction. With `sourceKey`
    /// and `closeMissing`, every open posting of that source not in `postings`
    /// is closed: the board stopped listing it. Closed postings are kept, so
    /// tracked applications and their snapshots stay meaningful.
    func save(
        _ postings: [NormalizedPosting], skillText: (NormalizedPosting) -> String, sourceKey: String?,
        closeMissing: Bool, now: Date = Date()
    ) async throws -> SaveCounts {
        var seen = Set<String>()
        // One row per (source, external id): a board listing a posting twice
        // must not make the statement update the same row twice.
        let records = postings.reversed().filter { seen.insert($0.source + "\u{1F}" + $0.externalId).inserted }
            .reversed().map { PostingRecord($0, sourceKey: sourceKey, skillText: skillText($0)) }
        return try await database.withTransaction { connection in
            var counts = SaveCounts()
            var touched: [UUID] = []
            var start = records.startIndex
            while start < records.endIndex {
                let end = min(start + Self.batchSize, records.endIndex)
                let batch = try JSONB(Array(records[start..<end]))
                let rows = try await connection.query(
                    """
                    INSERT INTO postings AS p (
                        source, external_id, source_key, title, company, locations, workplace, employment_type,
                        salary_min, salary_max, salary_currency, salary_period, salary_annual_min,
                        salary_annual_max, description, description_html, required_skills, preferred_skills,
                        skill_ids, skill_text, seniority, posted_at, source_updated_at, apply_url,
                        attribution_url, sample, dedupe_key, content_hash, last_seen_at, sort_at, updated_at)
                    SELECT r.source, r.external_id, r.source_key, r.title, r.company, r.locations, r.workplace,
                        r.employment_type, r.salary_min, r.salary_max, r.salary_currency, r.salary_period,
                        r.salary_annual_min, r.salary_annual_max, r.description, r.description_html,
                        r.required_skills, r.preferred_skills, r.skill_ids, r.skill_text, r.seniority,
                        r.posted_at, r.source_updated_at, r.apply_url, r.attribution_url, r.sample, r.dedupe_key,
                        r.content_hash, \(now), coalesce(r.posted_at, \(now)), \(now)
                    FROM jsonb_to_recordset(\(batch)) AS r(\(unsafeRaw: PostingRecord.columns))
                    ON CONFLICT (source, external_id) DO UPDATE SET
                        source_key = excluded.source_key, title = excluded.title, company = excluded.company,
                        locations = excluded.locations, workplace = excluded.workplace,
                        employment_type = excluded.employment_type, salary_min = excluded.salary_min,
                        salary_max = excluded.salary_max, salary_currency = excluded.salary_currency,
                        salary_period = excluded.salary_period, salary_annual_min = excluded.salary_annual_min,
                        salary_annual_max = excluded.salary_annual_max, description = excluded.description,
                        description_html = excluded.description_html, required_skills = excluded.required_skills,
                        preferred_skills = excluded.preferred_skills, skill_ids = excluded.skill_ids,
                        skill_text = excluded.skill_text, seniority = excluded.seniority,
                        posted_at = excluded.posted_at, source_updated_at = excluded.source_updated_at,
                        apply_url = excluded.apply_url, attribution_url = excluded.attribution_url,
                        sample = excluded.sample, dedupe_key = excluded.dedupe_key,
                        content_hash = excluded.content_hash, last_seen_at = excluded.last_seen_at,
                        sort_at = coalesce(excluded.posted_at, p.sort_at), closed_at = NULL,
                        updated_at = excluded.updated_at
                    WHERE p.content_hash IS DISTINCT FROM excluded.content_hash OR p.closed_at IS NOT NULL
                    RETURNING p.id, (p.xmax = 0) AS inserted
                    """)
                for row in rows {
                    touched.append(try row.decode(UUID.self, "id"))
                    if try row.decode(Bool.self, "inserted") { counts.created += 1 } else { counts.updated += 1 }
                }
                counts.unchanged += (end - start) - rows.count
                start = end
            }
            if records.count > 0 {
                // Unchanged rows were not rewritten; they were still seen.
                let keys = records.map(\.externalId)
                let sources = records.map(\.source)
                _ = try await connection.query(
                    """
                    UPDATE postings p SET last_seen_at = \(now)
                    FROM unnest(\(sources)::text[], \(keys)::text[]) AS s(source, external_id)
                    WHERE p.source = s.source AND p.external_id = s.external_id AND p.last_seen_at < \(now)
                    """)
            }
            if closeMissing, let sourceKey {
                let listed = records.map(\.externalId)
                let closed = try await connection.query(
                    """
                    UPDATE postings SET closed_at = \(now), updated_at = \(now)
                    WHERE source_key = \(sourceKey) AND closed_at IS NULL AND NOT (external_id = ANY(\(listed)))
                    RETURNING id
                    """)
                counts.closed = closed.count
                touched += try closed.map { try $0.decode(UUID.self, "id") }
            }
            if !touched.isEmpty {
                try await Self.resolveDuplicates(of: touched, on: connection)
            }
            return counts
        }
    }

    /// Marks the later of two open postings from different boards with the
    /// same dedupe key as a duplicate of the earlier one (and undoes that when
    /// the earlier one closes), for every key the given postings have.
    /// Postings of one board sharing a key are separate openings and stay.
    private static func resolveDuplicates(of ids: [UUID], on connection: DatabaseConnection) async throws {
        _ = try await connection.query(
            """
            WITH keys AS (
                SELECT DISTINCT dedupe_key FROM postings WHERE id = ANY(\(ids)) AND dedupe_key <> ''
            ), ranked AS (
                SELECT p.id, p.source, p.closed_at,
                    first_value(p.id) OVER w AS original, first_value(p.source) OVER w AS original_source
                FROM postings p JOIN keys k ON p.dedupe_key = k.dedupe_key
                WHERE p.closed_at IS NULL
                WINDOW w AS (PARTITION BY p.dedupe_key ORDER BY p.created_at, p.id)
            ), wanted AS (
                SELECT id, CASE WHEN source <> original_source THEN original END AS duplicate_of FROM ranked
                UNION ALL
                SELECT p.id, NULL FROM postings p JOIN keys k ON p.dedupe_key = k.dedupe_key
                WHERE p.closed_at IS NOT NULL
            )
            UPDATE postings p SET duplicate_of = w.duplicate_of
            FROM wanted w
            WHERE p.id = w.id AND p.duplicate_of IS DISTINCT FROM w.duplicate_of
            """)
    }

    /// One posting, open or closed; nil when there is none with `id`.
    func job(id: UUID) async throws -> Job? {
        let rows = try await database.query(
            "SELECT \(unsafeRaw: PostingColumns.full) FROM postings WHERE id = \(id)")
        return try rows.first.map { try PostingColumns.job(from: $0) }
    }

    /// How many postings there are, open or closed.
    func count() async throws -> Int {
        let rows = try await database.query("SELECT count(*)::int AS n FROM postings")
        return try rows.first?.decode(Int.self, "n") ?? 0
    }
}
