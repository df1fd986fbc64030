import HTTPTypes
import ServiceKit

/// A rate limit: at most `limit` requests in any `window`.
struct RateLimitPolicy: Sendable, Equatable {
    /// Shown to clients in the `RateLimit-Policy` and `RateLimit` headers.
    var name: String
    var limit: Int
    var window: Duration

    init(name: String, limit: Int, window: Duration) {
        precondition(limit >= 1, "a rate limit admits at least one request")
        precondition(window >= .milliseconds(1), "a rate-limit window lasts at least 1 ms")
        self.name = name
        self.limit = limit
        self.window = window
    }

    /// The window in whole seconds, rounded up (the `w` parameter).
    var windowSeconds: Int { Self.seconds(roundingUp: window) }

    /// Whole seconds, rounded up; a zero or negative duration is 0.
    static func seconds(roundingUp duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, duration > .zero else { return 0 }
        return Int(seconds) + (attoseconds > 0 ? 1 : 0)
    }

    /// Whole nanoseconds (windows and instants of the in-process limiter).
    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// The answer to one rate-limit check, and the headers that tell the client.
struct RateLimitDecision: Sendable, Equatable {
    var allowed: Bool
    var limit: Int
    /// Requests still admitted in the current window, after this one.
    var remaining: Int
    /// Seconds until the oldest counted request leaves the window and frees a slot
    /// (rounded up; at least 1 when denied).
    var resetSeconds: Int
    var policy: RateLimitPolicy

    static let policyHeader = HTTPField.Name("RateLimit-Policy")!
    static let rateLimitHeader = HTTPField.Name("RateLimit")!

    /// IETF draft-ietf-httpapi-ratelimit-headers (structured fields):
    /// `RateLimit-Policy: "<name>";q=<limit>;w=<window s>` and
    /// `RateLimit: "<name>";r=<remaining>;t=<reset s>`, plus `Retry-After: <s>` when denied.
    var headers: HTTPFields {
        let name = Self.structuredString(policy.name)
        var fields = HTTPFields()
        fields[Self.policyHeader] = "\(name);q=\(limit);w=\(policy.windowSeconds)"
        fields[Self.rateLimitHeader] = "\(name);r=\(remaining);t=\(resetSeconds)"
        if !allowed { fields[.retryAfter] = String(max(1, resetSeconds)) }
        return fields
    }

    /// The 429 problem a denied request answers with.
    func tooManyRequests(_ what: String = "requests") -> ServiceError {
        let retry = max(1, resetSeconds)
        return ServiceError(
            .tooManyRequests,
            detail:
                "rate limit of \(limit) \(what) per \(policy.windowSeconds) s exceeded; retry in \(retry) s",
            headers: headers)
    }

    /// An sf-string (RFC 9651 §3.3.3): printable ASCII, `"` and `\` escaped.
    static func structuredString(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars where (0x20...0x7E).contains(scalar.value) {
            if scalar == "\"" || scalar == "\\" { output.append("\\") }
            output.unicodeScalars.append(scalar)
        }
        return output + "\""
    }
}
