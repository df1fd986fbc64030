import Foundation
import Logging
import RedisKit
import ServiceKit
import Synchronization

/// Search responses in Redis for five minutes, as the exact bytes sent, keyed
/// by the search's canonical form and a generation number that ingestion
/// bumps after any change (`invalidate()`): bumping makes every older entry
/// unreachable at once, with no scan for keys, and they expire on their own.
///
/// The cache only ever speeds a search up. Every call gives up after a short
/// timeout, failures are logged, never thrown, and after one the cache is left
/// alone for a second so an outage costs one slow request, not all of them; a
/// call that answers late (Redis slow, not gone) ends that pause at once.
final class SearchCache: Sendable {
    static let timeToLive: Duration = .seconds(300)

    let redis: RedisClient
    /// `JobServiceSettings.redisNamespace`, e.g. "jobs:careergini:".
    let namespace: String
    let timeout: Duration
    let pauseAfterFailure: Duration
    private let logger: Logger
    private let pausedUntil = Mutex<ContinuousClock.Instant?>(nil)

    init(
        redis: RedisClient, namespace: String, timeout: Duration = .milliseconds(250),
        pauseAfterFailure: Duration = .seconds(1), logger: Logger = Logger(label: "job-service.search-cache")
    ) {
        self.redis = redis
        self.namespace = namespace
        self.timeout = timeout
        self.pauseAfterFailure = pauseAfterFailure
        self.logger = logger
    }

    /// Holds the current generation; never expires.
    var generationKey: String { namespace + "search-generation" }

    /// A page of results of `generation`, by `JobSearchQuery.pageHash`.
    func pageKey(_ pageHash: String, generation: Int) -> String {
        namespace + "search:\(generation):\(pageHash)"
    }

    /// The current generation (0 before the first invalidation); nil when Redis
    /// cannot be asked, and then nothing should be read or written. Entries are
    /// written under the generation read *before* the search ran, so a search
    /// racing an invalidation never stores stale results where they are found.
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

    /// Makes every cached search unreachable. Ingestion calls it after any
    /// change to postings; it waits out a pause, since a lost invalidation would
    /// serve stale results until they expire.
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
            return try await Self.withTimeout(timeout) { [self] in
                let value = try await work()
                self.resume()
                return value
            }
        } catch {
            let paused = pausedUntil.withLock { until in
                let wasPaused = until.map { ContinuousClock.now < $0 } ?? false
                until = ContinuousClock.now + pauseAfterFailure
                return wasPaused
            }
            if !paused {
                logger.warning(
                    "search cache unavailable; searching without it for a while",
                    metadata: ["action": "\(action)", "error": "\(error)"])
            }
            return nil
        }
    }

    /// Redis answered: use the cache again.
    private func resume() {
        pausedUntil.withLock { $0 = nil }
    }

    /// The outcome of `work`, or a Redis timeout once `timeout` has passed
    /// without one; the work is cancelled then but not waited for.
    static func withTimeout<T: Sendable>(
        _ timeout: Duration, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        do {
            return try await withDetachedDeadline(timeout, work)
        } catch is DetachedDeadlineExceeded {
            throw RedisError(.timeout, "the search cache did not answer within \(timeout)")
        }
    }
}
