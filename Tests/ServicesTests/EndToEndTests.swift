import Contracts
import CurlHTTP
import Database
import Foundation
import ServiceKit
import TestSupport
import Testing

@Suite("the five services, as real processes")
struct EndToEndTests {
    @Test("all five binaries start, answer /health, /ready and /metrics, and stop cleanly on SIGTERM")
    func fiveServices() async throws {
        let suite = try RunningSuite()
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        try await suite.waitUntilReady(http)
        for service in ServiceDescriptor.all {
            let (health, body) = try await http.data(for: CurlRequest(url: suite.url(service.name) + "/health"))
            #expect(health.status == 200)
            let status = try JSONDecoder().decode(HealthStatus.self, from: Data(body))
            #expect(status.service == service.name)

            let (ready, readyBody) = try await http.data(for: CurlRequest(url: suite.url(service.name) + "/ready"))
            #expect(ready.status == 200)
            let report = try JSONDecoder().decode(ReadinessReport.self, from: Data(readyBody))
            #expect(report.checks["postgres"]?.status == .up)
            #expect(report.checks["redis"]?.status == .up)
            for callee in service.calls { #expect(report.checks[callee]?.status == .up, "\(service.name) → \(callee)") }

            let (metrics, metricsBody) = try await http.data(
                for: CurlRequest(url: suite.url(service.name) + "/metrics"))
            #expect(metrics.status == 200)
            #expect(String(decoding: metricsBody, as: UTF8.self).contains("http_requests_total"))
        }
        // No model here: the AI service is ready all the same and says the model runtime is down.
        let (_, aiReady) = try await http.data(for: CurlRequest(url: suite.url("ai-service") + "/ready"))
        let report = try JSONDecoder().decode(ReadinessReport.self, from: Data(aiReady))
        #expect(report.checks["models"]?.status == .down)
        #expect(report.checks["models"]?.required == false)

        // Signed-in routes refuse anonymous callers with a problem.
        let (anonymous, anonymousBody) = try await http.data(
            for: CurlRequest(url: suite.url("gateway") + "/api/v1/me"))
        #expect(anonymous.status == 401)
        #expect(anonymous.header("content-type") == "application/problem+json")
        #expect(try JSONDecoder().decode(Problem.self, from: Data(anonymousBody)).status == 401)

        // Security: a service port reached directly, without an internal token, answers 401.
        let userId = UUID()
        for service in ServiceDescriptor.all where service != .gateway {
            let url = suite.url(service.name) + "/internal/users/\(userId.uuidString.lowercased())/export"
            let (direct, _) = try await http.data(for: CurlRequest(url: url))
            #expect(direct.status == 401, "\(service.name) without a token")
            let tokens = try InternalTokens(secret: Array(TestEnvironment.internalSecret.utf8), service: "gateway")
            let identity = RequestIdentity(userId: userId, roles: ["user"], service: "gateway")
            let (wrongAudience, _) = try await http.data(
                for: CurlRequest(
                    url: url, headers: [("X-Internal-Token", tokens.issue(for: identity, audience: "someone-else"))]))
            #expect(wrongAudience.status == 401, "\(service.name) with a token for another service")
            let (valid, _) = try await http.data(
                for: CurlRequest(
                    url: url, headers: [("X-Internal-Token", tokens.issue(for: identity, audience: service.name))]))
            #expect(valid.status == 200, "\(service.name) with a valid token")
        }

        let codes = suite.terminate()
        #expect(codes.values.allSatisfy { $0 == 0 }, "exit codes: \(codes)")
        for service in ServiceDescriptor.all { #expect(suite.log(service.name).contains("\"msg\":\"stopped\"")) }
    }

    @Test("a bad configuration value stops the binary with a message naming the variable")
    func refusesBadConfiguration() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["PORT"] = "not-a-port"
        let output = try ChildProcess.run(try RunningSuite.binary("gateway"), [], environment: environment)
        #expect(output.status == 78)
        #expect(output.stderr.contains("PORT"))
        #expect(output.stderr.contains("not-a-port"))
    }

    @Test("two replicas starting at once against a new database apply its migrations exactly once")
    func concurrentMigrations() async throws {
        let admin = try TestEnvironment.makeDatabase()
        let name = TestEnvironment.uniqueName("migrate")
        try await admin.query("CREATE DATABASE \(identifier: name)")
        var components = URLComponents(string: try TestEnvironment.databaseURL())!
        components.path = "/" + name
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        do {
            let first = try RunningSuite(databaseURL: components.string!, services: [.jobService])
            let second = try RunningSuite(databaseURL: components.string!, services: [.jobService])
            // A replica listens only after its migrations ran; its callees are not started here.
            try await first.waitUntilReady(http, path: "/health")
            try await second.waitUntilReady(http, path: "/health")
            _ = first.terminate()
            _ = second.terminate()
        }
        let fresh = DatabasePool(
            configuration: DatabaseConfiguration(url: components.string!, minConnections: 0, maxConnections: 1),
            logger: TestEnvironment.logger)
        let rows = try await fresh.query("SELECT version, count(*) AS n FROM jobs.schema_migrations GROUP BY version")
        #expect(!rows.isEmpty)
        for row in rows { #expect(try row.decode(Int.self, "n") == 1) }
        let tables = try await fresh.query("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'jobs'")
        #expect(try tables[0].decode(Int.self, "n") >= 2)
        await fresh.close()
        try await admin.query("DROP DATABASE \(identifier: name) WITH (FORCE)")
        await admin.close()
    }
}
