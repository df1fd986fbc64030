import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceKit

/// Turns a request's credential — `Authorization: Bearer` for API clients, the
/// access cookie for browsers — into the identity of a signed-in user, checking
/// that the token's session has not been revoked since it was issued.
struct UserAuthenticator: Sendable {
    let tokens: AccessTokens
    let revocations: SessionRevocations
    let cookies: SessionCookies
    let csrf: CSRFGuard

    func authenticate(_ request: Request, logger: Logger) async throws -> RequestIdentity {
        let token: String
        if let authorization = request.headers[.authorization] {
            guard let bearer = Self.bearerToken(authorization) else {
                throw Self.unauthorized("use `Authorization: Bearer <access token>`")
            }
            token = bearer
        } else if let cookie = request.cookie(cookies.accessName) {
            try csrf.check(request)
            token = cookie
        } else {
            throw Self.unauthorized("sign in first: no access token in the Authorization header or session cookie")
        }
        let verified: AccessTokens.Verified
        do {
            verified = try tokens.verify(token)
        } catch {
            logger.notice("access token rejected", metadata: ["reason": "\(error)"])
            throw Self.unauthorized("the access token is invalid or expired; refresh the session or sign in again")
        }
        if try await revocations.isRevoked(verified.sessionId) {
            throw Self.unauthorized("this session has been signed out")
        }
        return RequestIdentity(
            userId: verified.userId, roles: verified.roles, service: "gateway", sessionId: verified.sessionId)
    }

    /// The token of an `Authorization: Bearer <token>` value (scheme case-insensitive),
    /// parsed on bytes: this runs on every request.
    static func bearerToken(_ authorization: String) -> String? {
        let utf8 = authorization.utf8
        guard utf8.count > 7 else { return nil }
        let scheme = utf8.prefix(7).map { $0 | 0x20 }  // ASCII lower-case; the space stays a space
        guard scheme.elementsEqual("bearer ".utf8) else { return nil }
        let token = utf8.dropFirst(7).drop { $0 == 0x20 }
        let trimmed = token.prefix { $0 != 0x20 }
        return trimmed.isEmpty ? nil : String(decoding: trimmed, as: UTF8.self)
    }

    static func unauthorized(_ detail: String) -> ServiceError {
        ServiceError(.unauthorized, detail: detail, headers: [.wwwAuthenticate: #"Bearer realm="careergini""#])
    }
}

/// Requires a signed-in user on every route behind it.
struct RequireUserMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let authenticator: UserAuthenticator

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.identity = try await authenticator.authenticate(request, logger: context.logger)
        return try await next(request, context)
    }
}
