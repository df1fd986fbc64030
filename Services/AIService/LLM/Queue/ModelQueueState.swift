/// One model's line: who runs, who waits, and how long a slot is usually held
/// (for the `Retry-After` estimate). Mutated only under `ModelQueues`' lock;
/// continuations are resumed by the caller after the lock is released.
struct ModelQueueState {
    struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Void, any Error>
    }

    enum Admission {
        case granted
        case waiting
        case cancelled
        case rejected(retryAfterSeconds: Int)
    }

    /// Weight of the newest hold time in the moving average: recent enough to
    /// follow a model that got slower, smooth enough not to jump on one outlier.
    static let smoothing = 0.3

    private(set) var running: [Int: ContinuousClock.Instant] = [:]
    private(set) var waiters: [Waiter] = []
    private(set) var rejected = 0
    private(set) var completed = 0
    private(set) var averageHoldSeconds: Double?

    var statistics: ModelQueueStatistics {
        ModelQueueStatistics(
            running: running.count, waiting: waiters.count, rejected: rejected, completed: completed,
            averageHoldSeconds: averageHoldSeconds)
    }

    mutating func admit(
        id: Int, continuation: CheckedContinuation<Void, any Error>, concurrency: Int, maxWaiting: Int,
        cancelled: Bool
    ) -> Admission {
        if cancelled { return .cancelled }
        if running.count < concurrency {
            running[id] = .now
            return .granted
        }
        if waiters.count >= maxWaiting {
            rejected += 1
            return .rejected(retryAfterSeconds: retryAfterSeconds(concurrency: concurrency))
        }
        waiters.append(Waiter(id: id, continuation: continuation))
        return .waiting
    }

    /// A cancelled caller leaves the line; nil when it is no longer in it
    /// (already served, or never queued).
    mutating func removeWaiter(id: Int) -> CheckedContinuation<Void, any Error>? {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index).continuation
    }

    /// Gives a slot back and hands it straight to the longest waiter, if any:
    /// the caller resumes the returned continuation.
    mutating func release(id: Int, used: Bool) -> CheckedContinuation<Void, any Error>? {
        guard let started = running.removeValue(forKey: id) else { return nil }
        if used {
            completed += 1
            let held = (ContinuousClock.now - started).seconds
            averageHoldSeconds = averageHoldSeconds.map { $0 + Self.smoothing * (held - $0) } ?? held
        }
        guard !waiters.isEmpty else { return nil }
        let next = waiters.removeFirst()
        running[next.id] = .now
        return next.continuation
    }

    /// When a caller turned away now could expect a slot. Before any slot was
    /// given back, the time the oldest running request has taken so far stands
    /// in for the usual hold time.
    func retryAfterSeconds(concurrency: Int) -> Int {
        let now = ContinuousClock.now
        let perSlot = averageHoldSeconds ?? running.values.min().map { (now - $0).seconds } ?? 1
        return Self.retryAfterSeconds(perSlotSeconds: perSlot, position: waiters.count + 1, concurrency: concurrency)
    }

    /// The usual hold time times the rounds of slots until `position` is served, 1…60 s.
    static func retryAfterSeconds(perSlotSeconds: Double, position: Int, concurrency: Int) -> Int {
        let rounds = (max(1, position) + max(1, concurrency) - 1) / max(1, concurrency)
        let estimate = (perSlotSeconds * Double(rounds)).rounded(.up)
        guard estimate.isFinite else { return 60 }
        return Int(min(60, max(1, estimate)))
    }
}

extension Duration {
    /// The duration in seconds, fractional.
    fileprivate var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
