import Synchronization

/// In-process fallback for when Redis is unreachable: the same sliding-window log
/// and policy, counted per process.
///
/// Memory is bounded: at most `maxKeys` keys are tracked (the least recently used
/// is forgotten first), each with at most `policy.limit` timestamps of 8 bytes.
/// Thread-safe; one lock, no suspension.
final class LocalRateLimiter: Sendable {
    let policy: RateLimitPolicy
    let maxKeys: Int
    private let origin = ContinuousClock.now
    private let windowNanoseconds: Int64
    private let state = Mutex(State())

    private struct Log {
        /// Admission times, ns since `origin`, oldest first from `start`.
        var times: [Int64] = []
        var start = 0
        /// When the key was last used (see `State.order`).
        var stamp: UInt64 = 0

        var count: Int { times.count - start }

        mutating func dropExpired(before cutoff: Int64) {
            while start < times.count, times[start] <= cutoff { start += 1 }
            if start == times.count {
                times.removeAll(keepingCapacity: true)
                start = 0
            } else if start >= 32, start * 2 >= times.count {
                times.removeFirst(start)
                start = 0
            }
        }
    }

    private struct State {
        var logs: [String: Log] = [:]
        /// Use order, oldest first, with stale entries: a key's live entry is the one
        /// whose stamp matches its log's. Compacted when it grows past twice the keys.
        var order: [(key: String, stamp: UInt64)] = []
        var orderStart = 0
        var clock: UInt64 = 0

        mutating func touch(_ key: String) -> UInt64 {
            clock += 1
            order.append((key, clock))
            return clock
        }

        mutating func evict(downTo maxKeys: Int) {
            while logs.count > maxKeys, orderStart < order.count {
                let (key, stamp) = order[orderStart]
                orderStart += 1
                if logs[key]?.stamp == stamp { logs[key] = nil }
            }
            if order.count - orderStart > 2 * logs.count + 1024 {
                order = logs.map { (key: $0.key, stamp: $0.value.stamp) }.sorted { $0.stamp < $1.stamp }
                orderStart = 0
            } else if orderStart > 1024, orderStart * 2 >= order.count {
                order.removeFirst(orderStart)
                orderStart = 0
            }
        }
    }

    init(policy: RateLimitPolicy, maxKeys: Int = 100_000) {
        precondition(maxKeys >= 1, "the local limiter tracks at least one key")
        self.policy = policy
        self.maxKeys = maxKeys
        self.windowNanoseconds = RateLimitPolicy.nanoseconds(policy.window)
    }

    /// Keys currently tracked.
    var trackedKeys: Int { state.withLock { $0.logs.count } }

    func check(_ key: String, now: ContinuousClock.Instant = .now) -> RateLimitDecision {
        let now = RateLimitPolicy.nanoseconds(now - origin)
        let limit = policy.limit
        let window = windowNanoseconds
        let (allowed, count, oldest) = state.withLock { state -> (Bool, Int, Int64?) in
            let stamp = state.touch(key)
            var log = state.logs.removeValue(forKey: key) ?? Log()
            log.dropExpired(before: now - window)
            let allowed = log.count < limit
            if allowed { log.times.append(now) }
            log.stamp = stamp
            let result = (allowed, log.count, log.count > 0 ? log.times[log.start] : nil)
            state.logs[key] = log
            state.evict(downTo: maxKeys)
            return result
        }
        let resetNanoseconds = oldest.map { $0 + window - now } ?? window
        let reset = Int((resetNanoseconds + 999_999_999) / 1_000_000_000)
        return RateLimitDecision(
            allowed: allowed, limit: limit, remaining: max(0, limit - count), resetSeconds: max(1, reset),
            policy: policy)
    }
}
