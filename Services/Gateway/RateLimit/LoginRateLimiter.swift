import Foundation
import HTTPTypes
import Logging
import RedisKit
import Security
import ServiceKit

/// The tighter limit on sign-in attempts, per (normalised e-mail, client address):
/// 10 per 15 minutes by default. It FAILS CLOSED: without Redis, sign-in answers
/// 503 rather than allowing unlimited password guessing.
///
/// Redis never sees the e-mail address: the key is a SHA-256 of the pair.
final class LoginRateLimiter: Sendable {
    static let unavailableDetail = "sign-in is temporarily unavailable; retry shortly"

    let limiter: RedisRateLimiter
    let timeout: Duration
    private let outage: RedisOutageLog

    var policy: RateLimitPolicy { limiter.policy }

    /// - Parameter timeout: how long a check may wait for Redis before answering 503.
    init(
        redis: RedisClient, policy: RateLimitPolicy = RateLimitSettings().loginPolicy,
        keyPrefix: String = "ratelimit:login", timeout: Duration = .milliseconds(500), logger: Logger
    ) {
        self.limiter = RedisRateLimiter(redis: redis, policy: policy, keyPrefix: keyPrefix)
        self.timeout = timeout
        self.outage = RedisOutageLog(subject: "login rate limit", logger: logger)
    }

    convenience init(redis: RedisClient, settings: RateLimitSettings, logger: Logger) {
        self.init(redis: redis, policy: settings.loginPolicy, logger: logger)
    }

    /// Counts one sign-in attempt. The caller answers a denied decision with
    /// `decision.tooManyRequests("sign-in attempts")` (429 with `Retry-After`).
    /// Throws `ServiceError` 503 (`Retry-After: 5`) when Redis cannot answer.
    func check(email: String, clientAddress: String) async throws -> RateLimitDecision {
        let key = Self.key(email: email, clientAddress: clientAddress)
        let limiter = self.limiter
        do {
            let decision = try await withRedisDeadline(timeout) { try await limiter.check(key) }
            outage.succeeded()
            return decision
        } catch let error as RedisError {
            outage.failed(error, consequence: "sign-in answers 503 (fail closed)")
            throw ServiceError.unavailable(Self.unavailableDetail, retryAfterSeconds: 5)
        }
    }

    /// Trimmed, compatibility-normalised (NFKC) and lower-cased, so that spelling
    /// variants of one address share a limit.
    static func normalise(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCompatibilityMapping.lowercased()
    }

    /// The limiter key of an attempt: hex SHA-256 of the normalised e-mail and the address.
    static func key(email: String, clientAddress: String) -> String {
        Digest.sha256Hex("\(normalise(email: email))\n\(clientAddress)")
    }
}
