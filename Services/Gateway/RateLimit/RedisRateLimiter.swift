import RedisKit
import Security
import Synchronization

/// A rate limiter shared by every gateway process: a sliding-window log in Redis,
/// checked and updated by one atomic Lua script.
///
/// Why a sliding log rather than GCRA or a token bucket: the policy promises "at
/// most N in any window" (500 parallel requests across two gateway processes must
/// let exactly 100 through in the minute). GCRA admits a burst of N and then
/// refills it during the window, so a window can see more than N. The log keeps
/// one entry per admitted request, so it costs at most N entries per key, and the
/// key expires after one idle window.
final class RedisRateLimiter: Sendable {
    let redis: RedisClient
    let policy: RateLimitPolicy
    let keyPrefix: String

    /// Makes each log entry unique, even for two requests in the same microsecond:
    /// a random id per limiter plus a counter.
    private let instanceID = Digest.hex(SecureRandom.bytes(8))
    private let sequence = Atomic<UInt64>(0)

    /// KEYS[1]: sorted set of admitted requests, scored by Redis time in µs.
    /// ARGV[1]: limit; ARGV[2]: window in µs; ARGV[3]: unique suffix of this request.
    /// Returns {allowed (0/1), remaining, seconds until the oldest entry leaves the window}.
    ///
    /// Redis's clock (`TIME`), not the callers', so every gateway process agrees.
    /// Only admitted requests are logged: a client that keeps hammering while limited
    /// gets through again as soon as its old requests slide out. Times stay below
    /// 2^53 µs, exact in Lua's doubles; Redis 5+ replicates the script's effects,
    /// so `TIME` before a write is allowed.
    static let script = RedisScript(
        """
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        local count = redis.call('ZCARD', KEYS[1])
        local allowed = 0
        if count < limit then
            redis.call('ZADD', KEYS[1], now, time[1] .. '.' .. time[2] .. ':' .. ARGV[3])
            redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000))
            count = count + 1
            allowed = 1
        end
        local reset = window
        local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        if oldest[2] then reset = tonumber(oldest[2]) + window - now end
        local seconds = math.ceil(reset / 1000000)
        if seconds < 1 then seconds = 1 end
        local remaining = limit - count
        if remaining < 0 then remaining = 0 end
        return {allowed, remaining, seconds}
        """)

    /// - Parameter keyPrefix: namespace of this limiter's keys (`<prefix>:<key>`).
    init(redis: RedisClient, policy: RateLimitPolicy, keyPrefix: String) {
        self.redis = redis
        self.policy = policy
        self.keyPrefix = keyPrefix
    }

    /// The Redis key holding `key`'s log.
    func redisKey(_ key: String) -> String { keyPrefix + ":" + key }

    /// Counts one request for `key`. Throws `RedisError` when Redis cannot answer.
    func check(_ key: String) async throws -> RateLimitDecision {
        let number = sequence.wrappingAdd(1, ordering: .relaxed).newValue
        let windowMicroseconds = Int(RateLimitPolicy.nanoseconds(policy.window) / 1000)
        let reply = try await redis.evaluate(
            Self.script, keys: [redisKey(key)],
            arguments: [policy.limit, windowMicroseconds, instanceID + "-" + String(number, radix: 36)])
        guard let values = reply.array, values.count == 3, let allowed = values[0].int,
            let remaining = values[1].int, let reset = values[2].int
        else {
            throw RedisError(.unexpectedReply, "rate-limit script answered \(reply)")
        }
        return RateLimitDecision(
            allowed: allowed == 1, limit: policy.limit, remaining: remaining, resetSeconds: reset, policy: policy)
    }
}
