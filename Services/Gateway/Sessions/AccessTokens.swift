import Foundation
import Security
import ServiceKit

/// Access tokens: JWT HS256 (RFC 9068 profile, `typ: at+jwt`), 15 minutes,
/// signed with `JWT_SECRET`. Only HS256 is accepted; `exp`, `nbf`, `iat`, `aud`
/// and `typ` are checked with 60 s leeway for clock skew.
struct AccessTokens: Sendable {
    static let lifetime: Duration = .seconds(15 * 60)
    static let type = "at+jwt"
    static let issuer = "careergini-gateway"
    static let audience = "careergini-api"

    struct Claims: Codable, Sendable {
        var iss: String
        var sub: String
        var aud: Audience
        var iat: Int64
        var nbf: Int64
        var exp: Int64
        var jti: String
        /// The login session (refresh-token family), so a logout can revoke it.
        var sid: String
        var roles: [String]
    }

    struct Verified: Sendable {
        var userId: UUID
        var sessionId: UUID
        var roles: [String]
        var expiresAt: Date
    }

    let key: HS256Key
    /// Tokens already verified, until they expire: a browser sends the same token
    /// with every request for 15 minutes, and decoding its JSON each time is the
    /// largest part of the gateway's per-request work. Keyed by the whole token,
    /// signature included, so only a byte-identical token can hit.
    let verified = ExpiringCache<Verified>()

    func issue(
        userId: UUID, sessionId: UUID, roles: [String], now: Date = Date()
    ) throws -> (
        token: String, expiresAt: Date
    ) {
        let issuedAt = Int64(now.timeIntervalSince1970)
        let expiresAt = issuedAt + Self.lifetime.components.seconds
        let claims = Claims(
            iss: Self.issuer, sub: userId.uuidString.lowercased(), aud: Audience(Self.audience), iat: issuedAt,
            nbf: issuedAt, exp: expiresAt, jti: SecureRandom.token(byteCount: 16),
            sid: sessionId.uuidString.lowercased(), roles: roles)
        let token = try JWT.signHS256(claims, type: Self.type, key: key)
        return (token, Date(timeIntervalSince1970: TimeInterval(expiresAt)))
    }

    func verify(_ token: String, now: Date = Date()) throws(JWTError) -> Verified {
        let current = abs(now.timeIntervalSinceNow) < 1
        if current, let hit = verified.value(for: token) { return hit }
        let result = try decode(token, now: now)
        if current {
            // Cached until exp (no leeway): a cached token never outlives a fresh check.
            let remaining = result.expiresAt.timeIntervalSince(now)
            if remaining > 0 { verified.store(result, for: token, until: .now + .milliseconds(Int(remaining * 1000))) }
        }
        return result
    }

    private func decode(_ token: String, now: Date) throws(JWTError) -> Verified {
        let claims = try JWT.verifyHS256(
            token, as: Claims.self, key: key,
            expecting: JWTExpectations(
                type: Self.type, audience: Self.audience, issuer: Self.issuer, leeway: .seconds(60)),
            now: now)
        guard let userId = UUID(uuidString: claims.sub), let sessionId = UUID(uuidString: claims.sid) else {
            throw JWTError(.malformed, "sub and sid must be UUIDs")
        }
        return Verified(
            userId: userId, sessionId: sessionId, roles: claims.roles,
            expiresAt: Date(timeIntervalSince1970: TimeInterval(claims.exp)))
    }
}
