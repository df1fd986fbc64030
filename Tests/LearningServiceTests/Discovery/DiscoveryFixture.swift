import Contracts
import CurlHTTP
import Database
import Foundation
import Logging
import RedisKit
import Taxonomy
import TestSupport

@testable import LearningService

/// A fresh learning database, the test Redis under a namespace of the test's
/// own, and providers pointed at fakes: what every discovery test needs.
struct DiscoveryFixture: Sendable {
    static let youTubeKey = "fake-youtube-key-0123456789"
    static let taxonomy = try! Taxonomy.bundled()

    let database: LearningDatabase
    let redis: RedisClient
    let http: CurlHTTPClient
    let namespace: String
    let logger: Logger

    static func with<T>(_ body: (DiscoveryFixture) async throws -> T) async throws -> T {
        let fixture = DiscoveryFixture(
            database: try await LearningDatabase.make(),
            redis: try TestEnvironment.makeRedis(commandTimeout: .seconds(2)), http: CurlHTTPClient(),
            namespace: "learning:\(TestEnvironment.uniqueName("discovery")):", logger: TestEnvironment.logger)
        do {
            let result = try await body(fixture)
            await fixture.close()
            return result
        } catch {
            await fixture.close()
            throw error
        }
    }

    private func close() async {
        await database.close()
        await redis.close()
        http.shutdown()
    }

    var resources: ResourceStore { ResourceStore(database: database.pool) }
    var store: LiveLookupStore { LiveLookupStore(database: database.pool, resources: resources) }

    static func skill(_ id: String) -> Skill { taxonomy.skill(id)! }

    func quota(dailyUnits: Int = 10_000) -> YouTubeQuota {
        YouTubeQuota(redis: redis, namespace: namespace, dailyUnits: dailyUnits, logger: logger)
    }

    func youTube(_ fake: FakeYouTube, key: String = Self.youTubeKey, dailyUnits: Int = 10_000) -> YouTubeProvider {
        youTube(baseURL: fake.baseURL, key: key, dailyUnits: dailyUnits)
    }

    func youTube(baseURL: String, key: String = Self.youTubeKey, dailyUnits: Int = 10_000) -> YouTubeProvider {
        YouTubeProvider(
            configuration: YouTubeProvider.Configuration(baseURL: baseURL, apiKey: key),
            http: ProviderHTTP(client: http),
            quota: quota(dailyUnits: dailyUnits), redis: redis, logger: logger)
    }

    func limiter(requestsPerWindow: Int = 10, window: Duration = .seconds(61)) -> GitHubSearchLimiter {
        var limiter = GitHubSearchLimiter(
            redis: redis, namespace: namespace, requestsPerWindow: requestsPerWindow, logger: logger)
        limiter.window = window
        return limiter
    }

    func gitHub(
        _ fake: FakeGitHub, token: String? = nil, limiter: GitHubSearchLimiter? = nil
    ) -> GitHubSearchProvider {
        GitHubSearchProvider(
            configuration: GitHubSearchProvider.Configuration(baseURL: fake.baseURL, token: token),
            http: ProviderHTTP(client: http),
            limiter: limiter ?? self.limiter(requestsPerWindow: GitHubSearchProvider.requestsPerMinute(token: token)),
            logger: logger)
    }

    /// The default timing, except that nothing is taken as fresh without
    /// asking PostgreSQL: tests age lookups behind the discovery's back.
    static var timing: LiveResourceDiscovery.Timing {
        var timing = LiveResourceDiscovery.Timing()
        timing.freshnessMemo = .zero
        return timing
    }

    func discovery(
        _ providers: [any LiveProvider], ttl: Duration = .seconds(7 * 86_400),
        timing: LiveResourceDiscovery.Timing = DiscoveryFixture.timing
    ) -> LiveResourceDiscovery {
        LiveResourceDiscovery(
            providers: providers, store: store,
            claims: LookupClaims(redis: redis, namespace: namespace, lease: .seconds(120), logger: logger),
            taxonomy: Self.taxonomy, ttl: ttl, timing: timing, logger: logger)
    }

    /// Every stored resource of `source`, by key.
    func finds(_ source: LearningResource.Provenance) async throws -> [LearningResource] {
        try await resources.resources(teaching: [], filter: ResourceStore.Filter(sources: [source]))
    }

    func lookup(_ provider: LearningResource.Provenance, _ skill: String) async throws -> LiveLookupStore.Lookup? {
        try await store.lookups(skill: skill).first { $0.provider == provider.rawValue }
    }

    /// A raw query string's parameters, percent-decoded.
    static func decodedQuery(_ raw: String) -> [String: String] {
        var query: [String: String] = [:]
        for pair in raw.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).removingPercentEncoding ?? String($0)
            }
            if let name = parts.first { query[name] = parts.count > 1 ? parts[1] : "" }
        }
        return query
    }

    /// Makes every stored answer look `age` old.
    func age(by age: Duration) async throws {
        _ = try await database.pool.query(
            """
            UPDATE live_lookups SET fetched_at = fetched_at - make_interval(secs => \(Double(age.components.seconds))),
                attempted_at = attempted_at - make_interval(secs => \(Double(age.components.seconds)))
            """)
    }
}

extension FakeGitHub {
    /// Starts a fake with `repositories` under the user `owner`.
    static func runSearch<T>(
        owner: String = "teachers", _ repositories: [FakeGitHub.Repository], _ body: (FakeGitHub) async throws -> T
    ) async throws -> T {
        try await run { fake in
            fake.addUser(FakeGitHub.User(login: owner, repositories: repositories))
            return try await body(fake)
        }
    }
}
