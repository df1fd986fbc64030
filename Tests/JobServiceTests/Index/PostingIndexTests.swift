import Contracts
import Database
import Foundation
import TestSupport
import Testing

@testable import JobService

/// The posting index follows every committed change: new, edited, closed,
/// duplicate and deleted postings, and many writers at once.
@Suite struct PostingIndexTests {
    /// Ids and titles of the snapshot, in its order.
    static func listing(_ snapshot: PostingSnapshot) -> [String] {
        snapshot.postings.map { "\($0.id) \($0.candidate.title) \($0.sortMicros) \($0.company)" }
    }

    /// Two rows to a 64-byte cache line: counting a broad search's matches waits on memory.
    @Test func aSearchRowIsThirtyTwoBytes() {
        #expect(MemoryLayout<SearchRow>.stride == 32)
    }

    @Test func everyKindOfChangeIsInTheNextSnapshot() async throws {
        try await SearchFixture.with { fixture in
            let index = PostingIndex(database: fixture.pool)
            #expect(try await index.current().postings.isEmpty)
            let posted = Date(timeIntervalSince1970: 1_790_000_000)
            let ids = try await fixture.save([
                PostingFixtures.posting(externalId: "a", title: "Swift Engineer", postedAt: posted),
                PostingFixtures.posting(externalId: "b", title: "Data Scientist", requiredSkills: ["python"]),
                PostingFixtures.posting(externalId: "c", title: "Designer"),
            ])
            let first = try await index.current()
            #expect(Set(first.postings.map(\.id)) == Set(ids.values))
            let python = Int(try #require(first.terms.skills.numbers["python"]))
            #expect(first.requiring[python] == [try #require(first.slots[ids["b"]!])])

            // Seen again unchanged: ingestion touches last_seen_at only, which changes nothing indexed.
            try await fixture.save([PostingFixtures.posting(externalId: "a", title: "Swift Engineer", postedAt: posted)]
            )
            #expect(try await index.current().version == first.version)

            try await fixture.save([PostingFixtures.posting(externalId: "a", title: "Senior Swift Engineer")])
            let edited = try await index.current()
            #expect(edited.version > first.version)
            #expect(edited.postings.first { $0.id == ids["a"] }?.candidate.title == "Senior Swift Engineer")

            _ = try await fixture.pool.query("UPDATE postings SET closed_at = now() WHERE id = \(ids["b"]!)")
            _ = try await fixture.pool.query("DELETE FROM postings WHERE id = \(ids["c"]!)")
            let after = try await index.current()
            #expect(after.postings.map(\.id) == [ids["a"]!])
            #expect(after.requiring[python].isEmpty)

            // Listed again by another board under the same key: a duplicate, not shown.
            try await fixture.save([
                PostingFixtures.posting(
                    source: "lever", externalId: "a2", title: "Senior Swift Engineer", dedupeKey: "same"),
                PostingFixtures.posting(externalId: "a", title: "Senior Swift Engineer", dedupeKey: "same"),
            ])
            #expect(try await index.current().postings.map(\.id) == [ids["a"]!])
            // A fresh index agrees with the one that followed the changes.
            let fresh = try await PostingIndex(database: fixture.pool).current()
            #expect(Self.listing(fresh) == Self.listing(try await index.current()))
        }
    }

    @Test("writers in parallel while a reader follows: the followed index equals a fresh load")
    func concurrentWritersAreNeverMissed() async throws {
        try await SearchFixture.with { fixture in
            let index = PostingIndex(database: fixture.pool)
            _ = try await index.current()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        for round in 0..<8 {
                            let postings = (0..<6).map { number in
                                PostingFixtures.posting(
                                    source: "board\(writer)", externalId: "w\(writer)-\(number)",
                                    title: "Role \(writer)-\(number) v\(round)", dedupeKey: "w\(writer)-\(number)")
                            }
                            _ = try await fixture.store.save(
                                postings, skillText: { _ in "" }, sourceKey: nil, closeMissing: false)
                            if round % 3 == 2 {
                                _ = try await fixture.pool.query(
                                    "UPDATE postings SET closed_at = now() WHERE external_id = \("w\(writer)-\(round)")"
                                )
                            }
                        }
                    }
                }
                group.addTask {
                    for _ in 0..<40 { _ = try await index.current() }
                }
                try await group.waitForAll()
            }
            let followed = try await index.current()
            let fresh = try await PostingIndex(database: fixture.pool).current()
            #expect(Self.listing(followed) == Self.listing(fresh))
            // The last round lists every posting again, reopening the closed ones.
            let everyPosting = 24
            #expect(fresh.postings.count == everyPosting)
        }
    }
}
