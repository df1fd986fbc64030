import Database
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import Taxonomy
import TestSupport
import Testing

@testable import JobService

/// The sample loader against real PostgreSQL: an empty database gets the whole
/// sample, normalised like any board's postings, exactly once.
@Suite struct SampleDataLoaderTests {
    static func ingestor(_ pool: DatabasePool) throws -> PostingIngestor {
        let taxonomy = try Taxonomy.bundled()
        return PostingIngestor(
            store: PostingStore(database: pool), normalizer: PostingNormalizer(taxonomy: taxonomy),
            taxonomy: taxonomy, onChange: {})
    }

    static func loader(_ pool: DatabasePool) throws -> SampleDataLoader {
        SampleDataLoader(database: pool, ingestor: try ingestor(pool), enabled: true, logger: TestEnvironment.logger)
    }

    private func withDatabase(_ body: (DatabasePool) async throws -> Void) async throws {
        let database = try await JobDatabase.make()
        do {
            try await body(database.pool)
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    static func count(_ pool: DatabasePool) async throws -> Int {
        let rows = try await pool.query("SELECT count(*)::int AS n FROM postings")
        return try rows.first?.decode(Int.self, "n") ?? -1
    }

    struct StoredPosting {
        var sample: Bool
        var open: Bool
        var skills: [String]
        var salaryMin: Double?
        var salaryMax: Double?
        var currency: String?
        var description: String
        var postedAt: Date
    }

    static func stored(_ pool: DatabasePool) async throws -> [String: StoredPosting] {
        let rows = try await pool.query(
            """
            SELECT external_id, sample, closed_at IS NULL AND duplicate_of IS NULL AS open, skill_ids, salary_min,
                salary_max, salary_currency, description, posted_at
            FROM postings WHERE source = 'sample'
            """)
        var postings: [String: StoredPosting] = [:]
        for row in rows {
            postings[try row.decode(String.self, "external_id")] = StoredPosting(
                sample: try row.decode(Bool.self, "sample"), open: try row.decode(Bool.self, "open"),
                skills: try row.decode([String].self, "skill_ids"),
                salaryMin: try row.decode(Double?.self, "salary_min"),
                salaryMax: try row.decode(Double?.self, "salary_max"),
                currency: try row.decode(String?.self, "salary_currency"),
                description: try row.decode(String.self, "description"),
                postedAt: try row.decode(Date.self, "posted_at"))
        }
        return postings
    }

    @Test func anEmptyDatabaseGetsTheWholeSampleOnce() async throws {
        try await withDatabase { pool in
            let drafts = try SamplePostings.bundled()
            let now = Date()
            let outcome = try await Self.loader(pool).loadIfEmpty(now: now)
            guard case .loaded(let report) = outcome else {
                Issue.record("expected a load, got \(outcome)")
                return
            }
            #expect(report.received == drafts.count)
            #expect(report.created == drafts.count)
            #expect(report.rejected == [])

            let stored = try await Self.stored(pool)
            #expect(stored.count == drafts.count)
            #expect(stored.values.filter(\.open).count >= 300)
            #expect(stored.values.allSatisfy { $0.sample && $0.description.hasPrefix(SamplePostings.marker) })
            let withSkills = stored.values.filter { !$0.skills.isEmpty }.count
            #expect(Double(withSkills) >= 0.9 * Double(stored.count), "\(withSkills) of \(stored.count) have skills")

            for draft in drafts {
                let posting = try #require(stored[draft.externalId])
                let states =
                    draft.salary != nil || draft.descriptionHtml?.contains("Compensation:") == true
                let parsed = posting.salaryMin != nil || posting.salaryMax != nil
                #expect(
                    parsed == states,
                    "\(draft.externalId): salary \(String(describing: draft.salary))")
                if let hint = draft.salary, let minimum = hint.min {
                    #expect(posting.salaryMin == minimum && posting.salaryMax == hint.max, "\(draft.externalId)")
                    #expect(posting.currency == hint.currency, "\(draft.externalId)")
                }
            }

            // Shifted so the newest is now, the oldest still about 45 days back.
            let dates = stored.values.map(\.postedAt)
            #expect(abs(dates.max()!.timeIntervalSince(now)) < 1)
            #expect(dates.min()! > now.addingTimeInterval(-46 * 86_400))

            #expect(try await Self.loader(pool).loadIfEmpty() == .notEmpty)
            #expect(try await Self.count(pool) == drafts.count)
            // A second load of the same sample (a replica racing past the lock) changes nothing.
            let again = try await Self.ingestor(pool).ingest(
                SamplePostings.shifted(drafts, newestAt: now), sourceKey: SamplePostings.source, closeMissing: false)
            #expect(again.created == 0 && again.updated == 0 && again.unchanged == drafts.count)
        }
    }

    @Test func aDatabaseWithPostingsIsNotLoadedInto() async throws {
        try await withDatabase { pool in
            let counts = try await PostingStore(database: pool).save(
                [PostingFixtures.posting(externalId: "real-1")], skillText: { _ in "" }, sourceKey: nil,
                closeMissing: false)
            #expect(counts.created == 1)
            #expect(try await Self.loader(pool).loadIfEmpty() == .notEmpty)
            #expect(try await Self.count(pool) == 1)
        }
    }

    @Test func replicasStartingTogetherLoadTheSampleOnce() async throws {
        try await withDatabase { pool in
            let drafts = try SamplePostings.bundled()
            async let first = Self.loader(pool).loadIfEmpty()
            async let second = Self.loader(pool).loadIfEmpty()
            let outcomes = try await [first, second]
            let loaded = outcomes.compactMap { outcome -> IngestReport? in
                if case .loaded(let report) = outcome { return report }
                return nil
            }
            #expect(loaded.count == 1, "\(outcomes)")
            #expect(loaded.first?.created == drafts.count)
            #expect(outcomes.contains(.busy) || outcomes.contains(.notEmpty))
            #expect(try await Self.count(pool) == drafts.count)
        }
    }

    /// Built as `main` builds it, with JOB_SAMPLE_DATA on: the loader runs beside
    /// the server, which answers while it loads.
    @Test func theServiceLoadsTheSampleInTheBackgroundWhenEnabled() async throws {
        let database = try await JobDatabase.make()
        do {
            let settings = try JobServiceHarness.settings(
                databaseURL: database.url, extra: ["JOB_SAMPLE_DATA": "true"])
            let app = try await buildApplication(settings, logger: TestEnvironment.logger)
            let expected = try SamplePostings.bundled().count
            try await app.test(.router) { client in
                let health = try await client.execute(uri: "/health", method: .get)
                #expect(health.status == .ok)
                let deadline = ContinuousClock.now + .seconds(60)
                var count = 0
                while ContinuousClock.now < deadline {
                    count = try await Self.count(database.pool)
                    if count >= expected { break }
                    try await Task.sleep(for: .milliseconds(200))
                }
                #expect(count == expected)
            }
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    @Test func theServiceLeavesTheDatabaseEmptyWhenDisabled() async throws {
        let database = try await JobDatabase.make()
        do {
            let settings = try JobServiceHarness.settings(
                databaseURL: database.url, extra: ["JOB_SAMPLE_DATA": "false"])
            let app = try await buildApplication(settings, logger: TestEnvironment.logger)
            try await app.test(.router) { client in
                let health = try await client.execute(uri: "/health", method: .get)
                #expect(health.status == .ok)
                // Long enough for an enabled loader to have written its first batch.
                try await Task.sleep(for: .seconds(2))
                #expect(try await Self.count(database.pool) == 0)
            }
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}
