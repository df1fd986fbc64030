import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Security
import ServiceLifecycle
import Synchronization

/// A wire-faithful fake of the authorization servers we log in with: Google and LinkedIn
/// (OpenID Connect) and GitHub (an OAuth app). It runs on a free local port for the
/// duration of a test, "the user consents" automatically, and it can be told to
/// misbehave (bad ID tokens, wrong `iss`) so the relying party's defences get exercised.
///
/// Endpoints: `GET /authorize`, `POST /token`, and for OIDC kinds `GET /jwks`,
/// `GET /userinfo` and `GET /.well-known/openid-configuration`; for GitHub `GET /user`
/// and `GET /user/emails` (plus GitHub's real paths `/login/oauth/authorize` and
/// `/login/oauth/access_token` as aliases).
public final class FakeOAuthProvider: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case google
        case linkedIn
        case gitHub

        /// Whether the provider speaks OpenID Connect (ID tokens, JWKS, userinfo).
        public var isOIDC: Bool { self != .gitHub }
    }

    /// The account that "logs in".
    public struct User: Sendable, Equatable {
        /// OIDC `sub`; for GitHub, the numeric user id as a string.
        public var subject: String
        public var email: String?
        public var emailVerified: Bool
        public var name: String?
        public var givenName: String?
        public var familyName: String?
        public var picture: String?
        /// GitHub's `login`.
        public var login: String
        /// GitHub: whether `/user` shows the e-mail (a private e-mail appears there as null
        /// and only `/user/emails` reveals it).
        public var emailIsPublic: Bool

        public init(
            subject: String, email: String?, emailVerified: Bool = true, name: String? = "Ada Lovelace",
            givenName: String? = "Ada", familyName: String? = "Lovelace",
            picture: String? = "https://example.com/avatar/ada.png", login: String = "ada", emailIsPublic: Bool = false
        ) {
            self.subject = subject
            self.email = email
            self.emailVerified = emailVerified
            self.name = name
            self.givenName = givenName
            self.familyName = familyName
            self.picture = picture
            self.login = login
            self.emailIsPublic = emailIsPublic
        }

        /// A plausible user for each provider (GitHub ids are numbers).
        public static func `default`(for kind: Kind) -> User {
            switch kind {
            case .google: User(subject: "110169484474386276334", email: "ada@example.com")
            case .linkedIn: User(subject: "782bbtaQ", email: "ada@example.com")
            case .gitHub: User(subject: "12345", email: "ada@example.com")
            }
        }

        /// GitHub's numeric `id`.
        public var gitHubID: Int { Int(subject) ?? 0 }
    }

    /// Ways the provider can lie, for tests of the relying party's checks.
    public enum Misbehaviour: Sendable, Hashable {
        /// The ID token is signed by another key but names the published key's `kid`.
        case signIDTokenWithOtherKey
        /// The ID token names a `kid` that is not in the JWKS.
        case unknownKeyID
        /// The ID token's `iss` is another issuer.
        case wrongIssuer
        /// The ID token's `aud` (and `azp`) is another client.
        case wrongAudience
        /// The ID token expired an hour ago.
        case expiredIDToken
        /// The ID token carries a different `nonce`.
        case wrongNonce
        /// The ID token carries no `nonce`.
        case omitNonce
        /// The authorization response has no `iss` parameter (RFC 9207).
        case omitIssuerInRedirect
        /// The authorization response's `iss` names another issuer (a mix-up attack).
        case wrongIssuerInRedirect
    }

    /// One request received at the token endpoint, as the provider saw it.
    public struct TokenRequest: Sendable {
        /// The decoded form body (duplicates keep the first value).
        public var form: [String: String]
        public var authorization: String?
        public var accept: String?
        public var contentType: String?

        public var codeVerifier: String? { form["code_verifier"] }
    }

    /// Authorization codes live this long (RFC 6749 §4.1.2 recommends at most 10 minutes).
    public static let codeLifetime: TimeInterval = 60
    public static let otherIssuer = "https://evil.example"
    public static let otherClientID = "someone-elses-client-id"

    public let kind: Kind
    /// `http://127.0.0.1:<port>`.
    public let baseURL: String
    /// The OIDC issuer (`iss`), which is the base URL.
    public let issuer: String
    public let clientID: String
    public let clientSecret: String
    /// The one registered redirect URI; `/authorize` and `/token` require it exactly.
    public let redirectURI: String
    /// When set (the default), `/authorize` refuses requests without an S256 `code_challenge`.
    public let requiresPKCE: Bool
    /// The key whose JWK `/jwks` publishes and that signs ID tokens.
    public let signingKey: RSASigningKey

    public var authorizationEndpoint: String { baseURL + "/authorize" }
    public var tokenEndpoint: String { baseURL + "/token" }
    public var jwksURI: String { baseURL + "/jwks" }
    public var userinfoEndpoint: String { baseURL + "/userinfo" }
    /// GitHub's `GET /user` (api.github.com/user).
    public var userAPI: String { baseURL + "/user" }
    /// GitHub's `GET /user/emails`.
    public var emailsAPI: String { baseURL + "/user/emails" }

    private struct PendingCode {
        var clientID: String
        var redirectURI: String
        var scope: String
        var codeChallenge: String?
        var nonce: String?
        var user: User
        var expires: Date
        var used: Bool
        var accessToken: String?
    }

    private struct IssuedToken {
        var user: User
        var scope: String
    }

    private struct State {
        var user: User
        var misbehaviours: Set<Misbehaviour>
        var codes: [String: PendingCode] = [:]
        var tokens: [String: IssuedToken] = [:]
        var tokenRequests: [TokenRequest] = []
        var authorizationRequests: [[String: String]] = []
    }

    private let state: Mutex<State>

    init(
        kind: Kind, baseURL: String, clientID: String, clientSecret: String, redirectURI: String, requiresPKCE: Bool,
        user: User, misbehaviours: Set<Misbehaviour>
    ) {
        self.kind = kind
        self.baseURL = baseURL
        self.issuer = baseURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
        self.requiresPKCE = requiresPKCE
        self.signingKey = RSASigningKey.shared
        self.state = Mutex(State(user: user, misbehaviours: misbehaviours))
    }

    /// The user the next authorization logs in.
    public var user: User {
        get { state.withLock { $0.user } }
        set { state.withLock { $0.user = newValue } }
    }

    /// Active misbehaviours; they apply to ID tokens and redirects issued from now on.
    public var misbehaviours: Set<Misbehaviour> {
        get { state.withLock { $0.misbehaviours } }
        set { state.withLock { $0.misbehaviours = newValue } }
    }

    /// Every request the token endpoint received, oldest first.
    public var tokenRequests: [TokenRequest] { state.withLock { $0.tokenRequests } }

    /// The query parameters of every `/authorize` request, oldest first.
    public var authorizationRequests: [[String: String]] { state.withLock { $0.authorizationRequests } }

    /// The JWK Set served at `/jwks`.
    public var jwks: JSONWebKeySet { signingKey.jwks }

    /// Starts a provider on a free port, runs `body`, then shuts the provider down.
    public static func run<T>(
        kind: Kind, clientID: String = "fake-client-id", clientSecret: String = "fake-client-secret",
        redirectURI: String = "http://127.0.0.1:8080/auth/callback", requiresPKCE: Bool = true, user: User? = nil,
        misbehaviours: Set<Misbehaviour> = [], _ body: (FakeOAuthProvider) async throws -> T
    ) async throws -> T {
        let port = FreePort.find()
        let provider = FakeOAuthProvider(
            kind: kind, baseURL: "http://127.0.0.1:\(port)", clientID: clientID, clientSecret: clientSecret,
            redirectURI: redirectURI, requiresPKCE: requiresPKCE, user: user ?? .default(for: kind),
            misbehaviours: misbehaviours)
        let (started, continuation) = AsyncStream<Void>.makeStream()
        var logger = Logger(label: "fake-oauth-\(kind.rawValue)")
        logger.logLevel = .warning
        let app = Application(
            router: provider.router(), configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { _ in continuation.yield() }, logger: logger)
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { continuation.finish() }
                try await group.run()
            }
            var iterator = started.makeAsyncIterator()
            guard await iterator.next() != nil else {
                try await tasks.waitForAll()
                throw CancellationError()
            }
            let result: T
            do {
                result = try await body(provider)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        }
    }

    // MARK: - Routes

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/authorize") { request, _ in self.authorize(request) }
        router.post("/token") { request, _ in try await self.token(request) }
        if kind.isOIDC {
            router.get("/.well-known/openid-configuration") { _, _ in self.discovery() }
            router.get("/jwks") { _, _ in
                Self.json(try JSONSerialization.jsonObject(with: JSONEncoder().encode(self.jwks)))
            }
            router.get("/userinfo") { request, _ in self.userinfo(request) }
        } else {
            router.get("/login/oauth/authorize") { request, _ in self.authorize(request) }
            router.post("/login/oauth/access_token") { request, _ in try await self.token(request) }
            router.get("/user") { request, _ in self.gitHubUser(request) }
            router.get("/user/emails") { request, _ in self.gitHubEmails(request) }
        }
        return router
    }

    private func discovery() -> Response {
        Self.json([
            "issuer": issuer,
            "authorization_endpoint": authorizationEndpoint,
            "token_endpoint": tokenEndpoint,
            "userinfo_endpoint": userinfoEndpoint,
            "jwks_uri": jwksURI,
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
            "authorization_response_iss_parameter_supported": true,
        ])
    }

    // MARK: Authorization endpoint

    private func authorize(_ request: Request) -> Response {
        guard let params = Self.parseForm(request.uri.query ?? "") else {
            return Self.page(.badRequest, "invalid_request: a parameter is repeated or badly encoded")
        }
        state.withLock { $0.authorizationRequests.append(params) }
        guard params["client_id"] == clientID else {
            return Self.page(.badRequest, "invalid_client: the OAuth client was not found")
        }
        // GitHub falls back to the registered callback; the OIDC providers require the parameter.
        let redirect = params["redirect_uri"] ?? (kind == .gitHub ? redirectURI : "")
        guard redirect == redirectURI else {
            return Self.page(.badRequest, "redirect_uri_mismatch: the redirect URI is not registered for this client")
        }
        let stateParameter = params["state"]
        let respond = { (parameters: [(String, String)]) -> Response in
            var items = parameters
            if let stateParameter { items.append(("state", stateParameter)) }
            if self.kind.isOIDC {
                let misbehaviours = self.misbehaviours
                if misbehaviours.contains(.wrongIssuerInRedirect) {
                    items.append(("iss", Self.otherIssuer))
                } else if !misbehaviours.contains(.omitIssuerInRedirect) {
                    items.append(("iss", self.issuer))
                }
            }
            let separator = self.redirectURI.contains("?") ? "&" : "?"
            var headers = HTTPFields()
            headers[.location] = self.redirectURI + separator + Self.formEncode(items)
            headers[.cacheControl] = "no-store"
            return Response(status: .found, headers: headers)
        }
        let fail = { (error: String, description: String) in
            respond([("error", error), ("error_description", description)])
        }
        if kind.isOIDC {
            guard params["response_type"] == "code" else {
                return fail("unsupported_response_type", "response_type must be code")
            }
            guard let scope = params["scope"], !scope.isEmpty else {
                return fail("invalid_request", "Missing required parameter: scope")
            }
        }
        let challenge = params["code_challenge"]
        if let challenge {
            guard params["code_challenge_method"] == "S256" else {
                return fail("invalid_request", "code_challenge_method must be S256")
            }
            guard challenge.utf8.count == 43, Base64URL.decode(challenge)?.count == 32 else {
                return fail("invalid_request", "code_challenge is not a base64url SHA-256 digest")
            }
        } else if requiresPKCE {
            return fail("invalid_request", "Missing required parameter: code_challenge")
        }
        let code = (kind == .google ? "4/0A" : "") + SecureRandom.token(byteCount: 24)
        self.state.withLock {
            $0.codes[code] = PendingCode(
                clientID: clientID, redirectURI: redirect, scope: params["scope"] ?? "", codeChallenge: challenge,
                nonce: params["nonce"], user: $0.user, expires: Date().addingTimeInterval(Self.codeLifetime),
                used: false, accessToken: nil)
        }
        return respond([("code", code)])
    }

    // MARK: Token endpoint

    private func token(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let contentType = request.headers[.contentType]
        let accept = request.headers[.accept]
        let isForm = contentType?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
        let parsed = isForm ? Self.parseForm(String(buffer: body)) : nil
        let form = parsed ?? [:]
        state.withLock {
            $0.tokenRequests.append(
                TokenRequest(
                    form: form, authorization: request.headers[.authorization], accept: accept,
                    contentType: contentType))
        }
        guard parsed != nil else {
            return tokenError(
                "invalid_request", "the body must be application/x-www-form-urlencoded without repeated parameters",
                accept: accept)
        }
        var client = (id: form["client_id"], secret: form["client_secret"])
        if let basic = Self.basicCredentials(request.headers[.authorization]) {
            guard client.secret == nil else {
                return tokenError("invalid_request", "use one client authentication method", accept: accept)
            }
            client = (basic.id, basic.secret)
        }
        guard client.id == clientID, let secret = client.secret, ConstantTime.equals(secret, clientSecret) else {
            return tokenError("invalid_client", "The OAuth client was not found.", accept: accept)
        }
        if kind.isOIDC {
            guard form["grant_type"] == "authorization_code" else {
                return tokenError("unsupported_grant_type", "grant_type must be authorization_code", accept: accept)
            }
        }
        let now = Date()
        let pending: PendingCode? = state.withLock { state in
            guard let code = form["code"], var pending = state.codes[code] else { return nil }
            if pending.used {
                // RFC 6749 §4.1.2: a replayed code revokes what it already issued.
                if let token = pending.accessToken { state.tokens[token] = nil }
                return nil
            }
            pending.used = true
            state.codes[code] = pending
            return pending.expires > now && pending.clientID == clientID ? pending : nil
        }
        guard var pending else {
            return tokenError("invalid_grant", "Malformed auth code.", accept: accept)
        }
        let redirect = form["redirect_uri"] ?? (kind == .gitHub ? pending.redirectURI : "")
        guard redirect == pending.redirectURI else {
            return tokenError(
                "redirect_uri_mismatch", "redirect_uri does not match the authorization request", accept: accept)
        }
        if let challenge = pending.codeChallenge {
            guard let verifier = form["code_verifier"], Self.isValidVerifier(verifier),
                ConstantTime.equals(Base64URL.encode(Digest.sha256(Array(verifier.utf8))), challenge)
            else { return tokenError("invalid_grant", "Invalid code verifier.", accept: accept) }
        }
        let accessToken = accessTokenPrefix + SecureRandom.token(byteCount: 30)
        pending.accessToken = accessToken
        state.withLock {
            $0.tokens[accessToken] = IssuedToken(user: pending.user, scope: pending.scope)
            if let code = form["code"] { $0.codes[code]?.accessToken = accessToken }
        }
        switch kind {
        case .gitHub:
            let scope = pending.scope.split(whereSeparator: { $0 == " " || $0 == "," }).joined(separator: ",")
            return gitHubTokenResponse(
                [("access_token", accessToken), ("scope", scope), ("token_type", "bearer")], accept: accept)
        case .google, .linkedIn:
            var response: [String: Any] = [
                "access_token": accessToken, "token_type": "Bearer", "scope": pending.scope,
                "expires_in": kind == .google ? 3599 : 5_183_999,
            ]
            if pending.scope.split(separator: " ").contains("openid") {
                response["id_token"] = idToken(for: pending, now: now)
            }
            return Self.json(response, headers: [HTTPField.Name("Pragma")!: "no-cache"])
        }
    }

    private var accessTokenPrefix: String {
        switch kind {
        case .google: "ya29.a0"
        case .linkedIn: "AQV"
        case .gitHub: "gho_"
        }
    }

    private struct IDTokenPayload: Encodable {
        enum Verified: Encodable {
            case bool(Bool)
            case string(String)

            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                switch self {
                case .bool(let value): try container.encode(value)
                case .string(let value): try container.encode(value)
                }
            }
        }

        var iss: String
        var azp: String?
        var aud: String
        var sub: String
        var email: String?
        var emailVerified: Verified?
        var nonce: String?
        var name: String?
        var givenName: String?
        var familyName: String?
        var picture: String?
        var locale: String?
        var iat: Int
        var exp: Int

        enum CodingKeys: String, CodingKey {
            case iss
            case azp
            case aud
            case sub
            case email
            case emailVerified = "email_verified"
            case nonce
            case name
            case givenName = "given_name"
            case familyName = "family_name"
            case picture
            case locale
            case iat
            case exp
        }
    }

    private func idToken(for pending: PendingCode, now: Date) -> String {
        let misbehaviours = self.misbehaviours
        let user = pending.user
        var issuedAt = Int(now.timeIntervalSince1970)
        if misbehaviours.contains(.expiredIDToken) { issuedAt -= 7200 }
        let audience = misbehaviours.contains(.wrongAudience) ? Self.otherClientID : pending.clientID
        var nonce = pending.nonce
        if misbehaviours.contains(.wrongNonce) { nonce = "not-the-nonce-you-sent" }
        if misbehaviours.contains(.omitNonce) { nonce = nil }
        // Google sends email_verified as a JSON boolean, LinkedIn as the string "true".
        let verified: IDTokenPayload.Verified? =
            user.email == nil
            ? nil : kind == .linkedIn ? .string(String(user.emailVerified)) : .bool(user.emailVerified)
        let payload = IDTokenPayload(
            iss: misbehaviours.contains(.wrongIssuer) ? Self.otherIssuer : issuer,
            azp: kind == .google ? audience : nil, aud: audience, sub: user.subject, email: user.email,
            emailVerified: verified, nonce: nonce, name: user.name, givenName: user.givenName,
            familyName: user.familyName, picture: user.picture, locale: kind == .linkedIn ? "en_US" : nil,
            iat: issuedAt, exp: issuedAt + 3600)
        let kid = misbehaviours.contains(.unknownKeyID) ? "unknown-kid" : signingKey.kid
        let signer = misbehaviours.contains(.signIDTokenWithOtherKey) ? RSASigningKey.other : signingKey
        return signer.signRS256(payload, kid: kid)
    }

    /// Errors in each provider's dialect: RFC 6749 §5.2 JSON with 400 (401 for the
    /// client) for Google and LinkedIn; GitHub answers 200 with its own error codes.
    private func tokenError(_ error: String, _ description: String, accept: String?) -> Response {
        guard kind == .gitHub else {
            let status: HTTPResponse.Status = error == "invalid_client" ? .unauthorized : .badRequest
            return Self.json(["error": error, "error_description": description], status: status)
        }
        let (code, text, anchor): (String, String, String) =
            switch error {
            case "invalid_client":
                (
                    "incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.",
                    "incorrect-client-credentials"
                )
            case "redirect_uri_mismatch":
                (
                    "redirect_uri_mismatch",
                    "The redirect_uri MUST match the registered callback URL for this application.",
                    "redirect-uri-mismatch"
                )
            case "invalid_grant":
                ("bad_verification_code", "The code passed is incorrect or expired.", "bad-verification-code")
            default: (error, description, "")
            }
        let uri =
            "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#"
            + anchor
        return gitHubTokenResponse([("error", code), ("error_description", text), ("error_uri", uri)], accept: accept)
    }

    /// GitHub answers form-encoded unless the client asked for JSON.
    private func gitHubTokenResponse(_ items: [(String, String)], accept: String?) -> Response {
        if accept?.lowercased().contains("application/json") ?? false {
            return Self.json(Dictionary(items, uniquingKeysWith: { first, _ in first }))
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(
            status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: Self.formEncode(items))))
    }

    // MARK: Resource endpoints

    private func bearerToken(_ request: Request, schemes: [String]) -> IssuedToken? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, schemes.contains(parts[0].lowercased()) else { return nil }
        let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        return state.withLock { $0.tokens[token] }
    }

    private func userinfo(_ request: Request) -> Response {
        guard let token = bearerToken(request, schemes: ["bearer"]) else {
            return Self.json(
                ["error": "invalid_token", "error_description": "Invalid Credentials"], status: .unauthorized,
                headers: [.wwwAuthenticate: #"Bearer error="invalid_token""#])
        }
        let user = token.user
        var claims: [String: Any] = ["sub": user.subject]
        claims["name"] = user.name
        claims["given_name"] = user.givenName
        claims["family_name"] = user.familyName
        claims["picture"] = user.picture
        if let email = user.email {
            claims["email"] = email
            claims["email_verified"] = user.emailVerified
        }
        if kind == .linkedIn { claims["locale"] = ["country": "US", "language": "en"] }
        return Self.json(claims)
    }

    private enum Access {
        case granted(IssuedToken)
        case denied(Response)
    }

    /// api.github.com refuses requests without a User-Agent (403), and unknown tokens (401).
    private func gitHubAuthorize(_ request: Request) -> Access {
        guard let agent = request.headers[.userAgent], !agent.isEmpty else {
            return .denied(
                Self.plain(
                    .forbidden,
                    "Request forbidden by administrative rules. Please make sure your request has a User-Agent header "
                        + "(https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). "
                        + "Check https://developer.github.com for other possible causes."))
        }
        guard let token = bearerToken(request, schemes: ["bearer", "token"]) else {
            return .denied(
                Self.json(
                    [
                        "message": "Bad credentials", "documentation_url": "https://docs.github.com/rest",
                        "status": "401",
                    ],
                    status: .unauthorized))
        }
        return .granted(token)
    }

    private func gitHubUser(_ request: Request) -> Response {
        let token: IssuedToken
        switch gitHubAuthorize(request) {
        case .granted(let issued): token = issued
        case .denied(let response): return response
        }
        let user = token.user
        let object: [String: Any] = [
            "login": user.login, "id": user.gitHubID, "node_id": "MDQ6VXNlcj" + user.subject,
            "avatar_url": user.picture ?? "https://avatars.githubusercontent.com/u/\(user.gitHubID)?v=4",
            "html_url": "https://github.com/\(user.login)", "type": "User", "site_admin": false,
            "name": user.name ?? NSNull(), "email": (user.emailIsPublic ? user.email : nil) ?? NSNull(),
            "created_at": "2011-01-25T18:44:36Z",
        ]
        return Self.json(object, headers: gitHubScopeHeaders(token, accepted: ""))
    }

    private func gitHubEmails(_ request: Request) -> Response {
        let token: IssuedToken
        switch gitHubAuthorize(request) {
        case .granted(let issued): token = issued
        case .denied(let response): return response
        }
        let scopes = token.scope.split(whereSeparator: { $0 == " " || $0 == "," })
        guard scopes.contains("user:email") || scopes.contains("user") else {
            return Self.json(
                [
                    "message": "Not Found",
                    "documentation_url":
                        "https://docs.github.com/rest/users/emails#list-email-addresses-for-the-authenticated-user",
                    "status": "404",
                ], status: .notFound, headers: gitHubScopeHeaders(token, accepted: "user, user:email"))
        }
        let user = token.user
        let emails: [[String: Any]] =
            user.email.map { email in
                [
                    "email": email, "primary": true, "verified": user.emailVerified,
                    "visibility": user.emailIsPublic ? "public" : "private",
                ]
            }.map { [$0] } ?? []
        return Self.json(emails, headers: gitHubScopeHeaders(token, accepted: "user, user:email"))
    }

    private func gitHubScopeHeaders(_ token: IssuedToken, accepted: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[HTTPField.Name("X-OAuth-Scopes")!] =
            token.scope.split(whereSeparator: { $0 == " " || $0 == "," }).joined(separator: ", ")
        headers[HTTPField.Name("X-Accepted-OAuth-Scopes")!] = accepted
        return headers
    }

    // MARK: - Encoding helpers

    private static func json(
        _ object: Any, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]
    ) -> Response {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        var headers = extra
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    private static func page(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        let html = "<!doctype html><title>Error</title><h1>\(status.code) \(status.reasonPhrase)</h1><p>\(message)</p>"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// `application/x-www-form-urlencoded` (also used for query strings); `nil` when a
    /// parameter repeats (RFC 6749 §3.1) or is badly encoded.
    static func parseForm(_ text: String) -> [String: String]? {
        var result = [String: String]()
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decodeComponent(parts[0]),
                let value = parts.count == 2 ? decodeComponent(parts[1]) : ""
            else { return nil }
            guard result[name] == nil else { return nil }
            result[name] = value
        }
        return result
    }

    private static func decodeComponent(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    static func formEncode(_ items: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<"\u{80}"))
        allowed.insert(charactersIn: "-._~")
        return items.map { name, value in
            let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
            return encode(name) + "=" + encode(value)
        }.joined(separator: "&")
    }

    /// RFC 6749 §2.3.1: `Basic base64(urlencode(id):urlencode(secret))`.
    private static func basicCredentials(_ header: String?) -> (id: String, secret: String)? {
        guard let header, header.lowercased().hasPrefix("basic ") else { return nil }
        guard let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let decoded = String(data: data, encoding: .utf8)
        else { return nil }
        let parts = decoded.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let id = decodeComponent(parts[0]), let secret = decodeComponent(parts[1]) else {
            return nil
        }
        return (id, secret)
    }

    /// RFC 7636 §4.1: 43 to 128 unreserved characters.
    private static func isValidVerifier(_ verifier: String) -> Bool {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        return (43...128).contains(verifier.utf8.count) && verifier.utf8.allSatisfy(unreserved.contains)
    }
}
