import Contracts
import CurlHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceKit
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

@Suite("health, readiness, metrics, shutdown")
struct HealthTests {
    @Test("/health answers while /ready follows Redis: 503 when it stops, 200 when it returns")
    func readinessFollowsRedis() async throws {
        let redis = try RedisServerProcess()
        let app = try await TestApplication.build(try TestApplication.configuration(redisURL: redis.url))
        try await app.test(.router) { client in
            let ready = try await Self.readiness(client)
            #expect(ready.status == .ready)
            #expect(ready.checks["postgres"]?.status == .up)
            #expect(ready.checks["redis"]?.status == .up)

            redis.stop()
            let down = try await Self.readiness(client)
            #expect(down.status == .notReady)
            #expect(down.checks["redis"]?.status == .down)
            #expect(down.checks["postgres"]?.status == .up)
            try await client.execute(uri: "/ready", method: .get) { #expect($0.status == .serviceUnavailable) }
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }

            try redis.start()
            var back = false
            for _ in 0..<50 where !back {
                back = try await Self.readiness(client).status == .ready
                if !back { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(back)
        }
    }

    @Test("/metrics counts requests by route and status and reports pool gauges")
    func metrics() async throws {
        let app = try await TestApplication.build(try TestApplication.configuration())
        try await app.test(.router) { client in
            for _ in 0..<3 { try await client.execute(uri: "/payloads/7", method: .get) { _ in } }
            try await client.execute(uri: "/nowhere/at/all", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                let text = String(buffer: response.body)
                #expect(text.contains(#"http_requests_total{route="/payloads/{id}",method="GET",status="200"} 3"#))
                #expect(text.contains(#"route="unmatched",method="GET",status="404""#))
                #expect(text.contains("http_request_duration_seconds_bucket"))
                #expect(text.contains(#"pool_connections_count{pool="postgres",state="max"} 10"#))
                #expect(text.contains(#"pool_connections_count{pool="redis",state="open"}"#))
            }
        }
    }

    @Test("SIGTERM-style shutdown lets an in-flight request finish")
    func gracefulDrain() async throws {
        let configuration = try TestApplication.configuration()
        let app = try await TestApplication.build(configuration)
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: TestEnvironment.logger)
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        let base = "http://127.0.0.1:\(configuration.port)"
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var up = false
            for _ in 0..<100 where !up {
                up = (try? await http.data(for: CurlRequest(url: base + "/health")))?.response.status == 200
                if !up { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(up)
            let before = TestApplication.slowRequestsStarted.withLock { $0 }
            async let slow = http.data(for: CurlRequest(url: base + "/slow"))
            // Shut down only once the request is being handled, not merely queued.
            for _ in 0..<1000 where TestApplication.slowRequestsStarted.withLock({ $0 }) == before {
                try await Task.sleep(for: .milliseconds(10))
            }
            await group.triggerGracefulShutdown()
            let (response, body) = try await slow
            #expect(response.status == 200)
            #expect(String(decoding: body, as: UTF8.self) == "done")
            try await tasks.waitForAll()
        }
        let after = await #expect(throws: CurlHTTPError.self) {
            _ = try await http.data(for: CurlRequest(url: base + "/health"))
        }
        #expect(after?.code == .connectFailed)
    }

    static func readiness(_ client: some TestClientProtocol) async throws -> ReadinessReport {
        try await client.execute(uri: "/ready", method: .get) { response in
            try JSONDecoder().decode(ReadinessReport.self, from: Data(response.body.readableBytesView))
        }
    }
}
