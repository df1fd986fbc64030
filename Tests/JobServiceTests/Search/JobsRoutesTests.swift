import Contracts
import Database
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ServiceKit
import TestSupport
import Testing

@testable import JobService

@Suite struct JobsRoutesTests {
    typealias Harness = JobServiceHarness

    /// job-service's routes on a database of its own, with its fixture for
    /// arranging postings behind the API.
    private func withApp(
        extra: [String: String] = [:], _ body: @Sendable (any TestClientProtocol, SearchFixture) async throws -> Void
    ) async throws {
        try await SearchFixture.with { fixture in
            let app = try await buildApplication(
                try Harness.settings(databaseURL: fixture.database.url, extra: extra), logger: TestEnvironment.logger)
            try await app.test(.router) { client in try await body(client, fixture) }
        }
    }

    private func get(_ client: any TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: Harness.headers(user: UUID())) { $0 }
    }

    private func problem(_ response: TestResponse) throws -> Problem {
        #expect(response.headers[.contentType] == Problem.mediaType)
        return try Harness.decode(Problem.self, response)
    }

    @Test func searchAnswersJSONAndSaysWhenTheCacheAnswered() async throws {
        try await withApp { client, fixture in
            try await fixture.save([
                PostingFixtures.posting(
                    externalId: "a", title: "iOS Engineer", description: String(repeating: "Swift work. ", count: 80),
                    requiredSkills: ["swift"])
            ])
            // A running service opens its Redis connections at start; this one opens them on first use,
            // which on a busy machine can outlast the cache's timeout (the search then goes without it).
            var warm = try await get(client, "/jobs?q=warm")
            for _ in 0..<20 where warm.headers[JobsController.cacheStatus] != "job-service; hit" {
                try await Task.sleep(for: .milliseconds(200))
                warm = try await get(client, "/jobs?q=warm")
            }
            let first = try await get(client, "/jobs?q=ios%20engineer&skills=swift")
            #expect(first.status == .ok)
            #expect(first.headers[.contentType] == "application/json")
            #expect(first.headers[JobsController.cacheStatus] == "job-service; fwd=miss")
            let page = try Harness.decode(JobSearchPage.self, first)
            #expect(page.total == 1 && page.nextCursor == nil)
            let item = try #require(page.items.first)
            #expect(item.descriptionHtml == nil)
            #expect(item.description?.hasSuffix("…") == true)
            #expect((item.description?.count ?? 0) <= ListingDescription.maximumLength + 1)
            #expect(page.facets.skills == [.init(value: "swift", count: 1)])

            let second = try await get(client, "/jobs?skills=Swift&q=iOS++Engineer")
            #expect(second.headers[JobsController.cacheStatus] == "job-service; hit")
            #expect(second.body == first.body)
        }
    }

    /// A reload (`Cache-Control: no-cache`) is worked out afresh, even when the
    /// cached page is stale, and the fresh page replaces it.
    @Test func noCacheAsksForAFreshPageAndCachesIt() async throws {
        try await withApp { client, fixture in
            try await fixture.save([PostingFixtures.posting(externalId: "a", title: "Swift Engineer")])
            let uri = "/jobs?q=swift"
            let first = try await get(client, uri)
            #expect(first.headers[JobsController.cacheStatus] == "job-service; fwd=miss")
            // Changed behind the cache's back: a plain request still gets the cached page.
            _ = try await fixture.pool.query("UPDATE postings SET title = 'Swift Engineer II' WHERE external_id = 'a'")
            #expect(try await get(client, uri).body == first.body)

            var headers = Harness.headers(user: UUID())
            headers[values: .cacheControl] = ["max-age=60", "No-Cache"]
            let fresh = try await client.execute(uri: uri, method: .get, headers: headers) { $0 }
            #expect(fresh.headers[JobsController.cacheStatus] == "job-service; fwd=request")
            #expect(try Harness.decode(JobSearchPage.self, fresh).items.map(\.title) == ["Swift Engineer II"])
            let after = try await get(client, uri)
            #expect(after.headers[JobsController.cacheStatus] == "job-service; hit")
            #expect(after.body == fresh.body)
        }
    }

    @Test(arguments: [
        ([], false), (["max-age=60"], false), (["no-store"], false), (["no-cache"], true),
        (["public, NO-CACHE"], true), (["max-age=0"], true), (["no-cache=\"set-cookie\""], true),
        (["max-age=600", " no-cache "], true),
    ])
    func revalidationIsReadFromCacheControl(values: [String], revalidates: Bool) {
        #expect(JobsController.asksToRevalidate(values) == revalidates)
    }

    @Test func badParametersAre400WithEveryFieldNamed() async throws {
        try await withApp { client, _ in
            let response = try await get(
                client, "/jobs?limit=0&workplace=moon&skills=swift,underwater%20basket%20weaving&salaryMin=-1&x=1")
            #expect(response.status == .badRequest)
            let problem = try problem(response)
            #expect(Set(problem.errors?.map(\.pointer) ?? []) == ["/limit", "/workplace", "/skills", "/salaryMin"])
            #expect(
                problem.errors?.first { $0.pointer == "/skills" }?.reason.contains("underwater basket weaving") == true)
        }
    }

    @Test func aCursorFromAnotherSearchIs400() async throws {
        try await withApp { client, fixture in
            try await fixture.save(
                (0..<3).map { PostingFixtures.posting(externalId: "\($0)", title: "Engineer \($0)") })
            let first = try Harness.decode(JobSearchPage.self, try await get(client, "/jobs?q=engineer&limit=1"))
            let cursor = try #require(first.nextCursor)
            let refused = try await get(client, "/jobs?q=designer&cursor=\(cursor)")
            #expect(refused.status == .badRequest)
            #expect(try problem(refused).errors?.map(\.pointer) == ["/cursor"])
            let next = try await get(client, "/jobs?q=engineer&limit=1&cursor=\(cursor)")
            #expect(next.status == .ok)
        }
    }

    @Test func oneJobIsServedWholeOpenOrClosedAndOtherwise404() async throws {
        try await withApp { client, fixture in
            let ids = try await fixture.save([
                PostingFixtures.posting(externalId: "open", title: "Open Role", description: "Details."),
                PostingFixtures.posting(externalId: "closed", title: "Closed Role"),
            ])
            _ = try await fixture.pool.query("UPDATE postings SET closed_at = now() WHERE external_id = 'closed'")

            let open = try await get(client, "/jobs/\(try #require(ids["open"]))")
            #expect(open.status == .ok)
            let job = try Harness.decode(Job.self, open)
            #expect(job.title == "Open Role" && job.descriptionHtml == "<p>Details.</p>" && !job.closed)

            let closed = try Harness.decode(Job.self, try await get(client, "/jobs/\(try #require(ids["closed"]))"))
            #expect(closed.closed && closed.closedAt != nil)

            for missing in ["/jobs/\(UUID())", "/jobs/not-a-uuid"] {
                let response = try await get(client, missing)
                #expect(response.status == .notFound, "\(missing)")
                #expect(try problem(response).status == 404)
            }
            // Closed postings are readable by id but never searched.
            let page = try Harness.decode(JobSearchPage.self, try await get(client, "/jobs"))
            #expect(page.items.map(\.title) == ["Open Role"])
        }
    }

    @Test func withRedisDownTheRouteStillSearches() async throws {
        try await withApp(extra: ["REDIS_URL": "redis://127.0.0.1:\(FreePort.find())/0"]) { client, fixture in
            try await fixture.save([PostingFixtures.posting(externalId: "a", title: "Swift Engineer")])
            for _ in 0..<2 {
                let response = try await get(client, "/jobs?q=swift")
                #expect(response.status == .ok)
                #expect(response.headers[JobsController.cacheStatus] == "job-service; fwd=miss")
                #expect(try Harness.decode(JobSearchPage.self, response).total == 1)
            }
        }
    }
}
