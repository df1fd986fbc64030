import ServiceKit

/// The gateway's rate-limit configuration (DESIGN.md §6).
struct RateLimitSettings: Sendable, Equatable {
    /// Requests per client address per window (`RATE_LIMIT_REQUESTS`).
    var requestsPerWindow = 100
    /// `RATE_LIMIT_WINDOW_SECONDS`.
    var window: Duration = .seconds(60)
    /// Sign-in attempts per (e-mail, client address) per login window (`LOGIN_RATE_LIMIT_ATTEMPTS`).
    var loginAttempts = 10
    /// `LOGIN_RATE_LIMIT_WINDOW_SECONDS`.
    var loginWindow: Duration = .seconds(15 * 60)
    /// Proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`, comma-separated
    /// CIDRs). None by default: the TCP peer is the client.
    var trustedProxies: [IPNetwork] = []
    /// While Redis is down, how long the one probe a second may wait for it before
    /// the per-process fallback decides (`RATE_LIMIT_REDIS_TIMEOUT_MS`). A healthy
    /// Redis is bounded by `REDIS_COMMAND_TIMEOUT_MS` and the pool's acquire timeout.
    var redisTimeout: Duration = .milliseconds(250)

    var globalPolicy: RateLimitPolicy { RateLimitPolicy(name: "global", limit: requestsPerWindow, window: window) }
    var loginPolicy: RateLimitPolicy { RateLimitPolicy(name: "login", limit: loginAttempts, window: loginWindow) }

    static func load(from reader: inout EnvironmentReader) throws -> RateLimitSettings {
        var settings = RateLimitSettings()
        settings.requestsPerWindow = try reader.int(
            "RATE_LIMIT_REQUESTS", default: settings.requestsPerWindow, in: 1...1_000_000)
        settings.window = .seconds(try reader.int("RATE_LIMIT_WINDOW_SECONDS", default: 60, in: 1...86_400))
        settings.loginAttempts = try reader.int(
            "LOGIN_RATE_LIMIT_ATTEMPTS", default: settings.loginAttempts, in: 1...10_000)
        settings.loginWindow = .seconds(
            try reader.int("LOGIN_RATE_LIMIT_WINDOW_SECONDS", default: 15 * 60, in: 1...86_400))
        if let text = reader.optionalString("TRUSTED_PROXIES") {
            do {
                settings.trustedProxies = try IPNetwork.parseList(text)
            } catch let error as IPNetwork.ParseError {
                throw ConfigurationError(variable: "TRUSTED_PROXIES", reason: error.description)
            }
        }
        settings.redisTimeout = try reader.milliseconds(
            "RATE_LIMIT_REDIS_TIMEOUT_MS", default: settings.redisTimeout, in: 10...60_000)
        return settings
    }
}
