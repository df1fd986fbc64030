import Foundation
import Logging
import RedisKit

/// Paces repository searches across every replica: GitHub allows 10 search
/// requests a minute without a token (30 with one), counted per client, so the
/// count lives in Redis. A sliding window (a sorted set of send times, on
/// Redis' clock) admits at most `requestsPerWindow` in any window — a second
/// longer than GitHub's minute, so latency never squeezes an eleventh into
/// GitHub's. When GitHub still says no (403/429 with `x-ratelimit-reset` or
/// `retry-after`), `block(for:)` pauses every replica until then.
///
/// Without Redis nothing can be shared, so nothing is sent.
struct GitHubSearchLimiter: Sendable {
    enum Permit: Equatable {
        case granted
        /// Not before this long from now.
        case wait(Duration)
        /// Redis cannot be asked.
        case unavailable
    }

    let redis: RedisClient
    /// `LearningServiceSettings.redisNamespace`.
    let namespace: String
    let requestsPerWindow: Int
    var window: Duration = .seconds(61)
    let logger: Logger

    var windowKey: String { namespace + "github:search:window" }
    var blockedKey: String { namespace + "github:search:blocked" }

    /// Takes a slot now, or says how long until one frees up.
    func tryAcquire() async -> Permit {
        do {
            let reply = try await redis.evaluate(
                Self.acquireScript, keys: [windowKey, blockedKey],
                arguments: [window.wholeMilliseconds, requestsPerWindow, UUID().uuidString])
            guard let wait = reply.int else { return .unavailable }
            return wait <= 0 ? .granted : .wait(.milliseconds(wait))
        } catch {
            logger.warning("cannot pace GitHub searches; not searching", metadata: ["error": "\(error)"])
            return .unavailable
        }
    }

    /// Waits for a slot; false when the wait would end after `deadline`, Redis
    /// cannot be asked, or the task is cancelled.
    func acquire(by deadline: ContinuousClock.Instant) async -> Bool {
        while true {
            switch await tryAcquire() {
            case .granted:
                return true
            case .unavailable:
                return false
            case .wait(let wait):
                guard ContinuousClock.now + wait <= deadline else { return false }
                do { try await Task.sleep(for: wait) } catch { return false }
            }
        }
    }

    /// Whether searches are paused by GitHub's own answer (not by the window).
    func isBlocked() async -> Bool {
        do {
            return try await redis.exists(blockedKey)
        } catch {
            return true
        }
    }

    /// No replica searches for `duration` from now (extends, never shortens, a pause).
    func block(for duration: Duration) async {
        let milliseconds = max(1, duration.wholeMilliseconds)
        do {
            try await redis.evaluate(Self.blockScript, keys: [blockedKey], arguments: [milliseconds])
        } catch {
            logger.warning("cannot pause GitHub searches", metadata: ["error": "\(error)"])
        }
    }

    /// KEYS: window, blocked. ARGV: window ms, limit, member. Returns 0 when a
    /// slot was taken, else the milliseconds to wait.
    private static let acquireScript = RedisScript(
        """
        local blocked = redis.call('PTTL', KEYS[2])
        if blocked > 0 then return blocked end
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local window = tonumber(ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
            redis.call('ZADD', KEYS[1], now, ARGV[3])
            redis.call('PEXPIRE', KEYS[1], window)
            return 0
        end
        local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        return math.max(1, tonumber(oldest[2]) + window - now + 1)
        """)

    /// Sets the pause to ARGV[1] ms unless a longer one is already set.
    private static let blockScript = RedisScript(
        """
        local left = redis.call('PTTL', KEYS[1])
        if left < tonumber(ARGV[1]) then
            redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
        end
        return 1
        """)
}
