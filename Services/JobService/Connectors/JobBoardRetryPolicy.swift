extension JobBoardHTTP {
    /// How often and how patiently a board is asked again after a 429, a 5xx or a
    /// transport failure: exponential backoff with full jitter (every wait drawn
    /// from zero up to the doubling ceiling, so many ingesters never retry in
    /// step), or the board's own `Retry-After`.
    struct RetryPolicy: Sendable, Equatable {
        /// Requests per call, the first included (at least 1).
        var attempts: Int
        /// The ceiling of the first wait; it doubles with each retry.
        var baseDelay: Duration
        /// The most a computed backoff waits.
        var maxDelay: Duration
        /// The longest `Retry-After` honoured; a board asking for more fails the
        /// call at once as rate limited (with the wait it asked for) rather than
        /// being asked again too early.
        var maxRetryAfter: Duration

        init(
            attempts: Int = 4, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(20),
            maxRetryAfter: Duration = .seconds(60)
        ) {
            self.attempts = max(1, attempts)
            self.baseDelay = max(.zero, baseDelay)
            self.maxDelay = max(.zero, maxDelay)
            self.maxRetryAfter = max(.zero, maxRetryAfter)
        }

        /// The ceiling of the wait after the `attempt`-th request failed (1-based):
        /// `baseDelay · 2^(attempt-1)`, at most `maxDelay`.
        func backoffCeiling(afterAttempt attempt: Int) -> Duration {
            let doublings = min(max(0, attempt - 1), 30)
            let ceiling = baseDelay * (1 << doublings)
            return min(ceiling, maxDelay)
        }

        /// A wait drawn uniformly from zero to the ceiling ("full jitter").
        func backoff(afterAttempt attempt: Int) -> Duration {
            let ceiling = backoffCeiling(afterAttempt: attempt)
            let nanoseconds =
                ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
            guard nanoseconds > 0 else { return .zero }
            return .nanoseconds(Int64.random(in: 0...nanoseconds))
        }
    }
}
