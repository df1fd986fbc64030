import Contracts
import CurlHTTP
import Database
import Foundation
import ServiceKit
import TestSupport
import Testing

/// GDPR export and deletion across the five real binaries.
@Suite("accounts across all five services", .serialized)
struct AccountDataTests {
    static func json(_ body: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
    }

    @Test("security: export gathers every service's data; delete reaches every service, retries and revokes tokens")
    func exportAndDelete() async throws {
        let suite = try RunningSuite(extraEnvironment: ["ACCOUNT_DELETION_RETRY_MS": "300"])
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        try await suite.waitUntilReady(http)
        let gateway = suite.url("gateway")
        func send(
            _ method: String, _ path: String, token: String? = nil, json: [String: Any]? = nil
        ) async throws
            -> (CurlResponse, [UInt8])
        {
            var headers: [(name: String, value: String)] = []
            if let token { headers.append((name: "Authorization", value: "Bearer \(token)")) }
            var body: CurlRequest.Body?
            if let json {
                headers.append((name: "Content-Type", value: "application/json"))
                body = .bytes(Array(try JSONSerialization.data(withJSONObject: json)))
            }
            return try await http.data(
                for: CurlRequest(method: method, url: gateway + path, headers: headers, body: body))
        }

        let email = "gdpr-\(UUID().uuidString.lowercased())@example.com"
        let (registered, registeredBody) = try await send(
            "POST", "/api/v1/auth/register", json: ["email": email, "password": "correct horse battery staple"])
        #expect(registered.status == 201)
        let session = try Self.json(registeredBody)
        let token = try #require(session["accessToken"] as? String)
        let userId = try #require((session["user"] as? [String: Any])?["id"] as? String)
        let user = try #require(UUID(uuidString: userId))

        // Data the services hold for this user (their feature routes arrive in later issues).
        let database = try TestEnvironment.makeDatabase()
        try await database.query(
            "INSERT INTO profile.profiles (user_id, document) VALUES (\(user), '{\"basics\":{\"name\":\"Ada\"}}'::jsonb)"
        )
        try await database.query("INSERT INTO ai.conversations (user_id, title) VALUES (\(user), 'Career change')")

        let (exported, exportBody) = try await send("GET", "/api/v1/me/export", token: token)
        #expect(exported.status == 200)
        let document = try Self.json(exportBody)
        let services = try #require(document["services"] as? [String: Any])
        #expect(Set(services.keys) == ["ai-service", "profile-service", "job-service", "learning-service"])
        let profile = (services["profile-service"] as? [String: Any])?["data"] as? [String: Any]
        #expect(((profile?["profile"] as? [String: Any])?["basics"] as? [String: Any])?["name"] as? String == "Ada")
        let ai = (services["ai-service"] as? [String: Any])?["data"] as? [String: Any]
        #expect((ai?["conversations"] as? [[String: Any]])?.first?["title"] as? String == "Career change")
        let account = ((document["gateway"] as? [String: Any])?["account"] as? [String: Any])
        #expect(account?["email"] as? String == email)

        // One service is down: deletion is refused as incomplete, names it, and locks the account.
        suite.stop("job-service")
        let (partial, partialBody) = try await send("DELETE", "/api/v1/me", token: token)
        #expect(partial.status == 502)
        let problem = try Self.json(partialBody)
        #expect((problem["pendingServices"] as? [String: Any])?.keys.contains("job-service") == true)
        #expect(try await send("GET", "/api/v1/me", token: token).0.status == 401)
        let (login, _) = try await send(
            "POST", "/api/v1/auth/login", json: ["email": email, "password": "correct horse battery staple"])
        #expect(login.status == 401)
        #expect(try await database.query("SELECT 1 FROM profile.profiles WHERE user_id = \(user)").isEmpty)
        #expect(try await database.query("SELECT 1 FROM ai.conversations WHERE user_id = \(user)").isEmpty)

        // When it is back, the gateway's retrier finishes the job and removes the account.
        try suite.start("job-service")
        let deadline = ContinuousClock.now + .seconds(30)
        var gone = false
        while !gone && ContinuousClock.now < deadline {
            gone = try await database.query("SELECT 1 FROM identity.users WHERE id = \(user)").isEmpty
            if !gone { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(gone, "the account row should be deleted once every service confirmed")
        #expect(try await database.query("SELECT 1 FROM identity.account_deletions WHERE user_id = \(user)").isEmpty)
        await database.close()
        _ = suite.terminate()
    }

    @Test("security: 500 parallel requests across two gateway processes sharing Redis let at most 100 through")
    func sharedRateLimit() async throws {
        // A Redis database of its own, so no other test's traffic from 127.0.0.1 counts here.
        let redisURL = try TestEnvironment.redisURL().replacingOccurrences(of: "/0", with: "/9")
        // Generous Redis deadlines: on a loaded test machine a slow answer must not look like an
        // outage, which would (rightly) fail open to each process's own limiter.
        let environment = [
            "REDIS_URL": redisURL, "RATE_LIMIT_REQUESTS": "100", "RATE_LIMIT_WINDOW_SECONDS": "60",
            "REDIS_COMMAND_TIMEOUT_MS": "3000", "REDIS_POOL_MAX": "64", "RATE_LIMIT_REDIS_TIMEOUT_MS": "5000",
        ]
        let first = try RunningSuite(services: [.gateway], extraEnvironment: environment)
        let second = try RunningSuite(services: [.gateway], extraEnvironment: environment)
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        try await first.waitUntilReady(http, path: "/health")
        try await second.waitUntilReady(http, path: "/health")
        let urls = [first.url("gateway"), second.url("gateway")]
        let outcomes = try await withThrowingTaskGroup(of: (Int, String?, String?).self) { group in
            for index in 0..<500 {
                group.addTask {
                    // A spoofed X-Forwarded-For must not buy a fresh quota.
                    let (response, _) = try await http.data(
                        for: CurlRequest(
                            url: urls[index % 2] + "/api/v1/auth/oauth/providers",
                            headers: [("X-Forwarded-For", "10.0.\(index / 256).\(index % 256)")],
                            timeouts: .init(connect: .seconds(5), total: .seconds(30))))
                    return (response.status, response.header("retry-after"), response.header("ratelimit-policy"))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let admitted = outcomes.filter { $0.0 == 200 }.count
        #expect(admitted == 100, "admitted \(admitted)")
        let limited = outcomes.filter { $0.0 == 429 }
        #expect(limited.count == 400)
        #expect(limited.allSatisfy { ($0.1.flatMap(Int.init) ?? 0) >= 1 && $0.2 != nil })
        _ = first.terminate()
        _ = second.terminate()
    }
}
