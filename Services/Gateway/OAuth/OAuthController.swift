import Contracts
import CurlHTTP
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import RedisKit
import Security
import ServiceKit

/// OAuth 2.0 login (authorization code + PKCE S256 + `state`, and `nonce` for
/// OpenID Connect) with Google, GitHub and LinkedIn.
///
/// Mix-up defence (RFC 9700 §4.4): each provider has its own redirect URI, the
/// stored state names the provider it was issued for and must match the
/// callback's, and an `iss` in the authorization response must be that
/// provider's issuer.
struct OAuthController: Sendable {
    let providers: [OAuthProviderSettings]
    let publicBaseURL: String
    let redirectPaths: [String]
    let http: CurlHTTPClient
    let redis: RedisClient
    let accounts: AccountStore
    let sessions: SessionIssuer
    let cookies: SessionCookies
    let keys: JWKSCache
    /// profile-service, told what each sign-in says about the user.
    let profiles: InternalServiceClient

    struct ProviderInfo: Encodable {
        var name: String
        var enabled: Bool
        var startUrl: String?
    }

    func register(on router: Router<ServiceRequestContext>) {
        let oauth = router.group("/api/v1/auth/oauth")
        oauth.get("/providers") { _, _ in
            try JSONResponse.make(
                providers.map {
                    ProviderInfo(
                        name: $0.name, enabled: $0.isEnabled,
                        startUrl: $0.isEnabled ? "/api/v1/auth/oauth/\($0.name)/start" : nil)
                })
        }
        oauth.get("/{provider}/start", use: start)
        oauth.get("/{provider}/callback", use: callback)
    }

    func redirectURI(for provider: OAuthProviderSettings) -> String {
        "\(publicBaseURL)/api/v1/auth/oauth/\(provider.name)/callback"
    }

    private func provider(_ context: ServiceRequestContext) throws -> OAuthProviderSettings {
        let name = context.parameters.get("provider") ?? ""
        guard let provider = providers.first(where: { $0.name == name }) else {
            throw ServiceError.notFound("there is no sign-in provider called '\(name)'")
        }
        guard provider.isEnabled else {
            throw ServiceError(
                .notFound, title: "Provider disabled",
                detail:
                    "sign-in with \(name) is not enabled on this server (set OAUTH_\(name.uppercased())_CLIENT_ID and _CLIENT_SECRET)"
            )
        }
        return provider
    }

    @Sendable func start(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let provider = try provider(context)
        let redirectPath = request.uri.queryParameters.get("redirect") ?? "/"
        guard redirectPaths.contains(redirectPath) else {
            throw ServiceError.badRequest(
                "redirect must be one of: \(redirectPaths.joined(separator: ", "))",
                fieldErrors: [.init(pointer: "/redirect", reason: "is not an allowed path")])
        }
        let state = SecureRandom.token(byteCount: 32)
        let verifier = SecureRandom.token(byteCount: 32)
        let binding = SecureRandom.token(byteCount: 32)
        var nonce: String?
        if case .openIDConnect = provider.kind { nonce = SecureRandom.token(byteCount: 32) }
        try await OAuthLoginState(
            provider: provider.name, codeVerifier: verifier, nonce: nonce,
            browserBindingHash: Digest.sha256Hex(binding), redirectPath: redirectPath
        ).save(under: state, redis: redis)

        var query: [(String, String)] = [
            ("response_type", "code"), ("client_id", provider.clientId ?? ""),
            ("redirect_uri", redirectURI(for: provider)), ("scope", provider.scopes.joined(separator: " ")),
            ("state", state), ("code_challenge", Base64URL.encode(Digest.sha256(Array(verifier.utf8)))),
            ("code_challenge_method", "S256"),
        ]
        if let nonce { query.append(("nonce", nonce)) }
        let separator = provider.authorizeURL.contains("?") ? "&" : "?"
        var headers: HTTPFields = [.location: provider.authorizeURL + separator + FormEncoding.encode(query)]
        headers.appendCookies([
            cookies.cookie(
                cookies.oauthName, value: binding, maxAge: Int(OAuthLoginState.lifetime.components.seconds))
        ])
        return Response(status: .found, headers: headers)
    }

    @Sendable func callback(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let provider = try provider(context)
        let query = request.uri.queryParameters
        do {
            guard let stateParameter = query.get("state"), !stateParameter.isEmpty else {
                throw OAuthFailure.rejected("the callback has no state")
            }
            guard let state = try await OAuthLoginState.take(stateParameter, redis: redis) else {
                throw OAuthFailure.rejected("the sign-in state is unknown, expired or already used")
            }
            guard state.provider == provider.name else {
                throw OAuthFailure.rejected("the state was issued for \(state.provider), not \(provider.name)")
            }
            guard let binding = request.cookie(cookies.oauthName),
                ConstantTime.equals(Array(Digest.sha256Hex(binding).utf8), Array(state.browserBindingHash.utf8))
            else {
                throw OAuthFailure.rejected("the sign-in was started in another browser")
            }
            if case .openIDConnect(let issuer, _) = provider.kind, let iss = query.get("iss"), iss != issuer {
                throw OAuthFailure.rejected("the authorization response came from \(iss), not \(issuer)")
            }
            if let error = query.get("error") {
                throw OAuthFailure.rejected("\(provider.name) did not authorise the sign-in (\(error))")
            }
            guard let code = query.get("code"), !code.isEmpty else {
                throw OAuthFailure.rejected("the callback has no authorization code")
            }
            let identity = try await OAuthClient(http: http, keys: keys).identity(
                provider: provider, code: code, redirectURI: redirectURI(for: provider), state: state)
            let (account, created) = try await accounts.accountForIdentity(identity)
            guard account.deletingSince == nil else {
                throw OAuthFailure.rejected("this account is being deleted")
            }
            context.logger.info(
                "signed in with \(provider.name)", metadata: ["user_id": "\(account.id)", "new": "\(created)"])
            await passOnToProfile(identity, account: account, logger: context.logger)
            let family = try await sessions.refreshTokens.startFamily(userId: account.id)
            var (_, headers) = try sessions.issue(for: account, refresh: family)
            headers.appendCookies([cookies.cookie(cookies.oauthName, value: "", maxAge: 0)])
            headers[.location] = state.redirectPath
            return Response(status: .found, headers: headers)
        } catch let failure as OAuthFailure {
            context.logger.notice(
                "oauth sign-in failed", metadata: ["provider": "\(provider.name)", "reason": "\(failure)"])
            // The binding cookie has served its one login either way.
            let error = failure.serviceError
            var headers = error.headers
            headers.appendCookies([cookies.cookie(cookies.oauthName, value: "", maxAge: 0)])
            throw ServiceError(error.status, title: error.title, detail: error.detail, headers: headers)
        }
    }

    /// LinkedIn's sign-in (like Google's and GitHub's) gives a name, an e-mail and a
    /// picture: profile-service keeps them as the profile's lowest-priority source.
    /// Best effort: a sign-in never fails because profile-service is down.
    func passOnToProfile(_ identity: ExternalIdentity, account: Account, logger: Logger) async {
        let signIn = SignInIdentity(
            provider: identity.provider, name: identity.displayName,
            email: identity.emailVerified ? identity.email : nil, pictureURL: identity.avatarURL)
        let caller = RequestIdentity(userId: account.id, roles: account.roles, service: "gateway")
        do {
            _ = try await profiles.put("/internal/profile/identity", body: signIn, as: JSONValue.self, for: caller)
        } catch {
            logger.warning("the sign-in identity did not reach profile-service", metadata: ["error": "\(error)"])
        }
    }
}
