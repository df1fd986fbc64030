import Foundation
import Logging
import RedisKit
import Synchronization

/// Answers in Redis for five minutes, as the exact bytes sent, keyed by a
/// request's canonical form and a generation number that every change to the
/// underlying data bumps (`invalidate()`): bumping makes all older entries
/// unreachable at once, with no scan for keys, and they expire on their own.
/// job-service's search pages and learning-service's resource lists use it.
///
/// The cache only ever speeds an answer up. Every call gives up after a short
/// timeout, failures are logged, never thrown, and after one the cache is left
/// alone for a while, so a Redis outage costs one slow request, not all of
/// them; a call that answers late (Redis slow, not gone) ends that pause.
public final class GenerationCache: Sendable {
    public static let timeToLive: Duration = .seconds(300)

    public let redis: RedisClient
    /// The service's key prefix, e.g. "jobs:careergini:".
    public let namespace: String
    /// What is cached, e.g. "search": keys are `<namespace><name>:<generation>:…`.
    public let name: String
    public let timeout: Duration
    public let pauseAfterFailure: Duration
    private let logger: Logger
    private let pausedUntil = Mutex<ContinuousClock.Instant?>(nil)

    public init(
        redis: RedisClient, namespace: String, name: String, timeout: Duration = .milliseconds(250),
        pauseAfterFailure: Duration = .seconds(1), logger: Logger
    ) {
        self.redis = redis
        self.namespace = namespace
        self.name = name
        self.timeout = timeout
        self.pauseAfterFailure = pauseAfterFailure
        self.logger = logger
    }

    /// Holds the current generation; never expires.
    public var generationKey: String { namespace + name + "-generation" }

    /// The key of one entry of `generation`.
    public func key(_ entry: String, generation: Int) -> String {
        namespace + "\(name):\(generation):\(entry)"
    }

    /// The current generation (0 before the first change); nil when Redis
    /// cannot be asked, and then nothing should be read or written. Entries
    /// are written under the generation read *before* the data was, so an
    /// answer racing a change is stored where no later request looks.
    public func generation() async -> Int? {
        let key = generationKey
        guard let reply = await attempt("read the generation", { [redis] in try await redis.send("GET", key) })
        else { return nil }
        return reply.isNull ? 0 : reply.int
    }

    public func get(_ key: String) async -> [UInt8]? {
        await attempt("read an entry", { [redis] in try await redis.getBytes(key) }) ?? nil
    }

    public func put(_ key: String, _ bytes: [UInt8]) async {
        let ttl = Self.timeToLive
        _ = await attempt("write an entry", { [redis] in try await redis.set(key, to: bytes, expiresIn: ttl) })
    }

    /// Makes every cached entry unreachable. It ignores the pause after a
    /// failure: a lost invalidation would serve stale answers until they expire.
    public func invalidate() async {
        let key = generationKey
        _ = await attempt("invalidate", ignoringPause: true, { [redis] in try await redis.increment(key) })
    }

    /// `work` within the timeout, or nil (logged) when it failed or took too long.
    private func attempt<T: Sendable>(
        _ action: String, ignoringPause: Bool = false, _ work: @escaping @Sendable () async throws -> T
    ) async -> T? {
        if !ignoringPause, let until = pausedUntil.withLock({ $0 }), ContinuousClock.now < until { return nil }
        do {
            let value = try await Self.withTimeout(timeout, work)
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
                    "\(name) cache unavailable; answering without it for a while",
                    metadata: ["action": "\(action)", "error": "\(error)"])
            }
            return nil
        }
    }

    /// The outcome of `work`, or a Redis timeout once `timeout` has passed
    /// without one; the work is cancelled then but not waited for.
    public static func withTimeout<T: Sendable>(
        _ timeout: Duration, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        do {
            return try await withDetachedDeadline(timeout, work)
        } catch is DetachedDeadlineExceeded {
            throw RedisError(.timeout, "the cache did not answer within \(timeout)")
        }
    }
}
