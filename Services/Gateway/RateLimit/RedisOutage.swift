import Logging
import RedisKit
import ServiceKit
import Synchronization

/// Logs a Redis outage seen by a limiter without flooding the log: one warning
/// when it starts, then at most one per `warningInterval` (with the number of
/// failures in between), and one line when Redis answers again.
final class RedisOutageLog: Sendable {
    let subject: String
    let logger: Logger
    let warningInterval: Duration
    private let state = Mutex(State())

    private struct State {
        var since: ContinuousClock.Instant?
        var lastWarning: ContinuousClock.Instant?
        var failuresSinceWarning = 0
        var failures = 0
    }

    /// - Parameter subject: what is degraded, for the log lines ("global rate limit").
    init(subject: String, logger: Logger, warningInterval: Duration = .seconds(30)) {
        self.subject = subject
        self.logger = logger
        self.warningInterval = warningInterval
    }

    var isDown: Bool { state.withLock { $0.since != nil } }

    /// A check failed: warn if this starts an outage or the last warning is old enough.
    func failed(_ error: any Error, consequence: String, now: ContinuousClock.Instant = .now) {
        let suppressed = state.withLock { state -> Int? in
            state.since = state.since ?? now
            state.failures += 1
            if let last = state.lastWarning, now - last < warningInterval {
                state.failuresSinceWarning += 1
                return nil
            }
            defer {
                state.lastWarning = now
                state.failuresSinceWarning = 0
            }
            return state.failuresSinceWarning
        }
        guard let suppressed else { return }
        logger.warning(
            "\(subject): Redis unreachable; \(consequence)",
            metadata: ["error": "\(error)", "failures_since_last_warning": "\(suppressed)"])
    }

    /// A check succeeded: log the end of an outage, if one was going on.
    func succeeded(now: ContinuousClock.Instant = .now) {
        let ended = state.withLock { state -> (Duration, Int)? in
            guard let since = state.since else { return nil }
            defer { state = State() }
            return (now - since, state.failures)
        }
        guard let (duration, failures) = ended else { return }
        logger.notice(
            "\(subject): Redis reachable again",
            metadata: [
                "outage_seconds": "\(RateLimitPolicy.seconds(roundingUp: duration))", "failed_checks": "\(failures)",
            ])
    }
}

/// Runs `operation`, giving up with `RedisError(.timeout)` after `timeout`. Waiting
/// for a pool connection (which otherwise retries for the pool's whole acquire
/// timeout) is cancelled then; blocking work already started, a command on the wire
/// or a connection attempt, is not cancellable and is bounded by the client's command
/// and connect timeouts.
func withRedisDeadline<T: Sendable>(
    _ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    do {
        return try await withDeadline(timeout, operation).get()
    } catch let exceeded as DeadlineExceeded {
        throw RedisError(.timeout, "no answer from Redis within \(exceeded.timeout)")
    }
}
