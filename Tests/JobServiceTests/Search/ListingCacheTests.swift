import Contracts
import Foundation
import Testing

@testable import JobService

/// Result lists reuse postings already read for the index's current version,
/// and never show a posting as it was before a change.
@Suite struct ListingCacheTests {
    static func listing(_ title: String) -> [UInt8] { Array(#"{"title":"\#(title)"}"#.utf8) }

    static func titles(_ listings: [UUID: [UInt8]]) -> [String] {
        listings.values.map { String(decoding: $0, as: UTF8.self) }.sorted()
    }

    @Test func answersForItsVersionOnlyAndKeepsTheNewest() {
        let cache = ListingCache(capacity: 2)
        let ids = (0..<3).map { _ in UUID() }
        cache.store([ids[0]: Self.listing("a"), ids[1]: Self.listing("b")], version: 1)
        #expect(cache.listings(ids, version: 1).count == 2)
        // Another version sees nothing; an older one cannot replace the newer.
        #expect(cache.listings(ids, version: 2).isEmpty)
        cache.store([ids[2]: Self.listing("c")], version: 2)
        cache.store([ids[0]: Self.listing("stale")], version: 1)
        #expect(Self.titles(cache.listings(ids, version: 2)) == [#"{"title":"c"}"#])
        // Past the capacity the oldest entries go.
        cache.store([ids[0]: Self.listing("a2")], version: 2)
        cache.store([ids[1]: Self.listing("b2")], version: 2)
        #expect(Set(cache.listings(ids, version: 2).keys) == [ids[0], ids[1]])
    }

    @Test func anEditedPostingIsShownAsItIsNow() async throws {
        try await SearchFixture.with { fixture in
            let posted = Date(timeIntervalSince1970: 1_790_000_000)
            try await fixture.save([PostingFixtures.posting(externalId: "a", title: "Swift Engineer", postedAt: posted)]
            )
            #expect(try await fixture.titles(["q": "swift", "limit": "5"]) == ["Swift Engineer"])
            try await fixture.save([
                PostingFixtures.posting(externalId: "a", title: "Senior Swift Engineer", postedAt: posted)
            ])
            // Another page size: not the page Redis holds, the same posting the listing cache held.
            #expect(try await fixture.titles(["q": "swift", "limit": "6"]) == ["Senior Swift Engineer"])
        }
    }
}
