import Contracts
import Database
import Foundation
import RedisKit
import ServiceKit
import Taxonomy
import TestSupport
import Testing

@testable import JobService

/// A search over a database of its own (postings are global) and the test
/// Redis, under the namespace job-service would use for that database, with
/// postings saved the way ingestion saves them.
struct SearchFixture: Sendable {
    let database: JobDatabase
    let store: PostingStore
    let redis: RedisClient
    let cache: SearchCache
    let search: JobSearch

    static let taxonomy = Result { try Taxonomy.bundled() }

    static func with(_ body: (SearchFixture) async throws -> Void) async throws {
        let database = try await JobDatabase.make()
        // Generous: a loaded test machine has kept a Redis call waiting past 2 s,
        // and the cache must not look down to a test of what it holds.
        let redis = try TestEnvironment.makeRedis(commandTimeout: .seconds(10))
        let namespace = try JobServiceHarness.settings(databaseURL: database.url).redisNamespace
        let cache = SearchCache(redis: redis, namespace: namespace, timeout: .seconds(10))
        let fixture = SearchFixture(
            database: database, store: PostingStore(database: database.pool), redis: redis, cache: cache,
            search: JobSearch(database: database.pool, index: PostingIndex(database: database.pool), cache: cache))
        do {
            try await body(fixture)
        } catch {
            await fixture.close()
            throw error
        }
        await fixture.close()
    }

    private func close() async {
        await redis.close()
        await database.close()
    }

    var pool: DatabasePool { database.pool }

    /// Saves postings as ingestion does (skill names and aliases as search text);
    /// returns their ids by external id.
    @discardableResult
    func save(_ postings: [NormalizedPosting]) async throws -> [String: UUID] {
        let taxonomy = try Self.taxonomy.get()
        _ = try await store.save(
            postings, skillText: { PostingSkills.searchText(for: $0.skillIds, taxonomy: taxonomy) }, sourceKey: nil,
            closeMissing: false)
        let rows = try await pool.query(
            "SELECT id, external_id FROM postings WHERE external_id = ANY(\(postings.map(\.externalId)))")
        var ids: [String: UUID] = [:]
        for row in rows { ids[try row.decode(String.self, "external_id")] = try row.decode(UUID.self, "id") }
        return ids
    }

    static func query(_ parameters: [String: String]) throws -> JobSearchQuery {
        try JobSearchQuery({ parameters[$0] }, taxonomy: try taxonomy.get())
    }

    func answer(_ parameters: [String: String]) async throws -> JobSearch.Answer {
        try await search.search(try Self.query(parameters))
    }

    func page(_ parameters: [String: String]) async throws -> JobSearchPage {
        try Self.decode(try await answer(parameters).body)
    }

    /// Every page of a search, following `nextCursor`; fails past `maximumPages`.
    func allPages(_ parameters: [String: String], maximumPages: Int = 50) async throws -> [JobSearchPage] {
        var pages: [JobSearchPage] = []
        var parameters = parameters
        while pages.count < maximumPages {
            let page = try await self.page(parameters)
            pages.append(page)
            guard let cursor = page.nextCursor else { return pages }
            parameters["cursor"] = cursor
        }
        Issue.record("more than \(maximumPages) pages")
        return pages
    }

    /// Titles of the first page, best first.
    func titles(_ parameters: [String: String]) async throws -> [String] {
        try await page(parameters).items.map(\.title)
    }

    static func decode(_ body: [UInt8]) throws -> JobSearchPage {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(JobSearchPage.self, from: Data(body))
    }
}
