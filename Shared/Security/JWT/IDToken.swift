import Foundation

/// The claims of an OpenID Connect ID token that a relying party uses.
public struct IDTokenClaims: Decodable, Sendable, Equatable {
    public var iss: String
    /// The provider's stable user id: identities are keyed by (issuer, sub), never by e-mail.
    public var sub: String
    public var aud: Audience
    public var exp: Date
    public var iat: Date
    public var nonce: String?
    public var azp: String?
    public var email: String?
    /// Whether the provider verified `email`. LinkedIn sends it as the string "true".
    public var emailVerified: Bool?
    public var name: String?
    public var givenName: String?
    public var familyName: String?
    public var picture: String?

    private enum CodingKeys: String, CodingKey {
        case iss
        case sub
        case aud
        case exp
        case iat
        case nonce
        case azp
        case email
        case emailVerified = "email_verified"
        case name
        case givenName = "given_name"
        case familyName = "family_name"
        case picture
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        iss = try container.decode(String.self, forKey: .iss)
        sub = try container.decode(String.self, forKey: .sub)
        aud = try container.decode(Audience.self, forKey: .aud)
        exp = try container.decode(Date.self, forKey: .exp)
        iat = try container.decode(Date.self, forKey: .iat)
        nonce = try container.decodeIfPresent(String.self, forKey: .nonce)
        azp = try container.decodeIfPresent(String.self, forKey: .azp)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        if let flag = try? container.decodeIfPresent(Bool.self, forKey: .emailVerified) {
            emailVerified = flag
        } else {
            switch try container.decodeIfPresent(String.self, forKey: .emailVerified)?.lowercased() {
            case "true": emailVerified = true
            case "false": emailVerified = false
            default: emailVerified = nil
            }
        }
        name = try container.decodeIfPresent(String.self, forKey: .name)
        givenName = try container.decodeIfPresent(String.self, forKey: .givenName)
        familyName = try container.decodeIfPresent(String.self, forKey: .familyName)
        picture = try container.decodeIfPresent(String.self, forKey: .picture)
    }
}

/// Validates ID tokens received from a provider's token endpoint.
public enum IDTokenValidator {
    /// OIDC Core 3.1.3.7: RS256 only; the key chosen by `kid` from the JWKS (a token
    /// without `kid` is accepted only when the set has exactly one RSA signing key);
    /// `iss` equal to `issuer` exactly; `aud` containing `clientId` (and `azp` equal to
    /// `clientId` when present or when there are several audiences); `exp` and `iat`
    /// within `leeway` (at most 60 s); `nonce` equal, in constant time, to the one this
    /// login sent, which is what binds the token to this browser session.
    public static func validate(
        _ idToken: String, keys: JSONWebKeySet, issuer: String, clientId: String, nonce: String, now: Date = Date(),
        leeway: Duration = .seconds(60)
    ) throws(JWTError) -> IDTokenClaims {
        let jws = try CompactJWS(idToken)
        guard jws.header.alg == "RS256" else {
            throw JWTError(.unsupportedAlgorithm, "alg \(jws.header.alg ?? "(missing)") is not RS256")
        }
        guard !jws.header.hasCritical else { throw JWTError(.unsupportedAlgorithm, "crit header is not supported") }
        let key = try RSAPublicKey(jwk: try selectKey(kid: jws.header.kid, from: keys))
        guard key.verifySHA256(signature: jws.signature, message: jws.signingInput) else {
            throw JWTError(.badSignature, "ID token signature does not match")
        }
        let registered = try RegisteredClaims(jws)
        try registered.checkIssuer(issuer)
        try registered.checkAudience(clientId)
        let claims = try jws.decodePayload(as: IDTokenClaims.self)
        if claims.aud.values.count > 1 || claims.azp != nil {
            guard claims.azp == clientId else { throw JWTError(.wrongAudience, "azp is not \(clientId)") }
        }
        try registered.checkTimes(now: now, leeway: leeway)
        guard let received = claims.nonce else { throw JWTError(.missingClaim, "nonce is required") }
        guard ConstantTime.equals(received, nonce) else { throw JWTError(.wrongNonce, "nonce does not match") }
        return claims
    }

    private static func selectKey(kid: String?, from set: JSONWebKeySet) throws(JWTError) -> JSONWebKey {
        let candidates = set.rs256Keys
        if let kid {
            guard let key = candidates.first(where: { $0.kid == kid }) else {
                throw JWTError(.unknownKey, "no RS256 key with kid \(kid)")
            }
            return key
        }
        guard candidates.count == 1 else {
            throw JWTError(.unknownKey, "token has no kid and the key set has \(candidates.count) RSA keys")
        }
        return candidates[0]
    }
}
