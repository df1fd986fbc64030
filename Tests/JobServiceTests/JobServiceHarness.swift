import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceKit
import TestSupport

@testable import JobService

/// job-service built exactly as `main` builds it, against the test PostgreSQL
/// and Redis, with every job board, the AI service and profile-service at a
/// closed port unless a test points one at a fake. The scheduler and the
/// sample loader are off unless a test turns them on.
enum JobServiceHarness {
    static func settings(databaseURL: String? = nil, extra: [String: String] = [:]) throws -> JobServiceSettings {
        var environment = [
            "DATABASE_URL": try databaseURL ?? TestEnvironment.databaseURL(),
            "REDIS_URL": try TestEnvironment.redisURL(),
            "PORT": "0", "LOG_LEVEL": "critical", "INTERNAL_SECRET": TestEnvironment.internalSecret,
            "AI_SERVICE_URL": closedURL(), "PROFILE_SERVICE_URL": closedURL(),
            "GREENHOUSE_API_URL": closedURL(), "LEVER_API_URL": closedURL(), "ASHBY_API_URL": closedURL(),
            "REMOTEOK_API_URL": closedURL(), "ARBEITNOW_API_URL": closedURL(), "ADZUNA_API_URL": closedURL(),
            "USAJOBS_API_URL": closedURL(), "JOB_INGEST_INTERVAL_MS": "0", "JOB_SAMPLE_DATA": "false",
            "JOB_EMBEDDING_INTERVAL_MS": "100",
            // The default 2 s is for production; a loaded 2-CPU test machine has answered slower.
            "JOB_PROFILE_TIMEOUT_MS": "10000",
            // Redis answers in well under a millisecond, but a loaded 2-CPU test machine has
            // starved a call past the production deadlines; the cache then stands aside.
            "REDIS_COMMAND_TIMEOUT_MS": "10000", "CACHE_TIMEOUT_MS": "10000",
        ]
        environment.merge(extra) { $1 }
        var reader = EnvironmentReader(environment)
        return try loadSettings(&reader)
    }

    static func closedURL() -> String { "http://127.0.0.1:\(FreePort.find())" }

    /// Runs `body` against the router. Postings are global, so a test that
    /// counts or ranks them passes `freshDatabase: true` to get an empty database.
    static func test(
        freshDatabase: Bool = false, extra: [String: String] = [:],
        _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let url = freshDatabase ? try await TestEnvironment.makeFreshDatabase(prefix: "jobs") : nil
        let app = try await buildApplication(
            try settings(databaseURL: url, extra: extra), logger: TestEnvironment.logger)
        try await app.test(.router) { client in try await body(client) }
    }

    static let tokens = try! InternalTokens(secret: Array(TestEnvironment.internalSecret.utf8), service: "gateway")

    /// Headers of a request the gateway forwards for `user` with `roles`.
    static func headers(
        user: UUID?, roles: [String] = ["user"], contentType: String? = "application/json"
    )
        -> HTTPFields
    {
        var headers = HTTPFields()
        headers[HTTPField.Name(InternalTokens.header)!] = tokens.issue(
            for: RequestIdentity(userId: user, roles: roles, service: "gateway"), audience: "job-service")
        if let contentType { headers[.contentType] = contentType }
        return headers
    }

    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    static func encode<Value: Encodable>(_ value: Value) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return ByteBuffer(bytes: Array(try encoder.encode(value)))
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ response: TestResponse) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(response.body.readableBytesView))
    }
}
