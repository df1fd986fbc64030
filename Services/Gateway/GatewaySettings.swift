import Foundation
import Security
import ServiceKit

/// Everything the gateway reads from its environment (README, "Configuration").
struct GatewaySettings: Sendable {
    var common: ServiceConfiguration
    /// Signs access tokens (`JWT_SECRET`, at least 32 bytes, or the gateway refuses to start).
    var jwtSecret: [UInt8]
    /// `false` only for plain-HTTP localhost development: drops `Secure` and the `__Host-` prefix.
    var cookieSecure: Bool
    /// The gateway's public URL; OAuth redirect URIs are built from it.
    var publicBaseURL: String
    /// Origins allowed by CORS and by the CSRF Origin check.
    var allowedOrigins: [String]
    /// Paths an OAuth login may return the browser to.
    var loginRedirectPaths: [String]
    var oauthProviders: [OAuthProviderSettings]
    var rateLimit: RateLimitSettings
    /// Deadline for calls to profile-, job- and learning-service.
    var upstreamTimeout: Duration
    /// Until the first byte from ai-service, which may wait for a cold model load.
    var aiFirstByteTimeout: Duration
    /// Adds `Strict-Transport-Security` (when the gateway is served over TLS).
    var hsts: Bool
    /// How often unfinished account deletions are retried.
    var deletionRetryInterval: Duration

    static func load(from reader: inout EnvironmentReader) throws -> GatewaySettings {
        let common = try ServiceConfiguration.load(for: .gateway, from: &reader)
        guard let jwtSecret = try reader.secret("JWT_SECRET", minimumBytes: 32) else {
            throw ConfigurationError(
                variable: "JWT_SECRET", reason: "is required (at least 32 random bytes; `openssl rand -hex 32`)")
        }
        if jwtSecret == common.internalSecret {
            throw ConfigurationError(variable: "JWT_SECRET", reason: "must differ from INTERNAL_SECRET")
        }
        let cookieSecure = try reader.bool("COOKIE_SECURE", default: true)
        let publicBaseURL = try reader.url(
            "PUBLIC_BASE_URL", default: "http://localhost:3000", schemes: ["http", "https"])
        let baseOrigin = try Self.origin(of: publicBaseURL, variable: "PUBLIC_BASE_URL")
        var origins = [baseOrigin]
        if let list = reader.optionalString("ALLOWED_ORIGINS") {
            origins = try list.split(separator: ",").map {
                try Self.origin(of: $0.trimmingCharacters(in: .whitespaces), variable: "ALLOWED_ORIGINS")
            }
        }
        let redirectPaths = reader.string(
            "LOGIN_REDIRECT_PATHS", default: "/,/dashboard,/profile,/jobs,/learning,/chat"
        )
        .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for path in redirectPaths where !path.hasPrefix("/") || path.hasPrefix("//") {
            throw ConfigurationError(variable: "LOGIN_REDIRECT_PATHS", reason: "'\(path)' is not a local path")
        }
        let providers = try OAuthProviderSettings.load(from: &reader)
        let rateLimit = try RateLimitSettings.load(from: &reader)
        let upstreamTimeout = try reader.milliseconds("UPSTREAM_TIMEOUT_MS", default: .seconds(30), in: 100...600_000)
        let aiFirstByte = try reader.milliseconds(
            "AI_FIRST_BYTE_TIMEOUT_MS", default: .seconds(130), in: 100...1_800_000)
        let hsts = try reader.bool("HSTS", default: publicBaseURL.hasPrefix("https://"))
        let deletionRetry = try reader.milliseconds(
            "ACCOUNT_DELETION_RETRY_MS", default: .seconds(15), in: 100...3_600_000)
        return GatewaySettings(
            common: common, jwtSecret: jwtSecret, cookieSecure: cookieSecure, publicBaseURL: publicBaseURL,
            allowedOrigins: origins, loginRedirectPaths: redirectPaths, oauthProviders: providers,
            rateLimit: rateLimit, upstreamTimeout: upstreamTimeout, aiFirstByteTimeout: aiFirstByte, hsts: hsts,
            deletionRetryInterval: deletionRetry)
    }

    /// `scheme://host[:port]` of a URL, as browsers send it in `Origin`.
    static func origin(of text: String, variable: String) throws -> String {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host?.lowercased(), !host.isEmpty
        else {
            throw ConfigurationError(variable: variable, reason: "'\(text)' is not an http(s) origin")
        }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }
}
