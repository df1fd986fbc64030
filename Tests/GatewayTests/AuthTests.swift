import Foundation
import Security
import ServiceKit
import TestSupport
import Testing

@testable import Gateway

@Suite("gateway: accounts and sessions")
struct AuthTests {
    @Test("register, login, me, refresh and logout round trip")
    func roundTrip() async throws {
        try await GatewayHarness.run { gateway in
            let session = try await gateway.register()
            #expect(!session.accessToken.isEmpty && !session.refreshToken.isEmpty)

            let me = try await gateway.send("GET", "/api/v1/me", headers: [session.bearer])
            #expect(me.status == 200)
            #expect((try me.json()["user"] as? [String: Any])?["email"] as? String == session.email)

            let login = try await gateway.send(
                "POST", "/api/v1/auth/login", json: ["email": session.email.uppercased(), "password": session.password])
            #expect(login.status == 200)
            let second = try GatewayHarness.Session(reply: login, email: session.email, password: session.password)

            let refreshed = try await gateway.send(
                "POST", "/api/v1/auth/refresh", json: ["refreshToken": second.refreshToken])
            #expect(refreshed.status == 200)
            let third = try GatewayHarness.Session(reply: refreshed, email: session.email, password: session.password)
            #expect(third.refreshToken != second.refreshToken)
            #expect(try await gateway.send("GET", "/api/v1/me", headers: [third.bearer]).status == 200)

            let logout = try await gateway.send(
                "POST", "/api/v1/auth/logout", headers: [third.bearer], json: ["refreshToken": third.refreshToken])
            #expect(logout.status == 204)
            // The access token of the signed-out session dies at once, not in 15 minutes.
            #expect(try await gateway.send("GET", "/api/v1/me", headers: [third.bearer]).status == 401)
            #expect(
                try await gateway.send("POST", "/api/v1/auth/refresh", json: ["refreshToken": third.refreshToken])
                    .status == 401)
            // The first login's session is untouched.
            #expect(try await gateway.send("GET", "/api/v1/me", headers: [session.bearer]).status == 200)
        }
    }

    @Test("security: a logout through one gateway replica reaches the others within a second")
    func logoutReachesOtherReplicas() async throws {
        try await GatewayHarness.run { first in
            try await GatewayHarness.run { second in
                let session = try await first.register()
                #expect(try await second.send("GET", "/api/v1/me", headers: [session.bearer]).status == 200)
                let logout = try await first.send(
                    "POST", "/api/v1/auth/logout", headers: [session.bearer],
                    json: ["refreshToken": session.refreshToken])
                #expect(logout.status == 204)
                #expect(try await first.send("GET", "/api/v1/me", headers: [session.bearer]).status == 401)
                try await Task.sleep(for: SessionRevocations.freshness + .milliseconds(100))
                #expect(try await second.send("GET", "/api/v1/me", headers: [session.bearer]).status == 401)
            }
        }
    }

    @Test("security: registration enforces the password policy and unique e-mail")
    func registrationPolicy() async throws {
        try await GatewayHarness.run { gateway in
            for password in ["short", "password", "12345678", String(repeating: "x", count: 129)] {
                let reply = try await gateway.send(
                    "POST", "/api/v1/auth/register", json: ["email": "\(UUID())@example.com", "password": password])
                #expect(reply.status == 400, "\(password.prefix(10))")
                #expect(reply.header("content-type") == "application/problem+json")
            }
            let huge = String(repeating: "p", count: 600_000)
            let start = ContinuousClock.now
            let reply = try await gateway.send(
                "POST", "/api/v1/auth/login", json: ["email": "a@example.com", "password": huge])
            #expect(reply.status == 401)
            #expect(ContinuousClock.now - start < .seconds(2))
            let session = try await gateway.register()
            let duplicate = try await gateway.send(
                "POST", "/api/v1/auth/register",
                json: ["email": session.email.uppercased(), "password": "another fine passphrase"])
            #expect(duplicate.status == 409)
            let badEmail = try await gateway.send(
                "POST", "/api/v1/auth/register", json: ["email": "not-an-email", "password": "a fine passphrase"])
            #expect(badEmail.status == 400)
        }
    }

    @Test("security: unknown e-mail and wrong password get the same answer in similar time")
    func indistinguishableFailures() async throws {
        try await GatewayHarness.run { gateway in
            let session = try await gateway.register()
            func attempt(_ email: String) async throws -> (GatewayHarness.Reply, Duration) {
                let start = ContinuousClock.now
                let reply = try await gateway.send(
                    "POST", "/api/v1/auth/login", json: ["email": email, "password": "wrong password here"])
                return (reply, ContinuousClock.now - start)
            }
            var unknownTimes: [Duration] = []
            var wrongTimes: [Duration] = []
            for _ in 0..<5 {
                let (unknown, unknownTime) = try await attempt("nobody-\(UUID())@example.com")
                let (wrong, wrongTime) = try await attempt(session.email)
                #expect(unknown.status == 401 && wrong.status == 401)
                #expect(try unknown.json()["detail"] as? String == wrong.json()["detail"] as? String)
                #expect(try unknown.json()["title"] as? String == wrong.json()["title"] as? String)
                unknownTimes.append(unknownTime)
                wrongTimes.append(wrongTime)
            }
            let unknownMedian = unknownTimes.sorted()[2]
            let wrongMedian = wrongTimes.sorted()[2]
            // Both pay for one argon2id verification; neither is a fast path.
            #expect(unknownMedian * 2 > wrongMedian, "unknown \(unknownMedian) vs wrong \(wrongMedian)")
            #expect(wrongMedian * 2 > unknownMedian, "unknown \(unknownMedian) vs wrong \(wrongMedian)")
        }
    }

    @Test("security: forged, altered, expired and misdirected access tokens get 401")
    func rejectsBadTokens() async throws {
        try await GatewayHarness.run { gateway in
            let session = try await gateway.register()
            let parts = session.accessToken.split(separator: ".").map(String.init)
            #expect(parts.count == 3)
            func header(_ json: String) -> String { Base64URL.encode(Array(json.utf8)) }
            func payload() throws -> [String: Any] {
                try JSONSerialization.jsonObject(with: Data(Base64URL.decode(parts[1]) ?? [])) as? [String: Any] ?? [:]
            }
            func encode(_ claims: [String: Any]) throws -> String {
                Base64URL.encode(Array(try JSONSerialization.data(withJSONObject: claims)))
            }
            let key = Array(TestEnvironment.jwtSecret.utf8)
            func signed(header: String, claims: String) -> String {
                let input = header + "." + claims
                return input + "." + Base64URL.encode(HMACSHA256.authenticate(Array(input.utf8), key: key))
            }
            var claims = try payload()
            let now = Int(Date().timeIntervalSince1970)
            claims["exp"] = now - 3600
            claims["iat"] = now - 4600
            claims["nbf"] = now - 4600
            let expired = signed(header: parts[0], claims: try encode(claims))
            claims = try payload()
            claims["aud"] = "someone-else"
            let wrongAudience = signed(header: parts[0], claims: try encode(claims))
            claims = try payload()
            claims["sub"] = UUID().uuidString.lowercased()
            let tamperedPayload = parts[0] + "." + (try encode(claims)) + "." + parts[2]
            var signature = Array(Base64URL.decode(parts[2]) ?? [])
            signature[0] ^= 1
            let tamperedSignature = parts[0] + "." + parts[1] + "." + Base64URL.encode(signature)
            let none = header(#"{"alg":"none","typ":"at+jwt"}"#) + "." + parts[1] + "."
            let hs512 = signed(header: header(#"{"alg":"HS512","typ":"at+jwt"}"#), claims: parts[1])
            let rs256 = signed(header: header(#"{"alg":"RS256","typ":"at+jwt"}"#), claims: parts[1])
            let wrongType = signed(header: header(#"{"alg":"HS256","typ":"JWT"}"#), claims: parts[1])
            let cases = [
                ("alg none", none), ("HS512", hs512), ("RS256", rs256), ("tampered payload", tamperedPayload),
                ("tampered signature", tamperedSignature), ("expired", expired), ("wrong aud", wrongAudience),
                ("wrong typ", wrongType), ("refresh token as access token", session.refreshToken),
                ("garbage", "not.a.jwt"),
            ]
            for (name, token) in cases {
                let reply = try await gateway.send("GET", "/api/v1/me", headers: [("Authorization", "Bearer \(token)")])
                #expect(reply.status == 401, "\(name)")
                #expect(reply.header("www-authenticate")?.hasPrefix("Bearer") == true, "\(name)")
            }
            #expect(try await gateway.send("GET", "/api/v1/me", headers: [session.bearer]).status == 200)
        }
    }

    @Test("security: a JWT secret under 32 bytes, or equal to the internal secret, refuses to start")
    func shortSecretRefused() throws {
        #expect(throws: ConfigurationError.self) {
            try GatewayHarness.settings(extra: ["JWT_SECRET": String(repeating: "s", count: 31)])
        }
        #expect(throws: ConfigurationError.self) {
            try GatewayHarness.settings(extra: ["JWT_SECRET": ""])
        }
        #expect(throws: ConfigurationError.self) {
            try GatewayHarness.settings(extra: ["JWT_SECRET": TestEnvironment.internalSecret])
        }
    }

    @Test("security: refresh rotates; reusing a rotated token revokes the family, newest member included")
    func reuseRevokesFamily() async throws {
        try await GatewayHarness.run { gateway in
            let session = try await gateway.register()
            let first = try await gateway.send(
                "POST", "/api/v1/auth/refresh", json: ["refreshToken": session.refreshToken])
            #expect(first.status == 200)
            let rotated = try GatewayHarness.Session(reply: first, email: session.email, password: session.password)
            // The thief replays the old token: the whole family dies.
            let replay = try await gateway.send(
                "POST", "/api/v1/auth/refresh", json: ["refreshToken": session.refreshToken])
            #expect(replay.status == 401)
            #expect(
                try await gateway.send("POST", "/api/v1/auth/refresh", json: ["refreshToken": rotated.refreshToken])
                    .status == 401)
            #expect(try await gateway.send("GET", "/api/v1/me", headers: [rotated.bearer]).status == 401)
        }
    }

    @Test("security: two concurrent refreshes with one token: at most one succeeds")
    func concurrentRefresh() async throws {
        try await GatewayHarness.run { gateway in
            for _ in 0..<3 {
                let session = try await gateway.register()
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<2 {
                        group.addTask {
                            try await gateway.send(
                                "POST", "/api/v1/auth/refresh", json: ["refreshToken": session.refreshToken]
                            ).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == 200 }.count <= 1, "\(statuses)")
                #expect(statuses.allSatisfy { $0 == 200 || $0 == 401 }, "\(statuses)")
            }
        }
    }

    @Test("security: session cookies are HttpOnly, SameSite=Lax, Path=/, and __Host- with Secure")
    func cookieAttributes() async throws {
        try await GatewayHarness.run(extra: ["COOKIE_SECURE": "true"]) { gateway in
            let reply = try await gateway.send(
                "POST", "/api/v1/auth/register",
                json: ["email": "\(UUID())@example.com", "password": "correct horse battery staple"])
            #expect(reply.status == 201)
            let lines = reply.headers("set-cookie")
            #expect(lines.count == 3)
            for line in lines {
                #expect(line.hasPrefix("__Host-"), "\(line)")
                #expect(line.contains("; Secure") && line.contains("; Path=/") && line.contains("SameSite=Lax"))
                #expect(!line.contains("Domain="))
            }
            #expect(lines.filter { $0.contains("HttpOnly") }.count == 2)
            #expect(lines.contains { $0.hasPrefix("__Host-cg_csrf=") && !$0.contains("HttpOnly") })
        }
        try await GatewayHarness.run { gateway in
            let session = try await gateway.register()
            #expect(session.cookies["cg_access"] != nil)
            #expect(session.cookies.keys.allSatisfy { !$0.hasPrefix("__Host-") })
        }
    }

    @Test("security: cookie-authenticated writes need X-CSRF-Token and an allowed Origin")
    func csrf() async throws {
        try await GatewayHarness.run { gateway in
            let session = try await gateway.register()
            let origin = ("Origin", GatewayHarness.origin)
            let token = ("X-CSRF-Token", session.csrfToken)
            // Reads need no CSRF proof.
            #expect(try await gateway.send("GET", "/api/v1/me", headers: [session.cookieHeader]).status == 200)
            let missingHeader = try await gateway.send(
                "POST", "/api/v1/auth/logout-all", headers: [session.cookieHeader, origin])
            #expect(missingHeader.status == 403)
            let foreign = try await gateway.send(
                "POST", "/api/v1/auth/logout-all",
                headers: [session.cookieHeader, token, ("Origin", "https://evil.test")])
            #expect(foreign.status == 403)
            let noOrigin = try await gateway.send(
                "POST", "/api/v1/auth/logout-all", headers: [session.cookieHeader, token])
            #expect(noOrigin.status == 403)
            // A multipart form post is a "simple" request a foreign page can send: refused too.
            let multipart = try await gateway.send(
                "POST", "/api/v1/profile/imports/resume",
                headers: [
                    session.cookieHeader, ("Origin", "https://evil.test"),
                    ("Content-Type", "multipart/form-data; boundary=x"),
                ],
                body: Array("--x\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nhi\r\n--x--\r\n".utf8))
            #expect(multipart.status == 403)
            #expect(try await gateway.send("GET", "/api/v1/me", headers: [session.bearer]).status == 200)
            let allowed = try await gateway.send(
                "POST", "/api/v1/auth/logout-all", headers: [session.cookieHeader, token, origin])
            #expect(allowed.status == 204)
            #expect(try await gateway.send("GET", "/api/v1/me", headers: [session.bearer]).status == 401)
        }
    }

    @Test("security headers on every answer, and CORS only for allowed origins")
    func hardening() async throws {
        try await GatewayHarness.run { gateway in
            let reply = try await gateway.send("GET", "/api/v1/me", headers: [("Origin", GatewayHarness.origin)])
            #expect(reply.status == 401)
            #expect(reply.header("x-content-type-options") == "nosniff")
            #expect(reply.header("cache-control") == "no-store")
            #expect(reply.header("content-security-policy")?.contains("frame-ancestors 'none'") == true)
            #expect(reply.header("referrer-policy") != nil)
            #expect(reply.header("access-control-allow-origin") == GatewayHarness.origin)
            #expect(reply.header("access-control-allow-credentials") == "true")
            let preflight = try await gateway.send(
                "OPTIONS", "/api/v1/me",
                headers: [("Origin", "https://evil.test"), ("Access-Control-Request-Method", "DELETE")])
            #expect(preflight.header("access-control-allow-origin") == nil)
            let allowed = try await gateway.send(
                "OPTIONS", "/api/v1/me",
                headers: [("Origin", GatewayHarness.origin), ("Access-Control-Request-Method", "DELETE")])
            #expect(allowed.status == 204)
            #expect(allowed.header("access-control-allow-origin") == GatewayHarness.origin)
        }
    }
}
