import CurlHTTP
import Foundation
import Hummingbird
import Logging
import ServiceKit
import ServiceLifecycle
import Synchronization
import TestSupport

@testable import Gateway

/// A gateway built exactly as `main` builds it, on a free port, against the test
/// PostgreSQL and Redis, with its services pointed wherever a test says.
struct GatewayHarness: Sendable {
    let baseURL: String
    let settings: GatewaySettings
    let http: CurlHTTPClient

    static let origin = "http://app.careergini.test"

    static func environment(port: Int, upstreamURL: String?, extra: [String: String]) throws -> [String: String] {
        var environment = [
            "DATABASE_URL": try TestEnvironment.databaseURL(), "REDIS_URL": try TestEnvironment.redisURL(),
            "PORT": String(port), "LOG_LEVEL": "critical", "INTERNAL_SECRET": TestEnvironment.internalSecret,
            "JWT_SECRET": TestEnvironment.jwtSecret, "COOKIE_SECURE": "false",
            "PUBLIC_BASE_URL": "http://127.0.0.1:\(port)", "ALLOWED_ORIGINS": origin,
            // High enough that only the rate-limit tests ever meet it.
            "RATE_LIMIT_REQUESTS": "100000", "LOGIN_RATE_LIMIT_ATTEMPTS": "10000",
            "READINESS_TIMEOUT_MS": "500",
        ]
        // Unless a test supplies an upstream, the services are nowhere (proxy → 502).
        let upstream = upstreamURL ?? "http://127.0.0.1:\(FreePort.find())"
        for service in ServiceDescriptor.gateway.calls {
            environment[ServiceDescriptor.named(service)!.urlVariable] = upstream
        }
        environment.merge(extra) { $1 }
        return environment
    }

    static func settings(upstreamURL: String? = nil, extra: [String: String] = [:]) throws -> GatewaySettings {
        var reader = EnvironmentReader(try environment(port: FreePort.find(), upstreamURL: upstreamURL, extra: extra))
        return try GatewaySettings.load(from: &reader)
    }

    /// Runs a gateway for the duration of `body`. A free port can be taken by a
    /// parallel test before the gateway binds it; then it starts again elsewhere.
    static func run(
        upstreamURL: String? = nil, extra: [String: String] = [:],
        _ body: @Sendable (GatewayHarness) async throws -> Void
    ) async throws {
        for attempt in 1...4 {
            do {
                return try await runOnce(upstreamURL: upstreamURL, extra: extra, body)
            } catch is StartFailure where attempt < 4 && extra["PORT"] == nil {
                continue
            }
        }
    }

    /// Why the server task ended, once it has.
    final class StopReason: Sendable {
        let value = Mutex<String?>(nil)
        /// Set when this gateway's own listener is bound: only then is `/health` ours
        /// (another test's server may hold the port we were given).
        let bound = Mutex(false)
    }

    struct StartFailure: Error, CustomStringConvertible {
        var reason: String
        var description: String { "the gateway did not start: \(reason)" }
    }

    private static func runOnce(
        upstreamURL: String?, extra: [String: String], _ body: @Sendable (GatewayHarness) async throws -> Void
    ) async throws {
        let settings = try settings(upstreamURL: upstreamURL, extra: extra)
        var logger = Logger(label: "gateway-test")
        logger.logLevel = .critical
        let stopped = StopReason()
        let app = try await buildApplication(
            settings, logger: logger, onServerRunning: { stopped.bound.withLock { $0 = true } })
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        let harness = GatewayHarness(
            baseURL: "http://127.0.0.1:\(settings.common.port)", settings: settings, http: http)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                do {
                    try await group.run()
                } catch {
                    stopped.value.withLock { $0 = "\(error)" }
                }
                stopped.value.withLock { $0 = $0 ?? "stopped" }
            }
            do {
                try await harness.waitForHealth(stopped: stopped)
            } catch {
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                throw error
            }
            do {
                try await body(harness)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// Waits until this gateway is bound and answers `/health`; a server task that
    /// ended early (a taken port) is a `StartFailure`.
    func waitForHealth(stopped: StopReason) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if let reason = stopped.value.withLock({ $0 }) { throw StartFailure(reason: reason) }
            if stopped.bound.withLock({ $0 }), let response = try? await send("GET", "/health"),
                response.status == 200
            {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw StartFailure(reason: "no answer on /health within 20 s")
    }

    struct Reply: Sendable {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        func headers(_ name: String) -> [String] {
            headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        }

        var text: String { String(decoding: body, as: UTF8.self) }

        func json() throws -> [String: Any] {
            (try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:]
        }

        /// Cookie name → value from the Set-Cookie headers.
        var cookies: [String: String] {
            var cookies: [String: String] = [:]
            for line in headers("set-cookie") {
                let pair = line.split(separator: ";")[0]
                guard let equals = pair.firstIndex(of: "=") else { continue }
                cookies[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            return cookies
        }
    }

    func send(
        _ method: String, _ path: String, headers: [(String, String)] = [], json: Any? = nil, body: [UInt8]? = nil
    ) async throws -> Reply {
        var headers = headers.map { (name: $0.0, value: $0.1) }
        var payload = body
        if let json {
            payload = Array(try JSONSerialization.data(withJSONObject: json))
            headers.append((name: "Content-Type", value: "application/json"))
        }
        let (response, bytes) = try await http.data(
            for: CurlRequest(
                method: method, url: baseURL + path, headers: headers, body: payload.map { .bytes($0) },
                timeouts: .init(connect: .seconds(2), total: .seconds(30))))
        return Reply(status: response.status, headers: response.headers, body: bytes)
    }

    /// Registers a fresh account and returns its session answer.
    func register(email: String? = nil, password: String = "correct horse battery staple") async throws -> Session {
        let email = email ?? "\(UUID().uuidString.lowercased())@example.com"
        let reply = try await send("POST", "/api/v1/auth/register", json: ["email": email, "password": password])
        guard reply.status == 201 else { throw SessionFailure(reply: reply) }
        return try Session(reply: reply, email: email, password: password)
    }

    struct SessionFailure: Error, CustomStringConvertible {
        var reply: Reply
        var description: String { "HTTP \(reply.status): \(reply.text)" }
    }

    struct Session: Sendable {
        var email: String
        var password: String
        var userId: String
        var accessToken: String
        var refreshToken: String
        var csrfToken: String
        var cookies: [String: String]

        init(reply: Reply, email: String, password: String) throws {
            let json = try reply.json()
            self.email = email
            self.password = password
            userId = ((json["user"] as? [String: Any])?["id"] as? String) ?? ""
            accessToken = json["accessToken"] as? String ?? ""
            refreshToken = json["refreshToken"] as? String ?? ""
            csrfToken = json["csrfToken"] as? String ?? ""
            cookies = reply.cookies
        }

        var bearer: (String, String) { ("Authorization", "Bearer \(accessToken)") }

        var cookieHeader: (String, String) {
            ("Cookie", cookies.filter { !$0.value.isEmpty }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
    }
}
