import Foundation
import Logging
import RedisKit

/// YouTube's daily quota, counted in Redis so every replica spends from one
/// budget: units are reserved before each call (a search costs 100, a
/// `videos.list` 1) and a call that would take the day past
/// `YOUTUBE_DAILY_QUOTA` is not made. YouTube resets quota at midnight
/// Pacific time, so the day is the Pacific calendar day. A 403
/// `quotaExceeded` fills the day's counter: no more calls until the reset.
///
/// Without Redis nothing can be counted, so nothing is spent: the catalogue
/// answers rather than risking the key's quota.
struct YouTubeQuota: Sendable {
    static let searchCost = 100
    static let videosCost = 1
    static let pacific = TimeZone(identifier: "America/Los_Angeles") ?? TimeZone(secondsFromGMT: -8 * 3600)!
    /// A day's counter outlives the day, then goes by itself.
    static let counterLifetime: Duration = .seconds(48 * 3600)

    let redis: RedisClient
    /// `LearningServiceSettings.redisNamespace`.
    let namespace: String
    let dailyUnits: Int
    var timeout: Duration = .milliseconds(500)
    let logger: Logger

    /// "2025-03-09": the Pacific calendar day of `date`.
    static func day(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = pacific
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    func counterKey(on date: Date) -> String { namespace + "youtube:quota:" + Self.day(of: date) }

    /// Reserves `units` of today's quota; false (nothing reserved) when that
    /// would exceed the daily budget or Redis cannot be asked.
    func spend(_ units: Int, now: Date = Date()) async -> Bool {
        do {
            let reply = try await redis.evaluate(
                Self.spendScript, keys: [counterKey(on: now)],
                arguments: [units, dailyUnits, Self.counterLifetime.wholeMilliseconds])
            return (reply.int ?? -1) >= 0
        } catch {
            logger.warning("cannot count YouTube quota; not searching", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Units spent today; nil when Redis cannot be asked.
    func used(now: Date = Date()) async -> Int? {
        do {
            let reply = try await redis.send(["GET", counterKey(on: now)], timeout: timeout)
            return reply.isNull ? 0 : reply.string.flatMap(Int.init)
        } catch {
            return nil
        }
    }

    /// Whether a call costing `units` fits in what is left today.
    func allows(_ units: Int, now: Date = Date()) async -> Bool {
        guard let used = await used(now: now) else { return false }
        return used + units <= dailyUnits
    }

    /// YouTube says the quota is spent: today's counter is filled.
    func markExhausted(now: Date = Date()) async {
        do {
            try await redis.evaluate(
                Self.exhaustScript, keys: [counterKey(on: now)],
                arguments: [dailyUnits, Self.counterLifetime.wholeMilliseconds])
        } catch {
            logger.warning("cannot record that YouTube quota is spent", metadata: ["error": "\(error)"])
        }
    }

    /// Adds ARGV[1] to the counter unless that passes ARGV[2]; -1 when it would.
    private static let spendScript = RedisScript(
        """
        local used = tonumber(redis.call('GET', KEYS[1]) or '0')
        if used + tonumber(ARGV[1]) > tonumber(ARGV[2]) then return -1 end
        local total = redis.call('INCRBY', KEYS[1], ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return total
        """)

    /// Raises the counter to at least the budget.
    private static let exhaustScript = RedisScript(
        """
        local used = tonumber(redis.call('GET', KEYS[1]) or '0')
        redis.call('SET', KEYS[1], math.max(used, tonumber(ARGV[1])), 'PX', ARGV[2])
        return 1
        """)
}
