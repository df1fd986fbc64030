import Synchronization

/// A small thread-safe map whose entries stop counting after a deadline, bounded
/// by emptying itself when full (entries are cheap to recompute; an LRU would
/// cost more per hit than it saves). Used for per-request work that is pure for
/// a while: signing the same internal token, verifying the same access token.
public final class ExpiringCache<Value: Sendable>: Sendable {
    struct Entry {
        var value: Value
        var expires: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    let capacity: Int

    public init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    public func value(for key: String, now: ContinuousClock.Instant = .now) -> Value? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard now < entry.expires else {
                entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    public func store(_ value: Value, for key: String, until expires: ContinuousClock.Instant) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(value: value, expires: expires)
        }
    }
}
