import Contracts
import Database
import Foundation

/// The `live_lookups` table and the live finds in `resources`: which
/// (provider, skill) lookups are due, and what each lookup found or why it
/// failed.
///
/// Retention: a live find's skills are exactly the skills whose latest
/// successful answer (from that provider) lists it. A find a provider stopped
/// returning for a skill loses that skill, and is deleted once no answer lists
/// it, so live rows never exceed (skills asked about × providers × results per
/// search). A failed lookup keeps its last answer, and so its finds.
struct LiveLookupStore: Sendable {
    /// One lookup to make.
    struct Pair: Sendable, Hashable {
        var provider: LearningResource.Provenance
        var skill: String
    }

    /// One row of `live_lookups`.
    struct Lookup: Sendable, Equatable {
        var provider: String
        var skill: String
        var fetchedAt: Date?
        var attemptedAt: Date
        var status: String
        var resultKeys: [String]
        var error: String?
    }

    let database: DatabasePool
    /// Finds are written through it, and its `onChange` hears of retirements too.
    let resources: ResourceStore

    init(database: DatabasePool, resources: ResourceStore) {
        self.database = database
        self.resources = resources
    }

    /// The pairs among `candidates` with no answer younger than `ttl` (a
    /// failed attempt is retried after `retryAfterFailure`, or `ttl` if shorter).
    /// One statement whatever the number of pairs.
    func due(_ candidates: [Pair], ttl: Duration, retryAfterFailure: Duration) async throws -> [Pair] {
        guard !candidates.isEmpty else { return [] }
        let rows = try await database.query(
            """
            SELECT c.provider, c.skill
            FROM unnest(\(candidates.map(\.provider.rawValue))::text[], \(candidates.map(\.skill))::text[])
                AS c(provider, skill)
            LEFT JOIN live_lookups l ON l.provider = c.provider AND l.skill = c.skill
            WHERE l.provider IS NULL
                OR (l.status = 'ok' AND l.fetched_at <= now() - make_interval(secs => \(Self.seconds(ttl))))
                OR (l.status = 'failed' AND l.attempted_at <= now() - make_interval(
                    secs => least(\(Self.seconds(retryAfterFailure)), \(Self.seconds(ttl)))))
            """)
        return try rows.compactMap { row in
            let provider: String = try row.decode("provider")
            let skill: String = try row.decode("skill")
            return LearningResource.Provenance(rawValue: provider).map { Pair(provider: $0, skill: skill) }
        }
    }

    /// Stores a successful answer: the finds, the lookup row, then each
    /// affected find's skills made exactly the skills whose latest answers
    /// list it (in the order it had them, new ones after), and finds no
    /// answer lists any more deleted. Lookups of one provider are stored one
    /// at a time (an advisory lock), so concurrent answers for two skills that
    /// share a find both keep their skill.
    func recordSuccess(_ pair: Pair, finds: [LearningResource]) async throws {
        // Written with the skills it already has, so readers never see one vanish meanwhile.
        let existing = try await resources.resources(keys: finds.map(\.id))
        let skillsByKey = Dictionary(existing.map { ($0.id, $0.skills) }, uniquingKeysWith: { first, _ in first })
        let merged = finds.map { find in
            var find = find
            if let known = skillsByKey[find.id] {
                find.skills = known + find.skills.filter { !known.contains($0) }
            }
            return find
        }
        _ = try await resources.save(merged)
        let keys = finds.map(\.id)
        let provider = pair.provider.rawValue
        let changed = try await database.withTransaction { connection in
            _ = try await connection.query(
                "SELECT pg_advisory_xact_lock(hashtextextended('learning-live-finds:' || \(provider), 0))")
            let previous = try await connection.query(
                "SELECT result_keys FROM live_lookups WHERE provider = \(provider) AND skill = \(pair.skill)")
            let previousKeys: [String] = try previous.first.map { try $0.decode("result_keys") } ?? []
            _ = try await connection.query(
                """
                INSERT INTO live_lookups (provider, skill, fetched_at, attempted_at, status, result_keys, error)
                VALUES (\(provider), \(pair.skill), now(), now(), 'ok', \(keys), NULL)
                ON CONFLICT (provider, skill) DO UPDATE SET
                    fetched_at = now(), attempted_at = now(), status = 'ok', result_keys = excluded.result_keys,
                    error = NULL
                """)
            let rows = try await connection.query(
                """
                WITH affected AS (
                    SELECT unnest(\(keys)::text[]) AS key
                    UNION SELECT unnest(\(previousKeys)::text[])
                    UNION SELECT key FROM resources
                        WHERE provenance = \(provider) AND skills @> ARRAY[\(pair.skill)]::text[]
                ),
                derived AS (
                    SELECT a.key, array_agg(l.skill ORDER BY l.skill) FILTER (WHERE l.skill IS NOT NULL) AS skills
                    FROM affected a
                    LEFT JOIN live_lookups l ON l.provider = \(provider) AND l.result_keys @> ARRAY[a.key]
                    GROUP BY a.key
                ),
                retagged AS (
                    UPDATE resources r SET
                        skills = ARRAY(
                                SELECT e.skill FROM unnest(r.skills) WITH ORDINALITY AS e(skill, position)
                                WHERE e.skill = ANY(d.skills) ORDER BY e.position)
                            || ARRAY(SELECT n.skill FROM unnest(d.skills) AS n(skill)
                                WHERE NOT (n.skill = ANY(r.skills)) ORDER BY n.skill),
                        updated_at = now()
                    FROM derived d
                    WHERE r.key = d.key AND r.provenance = \(provider) AND d.skills IS NOT NULL
                        AND NOT (r.skills @> d.skills AND d.skills @> r.skills)
                    RETURNING r.key
                ),
                retired AS (
                    DELETE FROM resources r USING derived d
                    WHERE r.key = d.key AND r.provenance = \(provider) AND d.skills IS NULL
                    RETURNING r.key
                )
                SELECT (SELECT count(*) FROM retagged) + (SELECT count(*) FROM retired) AS changed
                """)
            let count: Int64 = try rows.first.map { try $0.decode("changed") } ?? 0
            return count
        }
        if changed > 0 { await resources.onChange() }
    }

    /// Records a failed attempt; the last answer and its finds stay as they were.
    func recordFailure(_ pair: Pair, error: String) async throws {
        _ = try await database.query(
            """
            INSERT INTO live_lookups (provider, skill, attempted_at, status, error)
            VALUES (\(pair.provider.rawValue), \(pair.skill), now(), 'failed', \(error))
            ON CONFLICT (provider, skill) DO UPDATE SET
                attempted_at = now(), status = 'failed', error = excluded.error
            """)
    }

    /// The lookup rows for `skill` (every skill when nil), by provider then skill.
    func lookups(skill: String? = nil) async throws -> [Lookup] {
        let rows = try await database.query(
            """
            SELECT provider, skill, fetched_at, attempted_at, status, result_keys, error FROM live_lookups
            WHERE \(skill)::text IS NULL OR skill = \(skill)
            ORDER BY provider, skill
            """)
        return try rows.map { row in
            Lookup(
                provider: try row.decode("provider"), skill: try row.decode("skill"),
                fetchedAt: try row.decode("fetched_at"), attemptedAt: try row.decode("attempted_at"),
                status: try row.decode("status"), resultKeys: try row.decode("result_keys"),
                error: try row.decode("error"))
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
