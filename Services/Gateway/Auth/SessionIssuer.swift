import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Security
import ServiceKit

/// Starts and renews sessions: mints the access token, sets the cookies and
/// writes the JSON answer, the same way for every kind of login.
struct SessionIssuer: Sendable {
    let accessTokens: AccessTokens
    let refreshTokens: RefreshTokenStore
    let cookies: SessionCookies

    func start(for account: Account, status: HTTPResponse.Status = .ok) async throws -> Response {
        let family = try await refreshTokens.startFamily(userId: account.id)
        return try response(for: account, refresh: family, status: status)
    }

    func response(
        for account: Account, refresh: RefreshTokenStore.Issued, status: HTTPResponse.Status = .ok
    ) throws
        -> Response
    {
        let (body, headers) = try issue(for: account, refresh: refresh)
        return try JSONResponse.make(body, status: status, headers: headers)
    }

    /// The answer body and the Set-Cookie headers of a session.
    func issue(for account: Account, refresh: RefreshTokenStore.Issued) throws -> (SessionResponse, HTTPFields) {
        let access = try accessTokens.issue(userId: account.id, sessionId: refresh.familyId, roles: account.roles)
        let csrf = SecureRandom.token(byteCount: 24)
        var headers = HTTPFields()
        headers.appendCookies(
            cookies.issue(
                accessToken: access.token, accessMaxAge: Int(AccessTokens.lifetime.components.seconds),
                refreshToken: refresh.token,
                refreshMaxAge: max(0, Int(refresh.expiresAt.timeIntervalSinceNow)), csrfToken: csrf))
        let body = SessionResponse(
            user: account.publicView, accessToken: access.token,
            expiresIn: Int(AccessTokens.lifetime.components.seconds), refreshToken: refresh.token,
            refreshExpiresAt: refresh.expiresAt, csrfToken: csrf)
        return (body, headers)
    }
}
