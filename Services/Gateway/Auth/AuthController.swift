import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Security
import ServiceKit

/// Password accounts and sessions: register, login, refresh, logout, logout
/// everywhere, and who am I.
struct AuthController: Sendable {
    let accounts: AccountStore
    let passwords: PasswordService
    let sessions: SessionIssuer
    let refreshTokens: RefreshTokenStore
    let revocations: SessionRevocations
    let cookies: SessionCookies
    let csrf: CSRFGuard
    let loginLimiter: LoginRateLimiter
    let authenticator: UserAuthenticator
    let clientAddress: @Sendable (Request, ServiceRequestContext) -> String

    static let invalidCredentials = "incorrect e-mail or password"

    func register(on router: Router<ServiceRequestContext>) {
        let auth = router.group("/api/v1/auth")
        auth.post("/register", use: registerAccount)
        auth.post("/login", use: login)
        auth.post("/refresh", use: refresh)
        auth.post("/logout", use: logout)
        auth.group().add(middleware: RequireUserMiddleware(authenticator: authenticator))
            .post("/logout-all", use: logoutAll)
        router.group("/api/v1/me").add(middleware: RequireUserMiddleware(authenticator: authenticator))
            .get(use: me)
    }

    @Sendable func registerAccount(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try csrf.checkOrigin(request, required: false)
        let body = try await request.decode(as: RegisterRequest.self, context: context)
        var problems: [Problem.FieldError] = []
        let email = EmailAddress.normalised(body.email)
        if email == nil { problems.append(.init(pointer: "/email", reason: "is not a valid e-mail address")) }
        if let violation = PasswordPolicy.check(body.password, email: email) {
            problems.append(.init(pointer: "/password", reason: violation.description))
        }
        let displayName = (body.displayName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if displayName.count > 200 { problems.append(.init(pointer: "/displayName", reason: "is over 200 characters")) }
        guard let email, problems.isEmpty else {
            throw ServiceError.badRequest("the registration has invalid fields", fieldErrors: problems)
        }
        let hash = try await passwords.hash(body.password)
        guard
            let account = try await accounts.createPasswordAccount(
                email: email, displayName: displayName.isEmpty ? String(email.prefix { $0 != "@" }) : displayName,
                passwordHash: hash)
        else {
            throw ServiceError.conflict("an account with this e-mail address already exists; sign in instead")
        }
        context.logger.info("account registered", metadata: ["user_id": "\(account.id)"])
        return try await sessions.start(for: account, status: .created)
    }

    @Sendable func login(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try csrf.checkOrigin(request, required: false)
        let body = try await request.decode(as: LoginRequest.self, context: context)
        // Refuse absurd input before it costs a hash or a database round trip.
        guard body.password.utf8.count <= PasswordPolicy.maximumBytes, body.email.utf8.count <= 320 else {
            throw ServiceError(.unauthorized, detail: Self.invalidCredentials)
        }
        let email = body.email.trimmingCharacters(in: .whitespacesAndNewlines)
        let decision = try await loginLimiter.check(email: email, clientAddress: clientAddress(request, context))
        guard decision.allowed else {
            throw ServiceError(
                .tooManyRequests, detail: "too many sign-in attempts; wait before trying again",
                headers: decision.headers)
        }
        let account = try await accounts.account(email: email)
        // The dummy hash makes an unknown e-mail cost the same as a wrong password.
        let matches = try await passwords.verify(body.password, against: account?.passwordHash)
        guard let account, matches, account.deletingSince == nil else {
            context.logger.notice("sign-in failed")
            throw ServiceError(.unauthorized, detail: Self.invalidCredentials)
        }
        if let hash = account.passwordHash, passwords.needsRehash(hash) {
            try await accounts.updatePasswordHash(try await passwords.hash(body.password), for: account.id)
        }
        context.logger.info("signed in", metadata: ["user_id": "\(account.id)"])
        return try await sessions.start(for: account)
    }

    @Sendable func refresh(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let (token, fromCookie) = try await refreshToken(of: request, context: context) else {
            throw UserAuthenticator.unauthorized("no refresh token: send it in the body or the session cookie")
        }
        if fromCookie { try csrf.check(request) }
        switch try await refreshTokens.rotate(token) {
        case .rotated(let issued, let userId):
            guard let account = try await accounts.account(id: userId), account.deletingSince == nil else {
                throw UserAuthenticator.unauthorized("the account no longer exists")
            }
            return try sessions.response(for: account, refresh: issued)
        case .reused(let familyId, let userId):
            try await revocations.revoke([familyId])
            context.logger.warning(
                "refresh token reuse: session revoked", metadata: ["user_id": "\(userId)", "session": "\(familyId)"])
            var error = UserAuthenticator.unauthorized(
                "this refresh token was already used; the session has been signed out everywhere it was copied to")
            error = ServiceError(.unauthorized, detail: error.detail, headers: clearedCookieHeaders(error.headers))
            throw error
        case .invalid(let reason):
            throw UserAuthenticator.unauthorized("the refresh token is not valid: \(reason)")
        }
    }

    @Sendable func logout(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        var revoked: [UUID] = []
        if let (token, fromCookie) = try await refreshToken(of: request, context: context) {
            if fromCookie { try csrf.check(request) }
            if let family = try await refreshTokens.revokeFamily(ofToken: token, reason: "logout") {
                revoked.append(family.familyId)
            }
        }
        if request.headers[.authorization] != nil || request.cookie(cookies.accessName) != nil,
            let identity = try? await authenticator.authenticate(request, logger: context.logger),
            let session = identity.sessionId
        {
            try await refreshTokens.revokeFamily(session, reason: "logout")
            revoked.append(session)
        }
        try await revocations.revoke(revoked)
        return Response(status: .noContent, headers: clearedCookieHeaders())
    }

    @Sendable func logoutAll(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let families = try await refreshTokens.revokeAll(userId: userId, reason: "logout everywhere")
        try await revocations.revoke(families + (context.identity?.sessionId.map { [$0] } ?? []))
        context.logger.info(
            "signed out everywhere", metadata: ["user_id": "\(userId)", "sessions": "\(families.count)"])
        return Response(status: .noContent, headers: clearedCookieHeaders())
    }

    @Sendable func me(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        guard let account = try await accounts.account(id: userId), account.deletingSince == nil else {
            throw UserAuthenticator.unauthorized("the account no longer exists")
        }
        return try JSONResponse.make(
            MeResponse(user: account.publicView, identities: try await accounts.identities(of: userId)))
    }

    /// The refresh token from a JSON body, else from the cookie (and which it was).
    private func refreshToken(of request: Request, context: ServiceRequestContext) async throws -> (String, Bool)? {
        if request.headers[.contentType]?.hasPrefix("application/json") == true {
            let request = request
            let body = try await request.decode(as: RefreshRequest.self, context: context)
            if let token = body.refreshToken, !token.isEmpty { return (token, false) }
        }
        return request.cookie(cookies.refreshName).map { ($0, true) }
    }

    private func clearedCookieHeaders(_ base: HTTPFields = [:]) -> HTTPFields {
        var headers = base
        headers.appendCookies(cookies.clear())
        return headers
    }
}
