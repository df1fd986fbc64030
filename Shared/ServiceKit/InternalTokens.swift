import Foundation
import Security

/// Short-lived HS256 tokens that carry a user's identity from one CareerGini
/// service to another, signed with `INTERNAL_SECRET` (never the user-facing JWT
/// secret, so a leaked access token is useless against a service port).
///
/// `aud` names the service the token is for, so a token captured on its way to
/// one service cannot be replayed against another.
public struct InternalTokens: Sendable {
    public static let header = "X-Internal-Token"
    public static let type = "internal+jwt"
    /// Long enough for one request's hops, short enough that a leaked token dies quickly.
    public static let lifetime: Duration = .seconds(60)

    struct Claims: Codable {
        /// The calling service.
        var iss: String
        /// The user acted for, absent for a service acting on its own.
        var sub: String?
        var aud: Audience
        var iat: Int64
        var nbf: Int64
        var exp: Int64
        var roles: [String]
        /// The login session (refresh-token family) of the user's request.
        var sid: String?
    }

    let key: HS256Key
    /// Tokens are reused for half their lifetime: a user's requests to one service
    /// within 30 s carry the same token instead of paying for JSON and HMAC each time.
    private let recent = ExpiringCache<String>()
    /// This service's name: the issuer of tokens it makes, the audience of those it accepts.
    public let service: String

    public init(secret: [UInt8], service: String) throws {
        self.key = try HS256Key(secret: secret)
        self.service = service
    }

    /// A token for a call from this service to `audience` on behalf of `identity`'s user.
    public func issue(for identity: RequestIdentity?, audience: String, now: Date = Date()) -> String {
        // Only tokens minted for the present are shared (tests mint past ones).
        let current = abs(now.timeIntervalSinceNow) < 1
        let cacheKey = [
            audience, identity?.userId?.uuidString ?? "-", identity?.sessionId?.uuidString ?? "-",
            identity?.roles.joined(separator: ",") ?? "",
        ].joined(separator: "|")
        if current, let token = recent.value(for: cacheKey) { return token }
        let token = mint(for: identity, audience: audience, now: now)
        if current { recent.store(token, for: cacheKey, until: .now + Self.lifetime / 2) }
        return token
    }

    private func mint(for identity: RequestIdentity?, audience: String, now: Date) -> String {
        let issuedAt = Int64(now.timeIntervalSince1970)
        let claims = Claims(
            iss: service, sub: identity?.userId?.uuidString.lowercased(), aud: Audience(audience), iat: issuedAt,
            nbf: issuedAt, exp: issuedAt + Self.lifetime.components.seconds, roles: identity?.roles ?? [],
            sid: identity?.sessionId?.uuidString.lowercased())
        // Encoding a struct of strings and integers cannot fail.
        return (try? JWT.signHS256(claims, type: Self.type, key: key)) ?? ""
    }

    /// The identity a token carries, if it is ours, for this service, and current.
    public func verify(_ token: String, now: Date = Date()) throws(JWTError) -> RequestIdentity {
        let claims = try JWT.verifyHS256(
            token, as: Claims.self, key: key,
            expecting: JWTExpectations(type: Self.type, audience: service, leeway: .seconds(5)), now: now)
        var userId: UUID?
        if let sub = claims.sub {
            guard let parsed = UUID(uuidString: sub) else { throw JWTError(.malformed, "sub is not a UUID") }
            userId = parsed
        }
        return RequestIdentity(
            userId: userId, roles: claims.roles, service: claims.iss, sessionId: claims.sid.flatMap(UUID.init))
    }
}
