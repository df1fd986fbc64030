import Foundation
import TestSupport
import Testing

@testable import Gateway

@Suite("gateway: rate limits end to end")
struct GatewayRateLimitTests {
    @Test("security: the 101st request in a minute gets 429 problem+json with Retry-After and RateLimit headers")
    func hundredAndFirst() async throws {
        // Its own Redis, so the client address 127.0.0.1 has a fresh quota.
        let redis = try RedisServerProcess()
        try await GatewayHarness.run(extra: ["REDIS_URL": redis.url, "RATE_LIMIT_REQUESTS": "100"]) { gateway in
            var statuses: [Int] = []
            for _ in 0..<100 {
                let reply = try await gateway.send("GET", "/api/v1/auth/oauth/providers")
                statuses.append(reply.status)
                #expect(reply.header("ratelimit-policy") != nil)
            }
            #expect(statuses.allSatisfy { $0 == 200 })
            let limited = try await gateway.send("GET", "/api/v1/auth/oauth/providers")
            #expect(limited.status == 429)
            #expect(limited.header("content-type") == "application/problem+json")
            #expect((limited.header("retry-after").flatMap(Int.init) ?? 0) >= 1)
            #expect(limited.header("ratelimit")?.contains("r=0") == true)
            #expect(limited.header("ratelimit-policy")?.contains("q=100") == true)
            // Health probes are never limited.
            #expect(try await gateway.send("GET", "/health").status == 200)
        }
        redis.stop()
    }

    @Test("security: with Redis down the global limiter fails open and sign-in fails closed with 503")
    func redisDown() async throws {
        let redis = try RedisServerProcess()
        try await GatewayHarness.run(extra: ["REDIS_URL": redis.url, "REDIS_COMMAND_TIMEOUT_MS": "100"]) { gateway in
            let session = try await gateway.register()
            redis.stop()
            let open = try await gateway.send("GET", "/api/v1/auth/oauth/providers")
            #expect(open.status == 200)
            let login = try await gateway.send(
                "POST", "/api/v1/auth/login", json: ["email": session.email, "password": session.password])
            #expect(login.status == 503)
            #expect(login.header("retry-after") != nil)
            // Session checks fail closed too: a token cannot be checked against revocations.
            #expect(try await gateway.send("GET", "/api/v1/me", headers: [session.bearer]).status == 503)
        }
    }
}
