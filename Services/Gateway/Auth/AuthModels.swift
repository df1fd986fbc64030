import Foundation

struct RegisterRequest: Decodable, Sendable {
    var email: String
    var password: String
    var displayName: String?
}

struct LoginRequest: Decodable, Sendable {
    var email: String
    var password: String
}

/// API clients send the refresh token in the body; browsers rely on the cookie.
struct RefreshRequest: Decodable, Sendable {
    var refreshToken: String?
}

/// The answer to a login, registration or refresh. Browsers also get the same
/// tokens as cookies and may ignore the body.
struct SessionResponse: Encodable, Sendable {
    var user: AccountView
    var accessToken: String
    var tokenType = "Bearer"
    /// Seconds.
    var expiresIn: Int
    var refreshToken: String
    var refreshExpiresAt: Date
    /// Echo in `X-CSRF-Token` on cookie-authenticated writes.
    var csrfToken: String
}

/// `GET /api/v1/me`.
struct MeResponse: Encodable, Sendable {
    var user: AccountView
    var identities: [LinkedIdentity]
}

enum EmailAddress {
    /// A deliberately plain check: one `@`, something on both sides, a dot in the
    /// domain, no spaces or control characters, at most 320 bytes (RFC 5321).
    static func normalised(_ raw: String) -> String? {
        let email = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...320).contains(email.utf8.count),
            !email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else { return nil }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return nil }
        return email
    }
}
