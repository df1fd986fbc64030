import Contracts
import Database
import Foundation
import Testing

@testable import JobService

@Suite struct PostingStoreTests {
    private func withStore(_ body: (PostingStore, DatabasePool) async throws -> Void) async throws {
        let database = try await JobDatabase.make()
        do {
            try await body(PostingStore(database: database.pool), database.pool)
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    private func save(
        _ store: PostingStore, _ postings: [NormalizedPosting], key: String? = "greenhouse:acme"
    )
        async throws -> PostingStore.SaveCounts
    {
        try await store.save(postings, skillText: { _ in "" }, sourceKey: key, closeMissing: key != nil)
    }

    @Test func newChangedAndUnchangedPostingsAreCountedAndOnlyChangesRewritten() async throws {
        try await withStore { store, pool in
            let first = PostingFixtures.posting(externalId: "1", title: "iOS Engineer")
            let second = PostingFixtures.posting(externalId: "2", title: "Data Engineer")
            #expect(try await save(store, [first, second]) == .init(created: 2))
            #expect(try await save(store, [first, second]) == .init(unchanged: 2))
            var renamed = second
            renamed.title = "Senior Data Engineer"
            #expect(try await save(store, [first, renamed]) == .init(updated: 1, unchanged: 1))
            let rows = try await pool.query("SELECT title FROM postings WHERE external_id = '2'")
            #expect(try rows.first?.decode(String.self, "title") == "Senior Data Engineer")
        }
    }

    @Test func aPostingTheBoardNoLongerListsIsClosedNotDeletedAndReopensWhenListedAgain() async throws {
        try await withStore { store, pool in
            let kept = PostingFixtures.posting(externalId: "kept")
            let gone = PostingFixtures.posting(externalId: "gone", title: "Designer")
            let other = PostingFixtures.posting(source: "lever", externalId: "other", title: "Other board")
            _ = try await save(store, [kept, gone])
            _ = try await save(store, [other], key: "lever:other")
            #expect(try await save(store, [kept]) == .init(unchanged: 1, closed: 1))
            let goneRows = try await pool.query("SELECT id FROM postings WHERE external_id = 'gone'")
            let id = try #require(goneRows.first).decode(UUID.self, "id")
            let closedJob = try await store.job(id: id)
            let closed = try #require(closedJob)
            #expect(closed.closed && closed.closedAt != nil)
            // Another source's postings are untouched by this source's run.
            let open = try await pool.query("SELECT external_id FROM postings WHERE closed_at IS NULL ORDER BY 1")
            #expect(try open.map { try $0.decode(String.self, "external_id") } == ["kept", "other"])
            #expect(try await save(store, [kept, gone]) == .init(updated: 1, unchanged: 1))
            let reopened = try await store.job(id: id)
            #expect(reopened?.closed == false)
        }
    }

    @Test func theSameOpeningOnTwoBoardsIsOneResultButTwoOpeningsOnOneBoardStayTwo() async throws {
        try await withStore { store, pool in
            let greenhouse = PostingFixtures.posting(
                source: "greenhouse", externalId: "g1", dedupeKey: "acme|swe|berlin")
            let sameBoard = PostingFixtures.posting(
                source: "greenhouse", externalId: "g2", dedupeKey: "acme|swe|berlin")
            let lever = PostingFixtures.posting(source: "lever", externalId: "l1", dedupeKey: "acme|swe|berlin")
            _ = try await save(store, [greenhouse, sameBoard])
            _ = try await save(store, [lever], key: "lever:acme")
            func duplicates() async throws -> [String: String?] {
                let rows = try await pool.query(
                    """
                    SELECT p.external_id, o.external_id AS original FROM postings p
                    LEFT JOIN postings o ON o.id = p.duplicate_of ORDER BY 1
                    """)
                return try Dictionary(
                    uniqueKeysWithValues: rows.map {
                        (try $0.decode(String.self, "external_id"), try $0.decode(String?.self, "original"))
                    })
            }
            // g1 and g2 arrived together: either may be the one l1 repeats.
            let before = try await duplicates()
            #expect(before["g1"] == .some(nil) && before["g2"] == .some(nil))
            #expect(before["l1"] == "g1" || before["l1"] == "g2")
            // The original closes: the other board's copy now duplicates the opening still open.
            _ = try await save(store, [sameBoard])
            #expect(try await duplicates() == ["g1": nil, "g2": nil, "l1": "g2"])
            // The board's last one closes too: the other board's copy is shown.
            _ = try await save(store, [])
            #expect(try await duplicates() == ["g1": nil, "g2": nil, "l1": nil])
        }
    }

    @Test func aBoardListingOnePostingTwiceIsSavedOnce() async throws {
        try await withStore { store, _ in
            let posting = PostingFixtures.posting(externalId: "twice")
            let counts = try await save(store, [posting, posting])
            let stored = try await store.count()
            #expect(counts == .init(created: 1))
            #expect(stored == 1)
        }
    }

    @Test func aThousandPostingsSaveInBatchesWithEveryFieldReadBack() async throws {
        try await withStore { store, _ in
            let postings = (0..<1_200).map {
                PostingFixtures.posting(
                    externalId: "bulk-\($0)", title: "Engineer \($0)", locations: ["Berlin", "Remote"],
                    workplace: .hybrid, salary: Job.Salary(min: 60_000, max: 80_000, currency: "EUR", period: "year"),
                    requiredSkills: ["swift"], preferredSkills: ["kotlin"], seniority: "senior")
            }
            #expect(try await save(store, postings) == .init(created: 1_200))
            let rows = try await store.database.query("SELECT id FROM postings WHERE external_id = 'bulk-7'")
            let id = try #require(rows.first).decode(UUID.self, "id")
            let found = try await store.job(id: id)
            let job = try #require(found)
            #expect(job.title == "Engineer 7")
            #expect(job.locations == ["Berlin", "Remote"])
            #expect(job.workplace == .hybrid)
            #expect(job.salary == Job.Salary(min: 60_000, max: 80_000, currency: "EUR", period: "year"))
            #expect(job.requiredSkills == ["swift"] && job.preferredSkills == ["kotlin"])
            #expect(job.descriptionHtml == "<p>Build things.</p>")
            #expect(job.seniority == "senior" && job.source == "greenhouse" && job.externalId == "bulk-7")
        }
    }
}
