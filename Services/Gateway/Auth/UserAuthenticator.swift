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
            guard authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else {
                throw Self.unauthorized("use `Authorization: Bearer <access token>`")
            }
            token = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
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
