import CurlHTTP
import Foundation

/// Where a GitHub token (or our IP, without one) stands on the primary rate
/// limit, from the `x-ratelimit-*` headers every answer carries.
struct GitHubRateLimit: Sendable, Equatable {
    var limit: Int?
    var remaining: Int
    /// When the window resets, in UTC epoch seconds.
    var resetEpoch: Int

    init(limit: Int? = nil, remaining: Int, resetEpoch: Int) {
        self.limit = limit
        self.remaining = remaining
        self.resetEpoch = resetEpoch
    }

    init?(_ response: CurlResponse) {
        guard let remaining = Self.integer(response.header("x-ratelimit-remaining")),
            let reset = Self.integer(response.header("x-ratelimit-reset"))
        else { return nil }
        self.init(
            limit: Self.integer(response.header("x-ratelimit-limit")), remaining: remaining, resetEpoch: reset)
    }

    /// The tighter of two readings: a later window wins, within one window the
    /// lower count (answers of concurrent requests arrive in any order).
    func merged(with other: GitHubRateLimit?) -> GitHubRateLimit {
        guard let other else { return self }
        if other.resetEpoch != resetEpoch { return other.resetEpoch > resetEpoch ? other : self }
        return other.remaining < remaining ? other : self
    }

    static func integer(_ text: String?) -> Int? {
        text.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}

/// A refusal because a rate limit is used up, with what GitHub said about when
/// to come back (docs: "Rate limits for the REST API", exceeding the rate limit).
struct GitHubRateLimitExceeded: Sendable, Equatable {
    /// `retry-after`, in seconds: a secondary limit's wait.
    var retryAfterSeconds: Int?
    /// `x-ratelimit-reset` when `x-ratelimit-remaining` was 0: the primary limit's reset.
    var resetEpoch: Int?

    /// GitHub's advice when neither header says: wait at least a minute.
    static let defaultWait: Duration = .seconds(60)

    /// Reads a 403 or 429: a `retry-after`, or remaining 0, or (429, or a message
    /// naming a rate limit) a secondary limit without a stated wait. Nil for a
    /// 403 that is about permissions, not limits.
    init?(status: Int, response: CurlResponse, message: String) {
        let retryAfter = GitHubRateLimit.integer(response.header("retry-after"))
        let remaining = GitHubRateLimit.integer(response.header("x-ratelimit-remaining"))
        let reset = GitHubRateLimit.integer(response.header("x-ratelimit-reset"))
        if let retryAfter {
            self.init(retryAfterSeconds: max(0, retryAfter), resetEpoch: nil)
        } else if remaining == 0, let reset {
            self.init(retryAfterSeconds: nil, resetEpoch: reset)
        } else if status == 429 || message.lowercased().contains("rate limit") {
            self.init(retryAfterSeconds: nil, resetEpoch: nil)
        } else {
            return nil
        }
    }

    init(retryAfterSeconds: Int?, resetEpoch: Int?) {
        self.retryAfterSeconds = retryAfterSeconds
        self.resetEpoch = resetEpoch
    }

    /// How long to wait from `now`: `retry-after` first, then until the reset
    /// (rounded up to the second, at least 1 s), else a minute.
    func wait(from now: Date) -> Duration {
        if let retryAfterSeconds { return .seconds(max(1, retryAfterSeconds)) }
        if let resetEpoch {
            let seconds = (Double(resetEpoch) - now.timeIntervalSince1970).rounded(.up)
            return .seconds(max(1, Int(min(seconds, 86_400))))
        }
        return Self.defaultWait
    }
}
