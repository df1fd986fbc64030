import Contracts
import Database
import Foundation

/// The resources table: the shipped catalogue and what live providers found,
/// written in batches and read by skill.
struct ResourceStore: Sendable {
    /// What one save changed.
    struct SaveCounts: Sendable, Equatable {
        var written = 0
        var unchanged = 0
        var removed = 0
    }

    /// The filters of a resource query; nil means any.
    struct Filter: Sendable, Equatable {
        var level: LearningResource.Level?
        var type: LearningResource.Kind?
        var free: Bool?
        var language: String?
        var sources: Set<LearningResource.Provenance>?

        init(
            level: LearningResource.Level? = nil, type: LearningResource.Kind? = nil, free: Bool? = nil,
            language: String? = nil, sources: Set<LearningResource.Provenance>? = nil
        ) {
            self.level = level
            self.type = type
            self.free = free
            self.language = language
            self.sources = sources
        }
    }

    let database: DatabasePool
    /// Called after a write that changed rows (not after one that found
    /// everything as it was): the resource-list cache drops its entries here.
    var onChange: @Sendable () async -> Void = {}

    /// `pg_advisory_xact_lock` key: "cglearn" in ASCII, unlikely to collide with another lock by accident.
    static let catalogueLockKey: Int64 = 0x63_676C_6561_726E

    /// Makes the catalogue rows exactly `entries`: new and changed entries are
    /// written, unchanged ones left alone, and catalogue rows no longer shipped
    /// removed. Live finds are never touched.
    /// `hash` names this catalogue: when the table holds exactly it already
    /// (same hash, same number of catalogue rows), nothing is written.
    func replaceCatalogue(_ entries: [LearningResource], hash: String) async throws -> SaveCounts {
        let counts = try await database.withTransaction { connection in
            // Replicas starting together take turns instead of deadlocking on each other's rows.
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(Self.catalogueLockKey))")
            let state = try await connection.query(
                """
                SELECT (SELECT entries_hash FROM catalogue_state) AS entries_hash,
                    (SELECT count(*) FROM resources WHERE provenance = 'catalogue')::int8 AS rows
                """)
            if let row = state.first, try row.decode(String?.self, "entries_hash") == hash,
                try row.decode(Int.self, "rows") == Set(entries.map(\.id)).count
            {
                return SaveCounts(unchanged: entries.count)
            }
            var counts = try await Self.upsert(entries, on: connection)
            let keys = entries.map(\.id)
            let removed = try await connection.query(
                "DELETE FROM resources WHERE provenance = 'catalogue' AND NOT (key = ANY(\(keys))) RETURNING key")
            counts.removed = removed.count
            _ = try await connection.query(
                """
                INSERT INTO catalogue_state (entries_hash) VALUES (\(hash))
                ON CONFLICT (singleton) DO UPDATE SET entries_hash = excluded.entries_hash, written_at = now()
                """)
            return counts
        }
        if counts.written + counts.removed > 0 { await onChange() }
        return counts
    }

    /// Writes live finds (or any resources), leaving unchanged rows alone.
    func save(_ resources: [LearningResource]) async throws -> SaveCounts {
        let counts = try await database.withTransaction { connection in
            try await Self.upsert(resources, on: connection)
        }
        if counts.written > 0 { await onChange() }
        return counts
    }

    /// Resources teaching any of `skills` that pass `filter`, in key order
    /// (ranking is the caller's); every matching resource when `skills` is empty.
    func resources(teaching skills: [String], filter: Filter = Filter()) async throws -> [LearningResource] {
        let sources = filter.sources.map { $0.map(\.rawValue).sorted() }
        let rows = try await database.query(
            """
            SELECT \(unsafeRaw: ResourceRecord.selectList) FROM resources
            WHERE (cardinality(\(skills)::text[]) = 0 OR skills && \(skills)::text[])
                AND (\(filter.level?.rawValue)::text IS NULL OR level = \(filter.level?.rawValue))
                AND (\(filter.type?.rawValue)::text IS NULL OR kind = \(filter.type?.rawValue))
                AND (\(filter.free)::boolean IS NULL OR free = \(filter.free))
                AND (\(filter.language)::text IS NULL OR language = \(filter.language))
                AND (\(sources)::text[] IS NULL OR provenance = ANY(\(sources)::text[]))
            ORDER BY key
            """)
        return try rows.map(ResourceRecord.resource(from:))
    }

    /// The resources with these keys, in no particular order; unknown keys are skipped.
    func resources(keys: [String]) async throws -> [LearningResource] {
        let rows = try await database.query(
            "SELECT \(unsafeRaw: ResourceRecord.selectList) FROM resources WHERE key = ANY(\(keys))")
        return try rows.map(ResourceRecord.resource(from:))
    }

    /// Rows per statement: a catalogue of a few thousand entries is a handful of statements.
    static let batchSize = 500

    private static func upsert(
        _ resources: [LearningResource], on connection: DatabaseConnection
    ) async throws -> SaveCounts {
        var seen = Set<String>()
        // One row per key: a statement may not update the same row twice.
        let records = resources.reversed().filter { seen.insert($0.id).inserted }.reversed().map(ResourceRecord.init)
        var counts = SaveCounts()
        var start = records.startIndex
        while start < records.endIndex {
            let end = min(start + batchSize, records.endIndex)
            let batch = try JSONB(Array(records[start..<end]))
            let written = try await connection.query(
                """
                INSERT INTO resources AS r (
                    key, title, provider, url, kind, level, free, estimated_hours, language, skills, provenance,
                    stars, views, published_at)
                SELECT key, title, provider, url, kind, level, free, estimated_hours, language, skills,
                    provenance, stars, views, published_at
                FROM jsonb_to_recordset(\(batch)) AS x(\(unsafeRaw: ResourceRecord.columns))
                -- A live find at a URL another entry already has (the catalogue's, say) adds nothing.
                WHERE NOT EXISTS (SELECT 1 FROM resources o WHERE o.url = x.url AND o.key <> x.key)
                ON CONFLICT (key) DO UPDATE SET
                    title = excluded.title, provider = excluded.provider, url = excluded.url,
                    kind = excluded.kind, level = excluded.level, free = excluded.free,
                    estimated_hours = excluded.estimated_hours, language = excluded.language,
                    skills = excluded.skills, provenance = excluded.provenance, stars = excluded.stars,
                    views = excluded.views, published_at = excluded.published_at, updated_at = now()
                WHERE (r.title, r.provider, r.url, r.kind, r.level, r.free, r.estimated_hours, r.language,
                    r.skills, r.provenance, r.stars, r.views, r.published_at)
                    IS DISTINCT FROM (excluded.title, excluded.provider, excluded.url, excluded.kind,
                    excluded.level, excluded.free, excluded.estimated_hours, excluded.language, excluded.skills,
                    excluded.provenance, excluded.stars, excluded.views, excluded.published_at)
                RETURNING key
                """)
            counts.written += written.count
            counts.unchanged += (end - start) - written.count
            start = end
        }
        return counts
    }
}
