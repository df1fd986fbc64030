import ServiceKit

/// One OAuth 2.0 provider's endpoints and client registration. Every endpoint is
/// configurable, so tests (and self-hosted identity providers) can stand in for
/// the real ones. A provider without a client id is disabled.
struct OAuthProviderSettings: Sendable {
    enum Kind: Sendable {
        /// OpenID Connect: identity from a signed ID token (Google, LinkedIn).
        case openIDConnect(issuer: String, jwksURL: String)
        /// Plain OAuth: identity from the provider's user API (GitHub).
        case gitHub(apiURL: String)
    }

    var name: String
    var kind: Kind
    var clientId: String?
    var clientSecret: String?
    var authorizeURL: String
    var tokenURL: String
    var scopes: [String]

    var isEnabled: Bool { clientId != nil && clientSecret != nil }

    static func load(from reader: inout EnvironmentReader) throws -> [OAuthProviderSettings] {
        var google = try provider(
            "google", from: &reader, authorize: "https://accounts.google.com/o/oauth2/v2/auth",
            token: "https://oauth2.googleapis.com/token", scopes: ["openid", "email", "profile"])
        google.kind = .openIDConnect(
            issuer: reader.string("OAUTH_GOOGLE_ISSUER", default: "https://accounts.google.com"),
            jwksURL: try reader.url(
                "OAUTH_GOOGLE_JWKS_URL", default: "https://www.googleapis.com/oauth2/v3/certs",
                schemes: ["http", "https"]))
        var linkedIn = try provider(
            "linkedin", from: &reader, authorize: "https://www.linkedin.com/oauth/v2/authorization",
            token: "https://www.linkedin.com/oauth/v2/accessToken", scopes: ["openid", "profile", "email"])
        linkedIn.kind = .openIDConnect(
            issuer: reader.string("OAUTH_LINKEDIN_ISSUER", default: "https://www.linkedin.com/oauth"),
            jwksURL: try reader.url(
                "OAUTH_LINKEDIN_JWKS_URL", default: "https://www.linkedin.com/oauth/openid/jwks",
                schemes: ["http", "https"]))
        var gitHub = try provider(
            "github", from: &reader, authorize: "https://github.com/login/oauth/authorize",
            token: "https://github.com/login/oauth/access_token", scopes: ["read:user", "user:email"])
        gitHub.kind = .gitHub(
            apiURL: try reader.url(
                "OAUTH_GITHUB_API_URL", default: "https://api.github.com", schemes: ["http", "https"]))
        return [google, gitHub, linkedIn]
    }

    private static func provider(
        _ name: String, from reader: inout EnvironmentReader, authorize: String, token: String, scopes: [String]
    ) throws -> OAuthProviderSettings {
        let prefix = "OAUTH_\(name.uppercased())_"
        let clientId = reader.optionalString(prefix + "CLIENT_ID")
        let secret = try reader.secret(prefix + "CLIENT_SECRET", minimumBytes: 1).map {
            String(decoding: $0, as: UTF8.self)
        }
        if clientId != nil, secret == nil {
            throw ConfigurationError(
                variable: prefix + "CLIENT_SECRET", reason: "is required when \(prefix)CLIENT_ID is set")
        }
        return OAuthProviderSettings(
            name: name, kind: .gitHub(apiURL: ""), clientId: clientId, clientSecret: secret,
            authorizeURL: try reader.url(prefix + "AUTHORIZE_URL", default: authorize, schemes: ["http", "https"]),
            tokenURL: try reader.url(prefix + "TOKEN_URL", default: token, schemes: ["http", "https"]),
            scopes: scopes)
    }
}
