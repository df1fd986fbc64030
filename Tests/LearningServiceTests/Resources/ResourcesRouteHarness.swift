import Contracts
import Database
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedisKit
import ServiceKit
import TestSupport

@testable import LearningService

/// learning-service on a fresh database of its own, with a resource store
/// and cache beside the app's (the same database and Redis namespace), so a
/// test can lay out exactly the resources it ranks and see the cache from outside.
struct ResourcesRouteHarness: Sendable {
    let client: any TestClientProtocol
    let database: LearningDatabase
    let redis: RedisClient
    let cache: ResourceListCache
    /// Writes as the service's own writers do: a change bumps the cache generation.
    let store: ResourceStore

    static func test(
        extra: [String: String] = [:], _ body: @Sendable (ResourcesRouteHarness) async throws -> Void
    ) async throws {
        let database = try await LearningDatabase.make()
        // No live provider is asked: the resources are the test's.
        var environment = ["LEARNING_GITHUB_SEARCH": "false"]
        environment.merge(extra) { $1 }
        let settings = try LearningServiceHarness.settings(databaseURL: database.url, extra: environment)
        // Generous: a loaded test machine must not make the test's own view of the cache look down.
        let redis = try TestEnvironment.makeRedis(commandTimeout: .seconds(10))
        let cache = ResourceListCache(redis: redis, namespace: settings.redisNamespace, timeout: .seconds(10))
        let store = ResourceStore(database: database.pool, onChange: { await cache.invalidate() })
        let app = try await buildApplication(settings, logger: TestEnvironment.logger)
        do {
            try await app.test(.router) { client in
                try await body(
                    ResourcesRouteHarness(client: client, database: database, redis: redis, cache: cache, store: store))
            }
        } catch {
            await redis.close()
            await database.close()
            throw error
        }
        await redis.close()
        await database.close()
    }

    /// Makes `resources` the only ones: the shipped catalogue is written on
    /// the first request (so this asks once), then replaced by these.
    func only(_ resources: [LearningResource]) async throws {
        _ = try await get("/learning/resources?limit=1")
        _ = try await database.pool.query("DELETE FROM resources")
        _ = try await store.save(resources)
    }

    /// A GET for `user` (nil: a service acting for no user).
    func get(
        _ uri: String, user: UUID? = nil, headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = LearningServiceHarness.headers(user: user, contentType: nil)
        headers.append(contentsOf: extra)
        return try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
    }

    /// A GET that must answer 200, decoded, with whether the cache answered.
    func page(
        _ uri: String, user: UUID? = nil, headers extra: HTTPFields = [:]
    ) async throws -> (page: LearningResourcePage, fromCache: Bool, body: [UInt8]) {
        let response = try await get(uri, user: user, headers: extra)
        guard response.status == .ok else {
            throw Unexpected(status: response.status, body: String(buffer: response.body))
        }
        let cacheStatus = response.headers[HTTPField.Name("Cache-Status")!] ?? ""
        return (
            try LearningServiceHarness.decode(LearningResourcePage.self, response), cacheStatus.hasSuffix("hit"),
            Array(response.body.readableBytesView)
        )
    }

    /// `page` for a request the cache should answer. On a loaded test machine
    /// a Redis call may outlast the cache's timeout, and the cache then stands
    /// aside for a second and PostgreSQL answers (as it should); so a miss is
    /// retried after that pause, twice, before it counts.
    func cachedPage(
        _ uri: String, user: UUID? = nil
    ) async throws -> (page: LearningResourcePage, fromCache: Bool, body: [UInt8]) {
        var answer = try await page(uri, user: user)
        for _ in 0..<2 where !answer.fromCache {
            try await Task.sleep(for: .milliseconds(1_200))
            answer = try await page(uri, user: user)
        }
        return answer
    }

    struct Unexpected: Error, CustomStringConvertible {
        var status: HTTPResponse.Status
        var body: String
        var description: String { "expected 200, got \(status.code): \(body)" }
    }

    /// A resource of the test's; the id is its key, the URL made from it.
    static func resource(
        _ id: String, skills: [String] = ["kubernetes"], level: LearningResource.Level = .beginner,
        type: LearningResource.Kind = .course, free: Bool = true, language: String = "en",
        source: LearningResource.Provenance = .catalogue, stars: Int? = nil, views: Int? = nil,
        provider: String = "Example Provider"
    ) -> LearningResource {
        LearningResource(
            id: id, title: id.replacingOccurrences(of: "-", with: " ").capitalized, provider: provider,
            url: "https://learn.example.org/\(id)", type: type, level: level, free: free, estimatedHours: 4,
            language: language, skills: skills, source: source, stars: stars, views: views)
    }
}
