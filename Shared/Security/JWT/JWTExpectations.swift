/// What a verifier insists on beyond a valid signature, so a token minted for one
/// purpose (an access token, an internal service token) is useless for another.
public struct JWTExpectations: Sendable {
    /// The largest clock skew tolerated: more would keep expired tokens alive.
    public static let maximumLeeway: Duration = .seconds(60)

    /// The JOSE header `typ`, compared case-insensitively (and with an optional
    /// `application/` prefix, RFC 7515 §4.1.9), e.g. "at+jwt" (RFC 9068) or "internal+jwt".
    public var type: String
    /// Must be one of the token's `aud` values.
    public var audience: String
    /// When set, `iss` must equal it exactly.
    public var issuer: String?
    /// Clock-skew tolerance for `exp`, `nbf` and `iat`; clamped to 0...60 s.
    public var leeway: Duration

    public init(type: String, audience: String, issuer: String? = nil, leeway: Duration = .seconds(30)) {
        self.type = type
        self.audience = audience
        self.issuer = issuer
        self.leeway = JWTExpectations.clamp(leeway)
    }

    static func clamp(_ leeway: Duration) -> Duration {
        min(max(leeway, .zero), maximumLeeway)
    }
}
