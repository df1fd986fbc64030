import Database
import Foundation
import Hummingbird
import Logging
import RedisKit
import ServiceKit
import Synchronization
import TestSupport

/// A service built by ServiceKit exactly as the real ones are, with a few extra
/// routes that fail in the ways the error handling must cover.
enum TestApplication {
    struct Payload: Codable, Sendable {
        var name: String
        var count: Int
    }

    struct Unexpected: Error {}

    /// Requests to `/slow` that have started, so a test knows one is in flight.
    static let slowRequestsStarted = Mutex(0)

    static func configuration(
        redisURL: String? = nil, extra: [String: String] = [:]
    ) throws -> ServiceConfiguration {
        var environment = [
            "DATABASE_URL": try TestEnvironment.databaseURL(), "REDIS_URL": try redisURL ?? TestEnvironment.redisURL(),
            "MAX_BODY_BYTES": "2048", "LOG_LEVEL": "warning", "PORT": String(FreePort.find()),
            "READINESS_TIMEOUT_MS": "800", "INTERNAL_SECRET": TestEnvironment.internalSecret,
        ]
        environment.merge(extra) { $1 }
        var reader = EnvironmentReader(environment)
        let service = ServiceDescriptor(
            name: "test-service", defaultPort: 0, schema: TestEnvironment.uniqueName("svc"), calls: [])
        return try ServiceConfiguration.load(for: service, from: &reader)
    }

    /// Error-handling tests run without caller authentication; `InternalAuthTests`
    /// builds it with the internal-token check every real service has.
    static func build(
        _ configuration: ServiceConfiguration, authentication: ServiceApplication.Authentication = .custom
    ) async throws -> some ApplicationProtocol {
        try await ServiceApplication.build(
            configuration: configuration,
            migrations: [.init(version: 1, name: "init", sql: "CREATE TABLE notes (id int PRIMARY KEY);")],
            logger: TestEnvironment.logger, authentication: authentication,
            routes: { router, _ in
                router.post("/payloads") { request, context in
                    let payload = try await request.decode(as: Payload.self, context: context)
                    return "\(payload.name):\(payload.count)"
                }
                router.get("/payloads/{id}") { _, context in context.parameters.get("id") ?? "" }
                router.get("/whoami") { _, context in
                    "\(context.identity?.service ?? "-") \(context.identity?.userId?.uuidString.lowercased() ?? "-")"
                }
                router.get("/boom") { _, _ -> String in throw Unexpected() }
                router.get("/conflict") { _, _ -> String in throw ServiceError.conflict("already exists") }
                router.get("/slow") { _, _ in
                    slowRequestsStarted.withLock { $0 += 1 }
                    try await Task.sleep(for: .milliseconds(800))
                    return "done"
                }
            })
    }
}
