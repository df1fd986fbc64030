import CurlHTTP
import Foundation
import Security
import ServiceKit
import Synchronization
import TestSupport
import Testing

@testable import Gateway

/// OAuth 2.0 login driven end to end: a real gateway, real PostgreSQL and Redis, and
/// wire-faithful fake providers. There is no browser: each test follows the 302s by
/// hand and carries the browser-binding cookie itself.
@Suite("gateway: OAuth login")
struct OAuthTests {
    // MARK: - Happy path

    @Test(
        "login with each provider lands on the requested path with a working session",
        arguments: OAuthTestProvider.allCases)
    func fullLogin(provider: OAuthTestProvider) async throws {
        try await OAuthWorld.run { world in
            let fake = world.fake(provider)
            let user = FakeOAuthProvider.User.unique(for: provider)
            fake.user = user
            let (trip, reply) = try await world.login(provider, redirect: "/profile")
            #expect(reply.status == 302, "\(reply.text)")
            #expect(reply.header("location") == "/profile")
            let cookies = reply.cookies
            #expect(cookies["cg_access"]?.isEmpty == false)
            #expect(cookies["cg_refresh"]?.isEmpty == false)
            #expect(cookies["cg_csrf"]?.isEmpty == false)
            // The one-use binding cookie is cleared once it has done its job.
            #expect(cookies["cg_oauth"] == "")
            #expect(trip.binding.isEmpty == false)

            let me = try await world.me(reply)
            #expect(me.identities.map(\.provider) == [provider.rawValue])
            #expect(me.identities.first?.subject == user.subject)
            #expect(me.identities.first?.email == user.email)
            // A verified provider address that no other account uses becomes the account's.
            #expect(me.email == user.email)
            #expect(me.displayName == "Ada Lovelace")
            #expect(me.hasPassword == false)
        }
    }

    @Test("without a redirect parameter the login lands on /")
    func defaultRedirect() async throws {
        try await OAuthWorld.run { world in
            world.google.user = .unique(for: .google)
            let (_, reply) = try await world.login(.google, redirect: nil)
            #expect(reply.status == 302)
            #expect(reply.header("location") == "/")
        }
    }

    // MARK: - PKCE, nonce, state

    @Test("security: every login uses PKCE S256; OIDC logins carry a nonce, GitHub's do not")
    func pkceAndNonce() async throws {
        try await OAuthWorld.run { world in
            for provider in OAuthTestProvider.allCases {
                let fake = world.fake(provider)
                fake.user = .unique(for: provider)
                let (trip, reply) = try await world.login(provider)
                #expect(reply.status == 302, "\(provider): \(reply.text)")
                let query = trip.authorizeQuery
                #expect(trip.authorizeURL.hasPrefix(fake.authorizationEndpoint + "?"), "\(provider)")
                #expect(query["response_type"] == "code", "\(provider)")
                #expect(query["client_id"] == fake.clientID, "\(provider)")
                #expect(query["redirect_uri"] == world.redirectURI(provider), "\(provider)")
                #expect(query["code_challenge_method"] == "S256", "\(provider)")
                #expect((query["state"]?.utf8.count ?? 0) >= 32, "\(provider)")
                let challenge = try #require(query["code_challenge"], "\(provider)")
                if provider.isOIDC {
                    #expect((query["nonce"]?.utf8.count ?? 0) >= 32, "\(provider)")
                    #expect(query["scope"]?.split(separator: " ").contains("openid") == true, "\(provider)")
                } else {
                    #expect(query["nonce"] == nil, "\(provider)")
                }

                let token = try #require(fake.tokenRequests.last, "\(provider)")
                let verifier = try #require(token.codeVerifier, "\(provider)")
                #expect(verifier != challenge, "\(provider)")
                #expect(Base64URL.encode(Digest.sha256(Array(verifier.utf8))) == challenge, "\(provider)")
                #expect(token.form["redirect_uri"] == world.redirectURI(provider), "\(provider)")
                #expect(token.form["grant_type"] == "authorization_code", "\(provider)")
                #expect(token.form["client_secret"] == fake.clientSecret, "\(provider)")

                // Fresh secrets for every login.
                let again = try await world.begin(provider)
                for name in ["state", "code_challenge", "nonce"] where query[name] != nil {
                    #expect(again.authorizeQuery[name] != query[name], "\(provider) \(name)")
                }
                #expect(again.binding != trip.binding, "\(provider)")
            }
        }
    }

    @Test("security: start sets an HttpOnly, Lax, ten-minute binding cookie")
    func bindingCookie() async throws {
        try await OAuthWorld.run { world in
            let start = try await world.gateway.send("GET", "/api/v1/auth/oauth/google/start?redirect=/dashboard")
            #expect(start.status == 302)
            let line = try #require(start.headers("set-cookie").first { $0.hasPrefix("cg_oauth=") })
            #expect(line.contains("HttpOnly") && line.contains("SameSite=Lax") && line.contains("Path=/"))
            #expect(line.contains("Max-Age=600"))
            #expect(start.cookies["cg_access"] == nil)
        }
    }

    @Test("security: a missing, unknown, reused or other-browser state is refused before the code is redeemed")
    func stateChecks() async throws {
        try await OAuthWorld.run { world in
            let google = world.google
            google.user = .unique(for: .google)

            // Missing state.
            let first = try await world.begin(.google)
            let stateless = try await world.finish(first, path: first.callbackPath.removingQuery("state"))
            expectRejected(stateless, "missing state", because: "has no state")
            let empty = try await world.finish(first, path: first.callbackPath.settingQuery("state", ""))
            expectRejected(empty, "empty state", because: "has no state")

            // A state this gateway never issued.
            let unknown = try await world.finish(
                first, path: first.callbackPath.settingQuery("state", SecureRandom.token(byteCount: 32)))
            expectRejected(unknown, "unknown state", because: "unknown, expired or already used")

            // Another browser: no binding cookie, or the binding cookie of another login.
            let stolen = try await world.begin(.google)
            expectRejected(
                try await world.finish(stolen, binding: .none), "no binding cookie", because: "another browser")
            let victim = try await world.begin(.google)
            let attacker = try await world.begin(.google)
            expectRejected(
                try await world.finish(victim, binding: .other(attacker.binding)), "another login's binding cookie",
                because: "another browser")
            let forged = try await world.begin(.google)
            expectRejected(
                try await world.finish(forged, binding: .other(SecureRandom.token(byteCount: 32))),
                "forged binding cookie", because: "another browser")

            #expect(google.tokenRequests.isEmpty, "no rejected callback may redeem its code")

            // The attacker's own login is unaffected, and the missing-state attempt did not burn the first.
            #expect(try await world.finish(attacker).status == 302)
            #expect(try await world.finish(first).status == 302)

            // Replaying a callback that succeeded.
            let replayed = try await world.begin(.google)
            let success = try await world.finish(replayed)
            #expect(success.status == 302)
            let redeemed = google.tokenRequests.count
            expectRejected(
                try await world.finish(replayed), "replayed callback", because: "unknown, expired or already used")
            #expect(google.tokenRequests.count == redeemed, "a replayed state must not redeem the code again")
        }
    }

    @Test("security: a provider's error answer fails the login")
    func providerError() async throws {
        try await OAuthWorld.run { world in
            let trip = try await world.begin(.google)
            let denied = trip.callbackPath.removingQuery("code").settingQuery("error", "access_denied")
            expectRejected(
                try await world.finish(trip, path: denied), "access_denied", because: "did not authorise")
            // The callback without a code, too.
            let other = try await world.begin(.google)
            expectRejected(
                try await world.finish(other, path: other.callbackPath.removingQuery("code")), "missing code",
                because: "no authorization code")
            #expect(world.google.tokenRequests.isEmpty)
        }
    }

    // MARK: - Mix-up

    @Test("security: a state issued for one provider is refused at another provider's callback")
    func mixUpByState() async throws {
        try await OAuthWorld.run { world in
            for target in [OAuthTestProvider.gitHub, .linkedIn] {
                let trip = try await world.begin(.google)
                let path = trip.callbackPath.replacingOccurrences(
                    of: "/oauth/google/callback", with: "/oauth/\(target.rawValue)/callback")
                #expect(path.contains(target.rawValue))
                expectRejected(
                    try await world.finish(trip, path: path), "google state at \(target)",
                    because: "was issued for google")
                #expect(world.fake(target).tokenRequests.isEmpty, "\(target)")
            }
            let trip = try await world.begin(.gitHub)
            expectRejected(
                try await world.finish(
                    trip,
                    path: trip.callbackPath.replacingOccurrences(of: "/oauth/github/", with: "/oauth/google/")),
                "github state at google", because: "was issued for github")
            #expect(world.google.tokenRequests.isEmpty)
            #expect(world.gitHub.tokenRequests.isEmpty)
            #expect(world.linkedIn.tokenRequests.isEmpty)
        }
    }

    @Test("security: an iss parameter naming another issuer is refused (RFC 9207)")
    func mixUpByIssuer() async throws {
        try await OAuthWorld.run { world in
            for provider in [OAuthTestProvider.google, .linkedIn] {
                let fake = world.fake(provider)
                fake.misbehaviours = [.wrongIssuerInRedirect]
                let trip = try await world.begin(provider)
                #expect(trip.callbackQuery["iss"] == FakeOAuthProvider.otherIssuer)
                expectRejected(
                    try await world.finish(trip), "\(provider): evil iss",
                    because: "came from \(FakeOAuthProvider.otherIssuer)")
                fake.misbehaviours = []

                // The other real provider's issuer is just as wrong.
                let other = world.fake(provider == .google ? .linkedIn : .google)
                let swapped = try await world.begin(provider)
                #expect(swapped.callbackQuery["iss"] == fake.issuer)
                expectRejected(
                    try await world.finish(swapped, path: swapped.callbackPath.settingQuery("iss", other.issuer)),
                    "\(provider): \(other.kind) iss", because: "came from \(other.issuer)")
                #expect(fake.tokenRequests.isEmpty, "\(provider)")
            }
        }
    }

    // MARK: - ID tokens

    @Test(
        "security: bad ID tokens fail the login without a session",
        arguments: [
            FakeOAuthProvider.Misbehaviour.wrongNonce, .omitNonce, .wrongIssuer, .wrongAudience, .expiredIDToken,
            .signIDTokenWithOtherKey, .unknownKeyID,
        ])
    func badIDTokens(misbehaviour: FakeOAuthProvider.Misbehaviour) async throws {
        try await OAuthWorld.run { world in
            for provider in [OAuthTestProvider.google, .linkedIn] {
                let fake = world.fake(provider)
                fake.user = .unique(for: provider)
                fake.misbehaviours = [misbehaviour]
                let (_, reply) = try await world.login(provider)
                expectRejected(reply, "\(provider) \(misbehaviour)", because: misbehaviour.expectedReason)
                #expect(fake.tokenRequests.count == 1, "\(provider): the code was redeemed, the token refused")
                // The same user logs in once the provider behaves.
                fake.misbehaviours = []
                let (_, good) = try await world.login(provider)
                #expect(good.status == 302, "\(provider) \(misbehaviour): \(good.text)")
                #expect(try await world.me(good).identities.first?.subject == fake.user.subject)
            }
        }
    }

    @Test("a provider that cannot be reached fails the login with 502, not 500")
    func unreachableProvider() async throws {
        let nowhere = "http://127.0.0.1:\(FreePort.find())"
        let extra = [
            "OAUTH_GOOGLE_TOKEN_URL": nowhere + "/token", "OAUTH_LINKEDIN_JWKS_URL": nowhere + "/jwks",
            "OAUTH_GITHUB_API_URL": nowhere,
        ]
        try await OAuthWorld.run(extra: extra) { world in
            for provider in OAuthTestProvider.allCases {
                world.fake(provider).user = .unique(for: provider)
                let (_, reply) = try await world.login(provider)
                #expect(reply.status == 502, "\(provider): \(reply.text)")
                #expect(reply.header("content-type") == "application/problem+json", "\(provider)")
                #expect(reply.cookies["cg_access"] == nil, "\(provider)")
            }
        }
    }

    // MARK: - Identity linking

    @Test("security: identities are keyed by (provider, subject), never by e-mail")
    func identityKeying() async throws {
        try await OAuthWorld.run { world in
            let google = world.google
            let email = "\(UUID().uuidString.lowercased())@example.com"

            // Two Google users with one address: two accounts; the second does not get the address.
            google.user = .init(subject: "g-\(UUID())", email: email)
            let first = try await world.me(try await world.login(.google).reply)
            #expect(first.email == email)
            google.user = .init(subject: "g-\(UUID())", email: email)
            let second = try await world.me(try await world.login(.google).reply)
            #expect(second.id != first.id)
            #expect(second.email == nil)
            #expect(second.identities.first?.email == email)

            // The first user changes address at Google: still the same account.
            let changed = "\(UUID().uuidString.lowercased())@example.com"
            google.user = .init(subject: first.identities[0].subject, email: changed)
            let again = try await world.me(try await world.login(.google).reply)
            #expect(again.id == first.id)
            #expect(again.identities.count == 1)
            #expect(again.identities.first?.email == changed)

            // One subject string at three providers: three accounts.
            let number = String(Int.random(in: 1_000_000_000...9_999_999_999))
            var ids: Set<String> = []
            for provider in OAuthTestProvider.allCases {
                world.fake(provider).user = .init(subject: number, email: nil)
                let me = try await world.me(try await world.login(provider).reply)
                #expect(me.identities.map(\.provider) == [provider.rawValue])
                ids.insert(me.id)
            }
            #expect(ids.count == 3)

            // An unverified address is not copied to the account.
            let unverified = "\(UUID().uuidString.lowercased())@example.com"
            world.gitHub.user = .init(
                subject: String(Int.random(in: 1_000_000_000...9_999_999_999)), email: unverified,
                emailVerified: false)
            let unverifiedMe = try await world.me(try await world.login(.gitHub).reply)
            #expect(unverifiedMe.email == nil)
        }
    }

    @Test("first logins racing each other: one account per identity, one owner per e-mail")
    func concurrentFirstLogin() async throws {
        try await OAuthWorld.run { world in
            for provider in OAuthTestProvider.allCases {
                for _ in 0..<3 {
                    world.fake(provider).user = .unique(for: provider)
                    let trips = [try await world.begin(provider), try await world.begin(provider)]
                    let replies = try await withThrowingTaskGroup(of: GatewayHarness.Reply.self) { group in
                        for trip in trips { group.addTask { try await world.finish(trip) } }
                        return try await group.reduce(into: []) { $0.append($1) }
                    }
                    #expect(replies.map(\.status) == [302, 302], "\(provider): \(replies.map(\.text))")
                    let ids = Set(try await replies.asyncMap { try await world.me($0).id })
                    #expect(ids.count == 1, "\(provider)")
                }
            }
            // Two new users with one verified address at once: two accounts, and only one gets the address.
            let email = "\(UUID().uuidString.lowercased())@example.com"
            let trips = try await OAuthTestProvider.allCases.asyncMap { provider in
                var user = FakeOAuthProvider.User.unique(for: provider)
                user.email = email
                world.fake(provider).user = user
                return try await world.begin(provider)
            }
            let replies = try await withThrowingTaskGroup(of: GatewayHarness.Reply.self) { group in
                for trip in trips { group.addTask { try await world.finish(trip) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.status == 302 }, "\(replies.map(\.text))")
            let accounts = try await replies.asyncMap { try await world.me($0) }
            #expect(Set(accounts.map(\.id)).count == 3)
            #expect(accounts.filter { $0.email == email }.count == 1)
        }
    }

    @Test("security: an OAuth login with a password account's e-mail gets its own account")
    func noLinkToPasswordAccount() async throws {
        try await OAuthWorld.run { world in
            let session = try await world.gateway.register()
            for provider in OAuthTestProvider.allCases {
                var user = FakeOAuthProvider.User.unique(for: provider)
                user.email = session.email.uppercased()
                world.fake(provider).user = user
                let (_, reply) = try await world.login(provider)
                #expect(reply.status == 302, "\(provider): \(reply.text)")
                let me = try await world.me(reply)
                #expect(me.id != session.userId, "\(provider)")
                #expect(me.email == nil, "\(provider)")
                #expect(me.hasPassword == false, "\(provider)")
            }
            let passwordMe = try await world.gateway.send("GET", "/api/v1/me", headers: [session.bearer])
            #expect(passwordMe.status == 200)
            #expect((try passwordMe.json()["identities"] as? [Any])?.isEmpty == true)
        }
    }

    // MARK: - Configuration and start

    @Test("a provider without a client id is reported disabled and cannot be started")
    func disabledProvider() async throws {
        try await OAuthWorld.run(enabled: [.google, .gitHub]) { world in
            let reply = try await world.gateway.send("GET", "/api/v1/auth/oauth/providers")
            #expect(reply.status == 200)
            let list = try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [[String: Any]])
            let byName = Dictionary(uniqueKeysWithValues: list.map { (($0["name"] as? String) ?? "", $0) })
            #expect(Set(byName.keys) == ["google", "github", "linkedin"])
            #expect(byName["google"]?["enabled"] as? Bool == true)
            #expect(byName["google"]?["startUrl"] as? String == "/api/v1/auth/oauth/google/start")
            #expect(byName["github"]?["enabled"] as? Bool == true)
            #expect(byName["linkedin"]?["enabled"] as? Bool == false)
            #expect(byName["linkedin"]?["startUrl"] as? String == nil)

            for path in ["start?redirect=/dashboard", "callback?code=abc&state=def"] {
                let disabled = try await world.gateway.send("GET", "/api/v1/auth/oauth/linkedin/\(path)")
                #expect(disabled.status == 404, "\(path)")
                #expect(disabled.header("content-type") == "application/problem+json", "\(path)")
                #expect((try disabled.json()["detail"] as? String)?.contains("not enabled") == true, "\(path)")
                #expect(disabled.header("location") == nil)
                #expect(disabled.cookies["cg_oauth"] == nil)
            }
            let unknown = try await world.gateway.send("GET", "/api/v1/auth/oauth/facebook/start")
            #expect(unknown.status == 404)
            #expect(unknown.header("content-type") == "application/problem+json")
        }
        // With no provider configured at all, none is enabled.
        try await GatewayHarness.run { gateway in
            let reply = try await gateway.send("GET", "/api/v1/auth/oauth/providers")
            let list = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [[String: Any]]
            #expect(list?.count == 3)
            #expect(list?.allSatisfy { $0["enabled"] as? Bool == false } == true)
        }
    }

    @Test("security: a redirect that is not an allowlisted local path is refused at start")
    func redirectAllowlist() async throws {
        try await OAuthWorld.run { world in
            let bad = [
                "https://evil.example/", "//evil.example", "/\\evil.example", "https:evil.example", "/dashboard/",
                "/dashboard?next=//evil.example", "dashboard", "", "/%2F/evil.example", "/dashboard#x", "/DASHBOARD",
            ]
            for encoded in bad.map(\.formEscaped) + ["https://evil.example/", "//evil.example"] {
                let reply = try await world.gateway.send("GET", "/api/v1/auth/oauth/google/start?redirect=\(encoded)")
                #expect(reply.status == 400, "\(encoded)")
                #expect(reply.header("content-type") == "application/problem+json", "\(encoded)")
                #expect(reply.header("location") == nil, "\(encoded)")
                #expect(reply.cookies["cg_oauth"] == nil, "\(encoded)")
            }
            #expect(world.google.authorizationRequests.isEmpty)
        }
    }
}

/// A refused callback: 400 problem+json, no session, no redirect.
private func expectRejected(
    _ reply: GatewayHarness.Reply, _ what: String, because reason: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(reply.status == 400, "\(what): HTTP \(reply.status) \(reply.text)", sourceLocation: sourceLocation)
    #expect(
        reply.header("content-type") == "application/problem+json", "\(what)", sourceLocation: sourceLocation)
    #expect(reply.cookies["cg_access"] == nil, "\(what)", sourceLocation: sourceLocation)
    #expect(reply.cookies["cg_refresh"] == nil, "\(what)", sourceLocation: sourceLocation)
    #expect(reply.header("location") == nil, "\(what)", sourceLocation: sourceLocation)
    // The refusal names the defence that fired, so each test proves it reached the check it is about.
    let detail = (try? reply.json()["detail"] as? String) ?? ""
    #expect(detail.contains(reason), "\(what): \(detail)", sourceLocation: sourceLocation)
}

extension FakeOAuthProvider.Misbehaviour {
    /// What the gateway's refusal says about an ID token with this defect.
    fileprivate var expectedReason: String {
        switch self {
        case .wrongNonce: "nonce does not match"
        case .omitNonce: "nonce is required"
        case .wrongIssuer: "iss \(FakeOAuthProvider.otherIssuer) is not"
        case .wrongAudience: "aud does not contain"
        case .expiredIDToken: "token expired"
        case .signIDTokenWithOtherKey: "signature does not match"
        case .unknownKeyID: "no RS256 key with kid unknown-kid"
        case .omitIssuerInRedirect, .wrongIssuerInRedirect: "(not an ID token defect)"
        }
    }
}

/// The providers as the gateway names them in its routes.
enum OAuthTestProvider: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case google
    case gitHub = "github"
    case linkedIn = "linkedin"

    var kind: FakeOAuthProvider.Kind {
        switch self {
        case .google: .google
        case .gitHub: .gitHub
        case .linkedIn: .linkedIn
        }
    }

    var isOIDC: Bool { kind.isOIDC }

    var testDescription: String { rawValue }
}

extension FakeOAuthProvider.User {
    /// A user no other test logs in as (GitHub subjects are numbers).
    fileprivate static func unique(for provider: OAuthTestProvider) -> Self {
        let subject =
            provider == .gitHub ? String(Int.random(in: 1_000_000_000...9_999_999_999)) : "sub-\(UUID().uuidString)"
        return .init(subject: subject, email: "\(UUID().uuidString.lowercased())@example.com")
    }
}

/// A gateway with all three fake providers configured (or some of them).
struct OAuthWorld: Sendable {
    let gateway: GatewayHarness
    let google: FakeOAuthProvider
    let gitHub: FakeOAuthProvider
    let linkedIn: FakeOAuthProvider

    func fake(_ provider: OAuthTestProvider) -> FakeOAuthProvider {
        switch provider {
        case .google: google
        case .gitHub: gitHub
        case .linkedIn: linkedIn
        }
    }

    func redirectURI(_ provider: OAuthTestProvider) -> String {
        gateway.baseURL + "/api/v1/auth/oauth/\(provider.rawValue)/callback"
    }

    /// Starts the fakes, then a gateway on a pre-picked port (the fakes must know its
    /// redirect URIs) pointed at the `enabled` ones.
    ///
    /// A port picked free can be taken by someone else (a parallel test) before it is
    /// bound, so a world that fails before `body` starts is built again on new ports.
    static func run(
        enabled: Set<OAuthTestProvider> = Set(OAuthTestProvider.allCases), extra overrides: [String: String] = [:],
        _ body: @Sendable (OAuthWorld) async throws -> Void
    ) async throws {
        let started = StartedFlag()
        for attempt in 1... {
            do {
                try await run(port: FreePort.find(), enabled: enabled, overrides: overrides, started: started, body)
                return
            } catch {
                guard !started.isSet && attempt < 4 else { throw error }
            }
        }
    }

    private final class StartedFlag: Sendable {
        private let flag = Mutex(false)
        var isSet: Bool { flag.withLock { $0 } }
        func set() { flag.withLock { $0 = true } }
    }

    private struct PortTaken: Error {}

    private static func run(
        port: Int, enabled: Set<OAuthTestProvider>, overrides: [String: String], started: StartedFlag,
        _ body: @Sendable (OAuthWorld) async throws -> Void
    ) async throws {
        let base = "http://127.0.0.1:\(port)"
        func redirect(_ provider: OAuthTestProvider) -> String {
            base + "/api/v1/auth/oauth/\(provider.rawValue)/callback"
        }
        func fake<T>(_ provider: OAuthTestProvider, _ body: (FakeOAuthProvider) async throws -> T) async throws -> T {
            try await FakeOAuthProvider.run(
                kind: provider.kind, clientID: "\(provider.rawValue)-client-id",
                clientSecret: "\(provider.rawValue)-client-secret", redirectURI: redirect(provider), body)
        }
        try await fake(.google) { google in
            try await fake(.gitHub) { gitHub in
                try await fake(.linkedIn) { linkedIn in
                    let fakes = [google, gitHub, linkedIn]
                    // A fake on the gateway's port would answer its health check for it.
                    guard !fakes.contains(where: { $0.baseURL == base }) else { throw PortTaken() }
                    var extra = ["PORT": String(port), "PUBLIC_BASE_URL": base]
                    for provider in enabled {
                        let fake = fakes.first { $0.kind == provider.kind }!
                        let prefix = "OAUTH_\(provider.rawValue.uppercased())_"
                        extra[prefix + "CLIENT_ID"] = fake.clientID
                        extra[prefix + "CLIENT_SECRET"] = fake.clientSecret
                        extra[prefix + "AUTHORIZE_URL"] = fake.authorizationEndpoint
                        extra[prefix + "TOKEN_URL"] = fake.tokenEndpoint
                        if provider.isOIDC {
                            extra[prefix + "ISSUER"] = fake.issuer
                            extra[prefix + "JWKS_URL"] = fake.jwksURI
                        } else {
                            extra[prefix + "API_URL"] = fake.baseURL
                        }
                    }
                    extra.merge(overrides) { $1 }
                    try await GatewayHarness.run(extra: extra) { gateway in
                        started.set()
                        #expect(gateway.baseURL == base)
                        try await body(OAuthWorld(gateway: gateway, google: google, gitHub: gitHub, linkedIn: linkedIn))
                    }
                }
            }
        }
    }

    /// One browser's login, up to the provider's redirect back to the gateway.
    struct Trip: Sendable {
        var provider: OAuthTestProvider
        /// Where the gateway's start sent the browser.
        var authorizeURL: String
        var authorizeQuery: [String: String]
        /// The `cg_oauth` cookie start set.
        var binding: String
        /// Where the provider sent the browser back: a gateway path with its query.
        var callbackPath: String

        var callbackQuery: [String: String] { callbackPath.queryItems }
    }

    /// Calls start, then the provider's authorization endpoint (the user consents).
    func begin(_ provider: OAuthTestProvider, redirect: String? = "/dashboard") async throws -> Trip {
        let query = redirect.map { "?redirect=\($0)" } ?? ""
        let start = try await gateway.send("GET", "/api/v1/auth/oauth/\(provider.rawValue)/start\(query)")
        #expect(start.status == 302, "\(provider) start: \(start.text)")
        let location = try #require(start.header("location"), "\(provider) start has no Location")
        let binding = try #require(start.cookies["cg_oauth"], "\(provider) start set no binding cookie")
        let (response, body) = try await gateway.http.data(
            for: CurlRequest(url: location, timeouts: .init(connect: .seconds(2), total: .seconds(10))))
        let page = String(decoding: body, as: UTF8.self)
        #expect(response.status == 302, "\(provider) authorize: \(page)")
        let back = try #require(response.header("location"), "\(provider) authorize has no Location: \(page)")
        #expect(back.hasPrefix(redirectURI(provider) + "?"), "\(back)")
        return Trip(
            provider: provider, authorizeURL: location, authorizeQuery: location.queryItems, binding: binding,
            callbackPath: String(back.dropFirst(gateway.baseURL.count)))
    }

    /// Which binding cookie the callback carries.
    enum Binding {
        /// The one start set: the browser that started the login.
        case own
        /// None: another browser.
        case none
        case other(String)
    }

    /// Sends the callback (by default as the browser that started the trip).
    func finish(_ trip: Trip, path: String? = nil, binding: Binding = .own) async throws -> GatewayHarness.Reply {
        let cookie: String? =
            switch binding {
            case .own: trip.binding
            case .none: nil
            case .other(let value): value
            }
        return try await gateway.send(
            "GET", path ?? trip.callbackPath, headers: cookie.map { [("Cookie", "cg_oauth=\($0)")] } ?? [])
    }

    func login(
        _ provider: OAuthTestProvider, redirect: String? = "/dashboard"
    ) async throws -> (
        trip: Trip, reply: GatewayHarness.Reply
    ) {
        let trip = try await begin(provider, redirect: redirect)
        return (trip, try await finish(trip))
    }

    struct Me: Sendable {
        struct Identity: Sendable {
            var provider: String
            var subject: String
            var email: String?
        }
        var id: String
        var email: String?
        var displayName: String?
        var hasPassword: Bool?
        var identities: [Identity]
    }

    /// `GET /api/v1/me` with the session cookie an OAuth callback set.
    func me(_ callback: GatewayHarness.Reply) async throws -> Me {
        let access = try #require(callback.cookies["cg_access"], "no session: HTTP \(callback.status) \(callback.text)")
        let reply = try await gateway.send("GET", "/api/v1/me", headers: [("Cookie", "cg_access=\(access)")])
        try #require(reply.status == 200, "\(reply.text)")
        let json = try reply.json()
        let user = try #require(json["user"] as? [String: Any])
        let identities = (json["identities"] as? [[String: Any]] ?? []).map {
            Me.Identity(
                provider: $0["provider"] as? String ?? "", subject: $0["subject"] as? String ?? "",
                email: $0["email"] as? String)
        }
        return Me(
            id: try #require(user["id"] as? String), email: user["email"] as? String,
            displayName: user["displayName"] as? String, hasPassword: user["hasPassword"] as? Bool,
            identities: identities)
    }
}

extension String {
    /// The path (or URL) before `?`, and its query decoded as a form (`+` is a space), in order.
    fileprivate var splitQuery: (base: String, items: [(name: String, value: String)]) {
        let halves = split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let items = (halves.count == 2 ? halves[1] : "").split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (name: parts[0], value: parts.count == 2 ? parts[1] : "")
        }
        return (String(halves[0]), items)
    }

    /// The decoded query (the last value of a repeated name wins).
    fileprivate var queryItems: [String: String] {
        Dictionary(splitQuery.items.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
    }

    fileprivate func settingQuery(_ name: String, _ value: String) -> String {
        let (base, items) = splitQuery
        return Self.join(base, items.filter { $0.name != name } + [(name, value)])
    }

    fileprivate func removingQuery(_ name: String) -> String {
        let (base, items) = splitQuery
        return Self.join(base, items.filter { $0.name != name })
    }

    private static func join(_ base: String, _ items: [(name: String, value: String)]) -> String {
        base + "?" + items.map { "\($0.name.formEscaped)=\($0.value.formEscaped)" }.joined(separator: "&")
    }

    /// Percent-encodes everything but unreserved characters.
    fileprivate var formEscaped: String {
        addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "-._~").union(.alphanumerics)) ?? ""
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
