import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceKit
import TestSupport

@testable import ProfileService

/// profile-service built exactly as `main` builds it, against the test
/// PostgreSQL and Redis, with GitHub and the AI service wherever a test says
/// (a fake, or a closed port).
enum ProfileServiceHarness {
    static func settings(extra: [String: String] = [:]) throws -> ProfileServiceSettings {
        var environment = [
            "DATABASE_URL": try TestEnvironment.databaseURL(), "REDIS_URL": try TestEnvironment.redisURL(),
            "PORT": "0", "LOG_LEVEL": "critical", "INTERNAL_SECRET": TestEnvironment.internalSecret,
            "AI_SERVICE_URL": closedURL(), "GITHUB_API_URL": closedURL(), "PROFILE_EMBEDDING_INTERVAL_MS": "100",
        ]
        environment.merge(extra) { $1 }
        var reader = EnvironmentReader(environment)
        return try loadSettings(&reader)
    }

    static func closedURL() -> String { "http://127.0.0.1:\(FreePort.find())" }

    static func test(
        extra: [String: String] = [:], _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let app = try await buildApplication(try settings(extra: extra), logger: TestEnvironment.logger)
        try await app.test(.router) { client in try await body(client) }
    }

    static let tokens = try! InternalTokens(secret: Array(TestEnvironment.internalSecret.utf8), service: "gateway")

    /// Headers of a request the gateway forwards for `user`.
    static func headers(user: UUID, contentType: String? = "application/json") -> HTTPFields {
        var headers = HTTPFields()
        headers[HTTPField.Name(InternalTokens.header)!] = tokens.issue(
            for: RequestIdentity(userId: user, roles: ["user"], service: "gateway"), audience: "profile-service")
        if let contentType { headers[.contentType] = contentType }
        return headers
    }

    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    static func decode<Value: Decodable>(_ type: Value.Type, _ response: TestResponse) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(response.body.readableBytesView))
    }

    static func document(_ response: TestResponse) throws -> JSONValue {
        try decode(JSONValue.self, response)
    }
}
