import HTTPTypes
import Hummingbird
import Logging
import RedisKit
import ServiceKit
import Synchronization

/// The per-client-address limit every gateway process shares through Redis. It
/// FAILS OPEN: when Redis cannot answer, the in-process `LocalRateLimiter` decides
/// (per process, so the effective limit is per process while Redis is down).
///
/// While Redis is down, only one check per `probeInterval` tries it; the others go
/// straight to the local limiter, so an outage does not add a timeout to every request.
final class GlobalRateLimiter: Sendable {
    let primary: RedisRateLimiter
    let fallback: LocalRateLimiter
    let timeout: Duration
    let probeInterval: Duration
    private let outage: RedisOutageLog
    private let nextProbe = Mutex<ContinuousClock.Instant?>(nil)

    var policy: RateLimitPolicy { primary.policy }

    /// - Parameters:
    ///   - timeout: how long a check may wait for Redis before the local limiter decides.
    ///   - warningInterval: at most one "Redis unreachable" warning per interval.
    init(
        primary: RedisRateLimiter, fallback: LocalRateLimiter, logger: Logger,
        timeout: Duration = .milliseconds(250), probeInterval: Duration = .seconds(1),
        warningInterval: Duration = .seconds(30)
    ) {
        self.primary = primary
        self.fallback = fallback
        self.timeout = timeout
        self.probeInterval = probeInterval
        self.outage = RedisOutageLog(subject: "global rate limit", logger: logger, warningInterval: warningInterval)
    }

    convenience init(redis: RedisClient, settings: RateLimitSettings, logger: Logger) {
        self.init(
            primary: RedisRateLimiter(redis: redis, policy: settings.globalPolicy, keyPrefix: "ratelimit:global"),
            fallback: LocalRateLimiter(policy: settings.globalPolicy), logger: logger, timeout: settings.redisTimeout)
    }

    /// Whether the last Redis check failed (the local limiter is deciding).
    var isDegraded: Bool { outage.isDown }

    /// Counts one request for `key`. Throws only `CancellationError`.
    func check(_ key: String) async throws -> RateLimitDecision {
        let now = ContinuousClock.now
        // nil: Redis is healthy; true: a probe while it is down; false: stay local.
        let probing: Bool? = nextProbe.withLock { next in
            guard let due = next else { return nil }
            guard now >= due else { return false }
            next = now + probeInterval
            return true
        }
        if probing != false {
            let primary = self.primary
            do {
                // Healthy: Redis's own command and pool timeouts bound the call, and the
                // hot path pays for no extra timer task. Probing: our tighter deadline.
                let decision =
                    probing == true
                    ? try await withRedisDeadline(timeout) { try await primary.check(key) }
                    : try await primary.check(key)
                nextProbe.withLock { $0 = nil }
                outage.succeeded()
                return decision
            } catch let error as RedisError {
                nextProbe.withLock { $0 = ContinuousClock.now + probeInterval }
                outage.failed(error, consequence: "limiting per process with the local fallback")
            }
        }
        return fallback.check(key)
    }
}

/// Limits every request per client address (DESIGN.md §6: 100 per minute by
/// default), except health, readiness and metrics. Allowed responses carry
/// `RateLimit-Policy` and `RateLimit`; a denied request is a 429 problem with
/// `Retry-After` (thrown as `ServiceError`, so it must run inside `ProblemMiddleware`).
struct GlobalRateLimitMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    static let exemptPaths: Set<String> = ["/health", "/ready", "/metrics"]

    let limiter: GlobalRateLimiter
    let resolver: ClientAddressResolver

    init(limiter: GlobalRateLimiter, resolver: ClientAddressResolver) {
        self.limiter = limiter
        self.resolver = resolver
    }

    init(redis: RedisClient, settings: RateLimitSettings, logger: Logger) {
        self.init(
            limiter: GlobalRateLimiter(redis: redis, settings: settings, logger: logger),
            resolver: ClientAddressResolver(trustedProxies: settings.trustedProxies))
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard !Self.exemptPaths.contains(request.uri.path) else { return try await next(request, context) }
        let client = resolver.clientAddress(for: request, context: context)
        let decision = try await limiter.check(client)
        guard decision.allowed else { throw decision.tooManyRequests() }
        // Errors answered further out still tell the client where it stands.
        do {
            var response = try await next(request, context)
            response.headers.append(contentsOf: decision.headers)
            return response
        } catch let error as ServiceError {
            var headers = error.headers
            headers.append(contentsOf: decision.headers)
            throw ServiceError(
                error.status, title: error.title, detail: error.detail, type: error.type,
                fieldErrors: error.fieldErrors, headers: headers)
        } catch var error as HTTPError {
            error.headers.append(contentsOf: decision.headers)
            throw error
        }
    }
}
