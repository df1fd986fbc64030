import Foundation
import Logging
import RedisKit
import ServiceKit
import Synchronization

/// `GET /learning/resources` answers in Redis for five minutes, as the exact
/// bytes sent, keyed by the request's canonical form and a generation number
/// that every write to the resources table bumps (`invalidate()`, wired as
/// `ResourceStore.onChange`): bumping makes all older entries unreachable at
/// once, with no scan for keys, and they expire on their own.
///
/// The cache only ever speeds an answer up. Every call gives up after a short
/// timeout, failures are logged, never thrown, and after one the cache is left
/// alone for a second, so a Redis outage costs one slow request, not all of
/// them; PostgreSQL answers meanwhile.
final class ResourceListCache: Sendable {
    static let timeToLive: Duration = .seconds(300)

    let redis: RedisClient
    /// `LearningServiceSettings.redisNamespace`, e.g. "learning:careergini:".
    let namespace: String
    let timeout: Duration
    let pauseAfterFailure: Duration
    private let logger: Logger
    private let pausedUntil = Mutex<ContinuousClock.Instant?>(nil)

    init(
        redis: RedisClient, namespace: String, timeout: Duration = .milliseconds(250),
        pauseAfterFailure: Duration = .seconds(1), logger: Logger = Logger(label: "learning-service.resource-cache")
    ) {
        self.redis = redis
        self.namespace = namespace
        self.timeout = timeout
        self.pauseAfterFailure = pauseAfterFailure
        self.logger = logger
    }

    /// Holds the current generation; never expires.
    var generationKey: String { namespace + "resources-generation" }

    /// One answer of `generation`, by `ResourceListQuery.cacheKey`.
    func entryKey(_ queryKey: String, generation: Int) -> String {
        namespace + "resources:\(generation):\(queryKey)"
    }

    /// The current generation (0 before the first change); nil when Redis
    /// cannot be asked, and then nothing should be read or written. Answers are
    /// written under the generation read *before* the resources were, so one
    /// racing a change is stored where no later request looks.
    func generation() async -> Int? {
        let key = generationKey
        guard let reply = await attempt("read the generation", { [redis] in try await redis.send("GET", key) })
        else { return nil }
        return reply.isNull ? 0 : reply.int
    }

    func get(_ key: String) async -> [UInt8]? {
        await attempt("read an entry", { [redis] in try await redis.getBytes(key) }) ?? nil
    }

    func put(_ key: String, _ bytes: [UInt8]) async {
        let ttl = Self.timeToLive
        _ = await attempt("write an entry", { [redis] in try await redis.set(key, to: bytes, expiresIn: ttl) })
    }

    /// Makes every cached answer unreachable. It ignores the pause after a
    /// failure: a lost invalidation would serve stale lists until they expire.
    func invalidate() async {
        let key = generationKey
        _ = await attempt("invalidate", ignoringPause: true, { [redis] in try await redis.increment(key) })
    }

    /// `work` within the timeout, or nil (logged) when it failed or took too long.
    private func attempt<T: Sendable>(
        _ action: String, ignoringPause: Bool = false, _ work: @escaping @Sendable () async throws -> T
    ) async -> T? {
        if !ignoringPause, let until = pausedUntil.withLock({ $0 }), ContinuousClock.now < until { return nil }
        do {
            let value = try await withDetachedDeadline(timeout, work)
            pausedUntil.withLock { $0 = nil }
            return value
        } catch {
            let wasPaused = pausedUntil.withLock { until in
                let wasPaused = until.map { ContinuousClock.now < $0 } ?? false
                until = ContinuousClock.now + pauseAfterFailure
                return wasPaused
            }
            if !wasPaused {
                logger.warning(
                    "resource cache unavailable; answering from PostgreSQL for a while",
                    metadata: ["action": "\(action)", "error": "\(error)"])
            }
            return nil
        }
    }
}
