import Contracts
import Foundation
import HTTPTypes
import RedisKit
import ServiceKit
import Testing

@testable import JobService

@Suite struct SearchPaginationTests {
    private static let start = Date(timeIntervalSince1970: 1_740_000_000)

    /// 25 engineers whose ranks for "engineer" differ (title, skills or
    /// description) and tie (same structure, different dates), all dated apart.
    private static func engineers() -> [NormalizedPosting] {
        (0..<25).map { index in
            let title = index % 3 == 0 ? "Engineer \(index)" : "Specialist \(index)"
            let description =
                index % 3 == 1 ? "An engineer role." : index % 3 == 2 ? "Engineer, engineer." : "Build things."
            return PostingFixtures.posting(
                externalId: "e\(index)", title: title, description: description,
                postedAt: start.addingTimeInterval(Double(index % 7) * 3600 + Double(index)))
        }
    }

    @Test(arguments: [["q": "engineer", "limit": "10"], ["limit": "10"]])
    func pagesCoverEveryMatchOnceInOrder(parameters: [String: String]) async throws {
        try await SearchFixture.with { fixture in
            try await fixture.save(Self.engineers())
            let pages = try await fixture.allPages(parameters)
            #expect(pages.map(\.items.count) == [10, 10, 5])
            let ids = pages.flatMap(\.items).map(\.id)
            #expect(Set(ids).count == 25)
            #expect(pages.last?.nextCursor == nil)
            // Every page reports the search's total and facets.
            #expect(pages.allSatisfy { $0.total == 25 && $0.facets == pages[0].facets })
            // One page of 25 has the same order.
            var whole = parameters
            whole["limit"] = "50"
            #expect(try await fixture.page(whole).items.map(\.id) == ids)
            if parameters["q"] == nil {
                let dates = pages.flatMap(\.items).compactMap(\.postedAt)
                #expect(dates == dates.sorted(by: >))
            }
        }
    }

    /// Page 1, then postings arrive that rank above and below the cursor (with
    /// a text query) or are dated before and after it (without): the following
    /// pages continue exactly where page 1 ended, and only the newcomers ranked
    /// after the cursor appear, in their place.
    @Test(arguments: [true, false])
    func laterPagesStayPutWhilePostingsArrive(withText: Bool) async throws {
        try await SearchFixture.with { fixture in
            try await fixture.save(Self.engineers())
            var parameters = ["limit": "8"]
            if withText { parameters["q"] = "engineer" }
            let before = try await fixture.allPages(parameters).flatMap(\.items).map(\.id)
            let first = try await fixture.page(parameters)
            #expect(first.items.map(\.id) == Array(before.prefix(8)))

            let above = PostingFixtures.posting(
                externalId: "above", title: "Engineer Engineer", postedAt: Self.start.addingTimeInterval(86_400))
            let below = PostingFixtures.posting(
                externalId: "below", title: "Clerk", description: "Reports to an engineer.",
                postedAt: Self.start.addingTimeInterval(-86_400))
            let ids = try await fixture.save([above, below])
            await fixture.cache.invalidate()

            var rest: [Job] = []
            var cursor = first.nextCursor
            while let next = cursor {
                parameters["cursor"] = next
                let page = try await fixture.page(parameters)
                rest += page.items
                cursor = page.nextCursor
            }
            let restIds = rest.map(\.id)
            #expect(Set(restIds).count == restIds.count, "no posting twice")
            #expect(restIds.filter { before.contains($0) } == Array(before.dropFirst(8)), "no gaps, same order")
            let aboveId = try #require(ids["above"]).uuidString.lowercased()
            let belowId = try #require(ids["below"]).uuidString.lowercased()
            #expect(!restIds.contains(aboveId))
            #expect(restIds.contains(belowId))
            #expect(restIds.count == before.count - 8 + 1)
            // The newcomer after the cursor sits where a fresh search puts it.
            parameters["cursor"] = nil
            parameters["limit"] = "50"
            let fresh = try await fixture.page(parameters).items.map(\.id)
            #expect(fresh.firstIndex(of: aboveId) == 0)
            #expect(Array(fresh.drop { $0 != first.items.last?.id }.dropFirst()) == restIds)
        }
    }

    @Test func aCursorFromAnotherSearchIsRefused() async throws {
        try await SearchFixture.with { fixture in
            try await fixture.save(Self.engineers())
            let first = try await fixture.page(["q": "engineer", "limit": "5"])
            let cursor = try #require(first.nextCursor)
            for other in [["q": "specialist"], ["q": "engineer", "workplace": "remote"], [:]] {
                var parameters = other
                parameters["cursor"] = cursor
                let error = await #expect(throws: ServiceError.self) { try await fixture.page(parameters) }
                #expect(error?.status == .badRequest)
                #expect(error?.fieldErrors.map(\.pointer) == ["/cursor"])
            }
            // The same search spelled differently, with another page size, accepts it.
            let second = try await fixture.page(["q": " ENGINEER ", "limit": "7", "cursor": cursor])
            #expect(second.items.count == 7)
            #expect(Set(second.items.map(\.id)).isDisjoint(with: first.items.map(\.id)))
        }
    }
}
