import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceKit
import TestSupport

@testable import AIService

/// The AI service built exactly as `main` builds it, against the test
/// PostgreSQL and Redis, with its model runtime wherever a test says (a fake
/// Ollama, a fake OpenAI-compatible server, or a closed port).
enum AIServiceHarness {
    static func settings(modelURL: String, extra: [String: String] = [:]) throws -> AIServiceSettings {
        var environment = [
            "DATABASE_URL": try TestEnvironment.databaseURL(), "REDIS_URL": try TestEnvironment.redisURL(),
            "PORT": "0", "LOG_LEVEL": "critical", "INTERNAL_SECRET": TestEnvironment.internalSecret,
            "OLLAMA_URL": modelURL, "LLM_WARM_UP": "false", "OLLAMA_NUM_THREAD": "6",
            "LLM_CONNECT_TIMEOUT_MS": "500",
            // The other services are nowhere unless a test says otherwise.
            "PROFILE_SERVICE_URL": closedURL(), "JOB_SERVICE_URL": closedURL(), "LEARNING_SERVICE_URL": closedURL(),
        ]
        environment.merge(extra) { $1 }
        var reader = EnvironmentReader(environment)
        return try loadSettings(&reader)
    }

    static func closedURL() -> String { "http://127.0.0.1:\(FreePort.find())" }

    static func test(
        modelURL: String, extra: [String: String] = [:], _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let app = try await buildApplication(
            try settings(modelURL: modelURL, extra: extra), logger: TestEnvironment.logger)
        try await app.test(.router) { client in try await body(client) }
    }

    static let tokens = try! InternalTokens(secret: Array(TestEnvironment.internalSecret.utf8), service: "gateway")

    /// Headers of a request the gateway forwards for `user`.
    static func headers(user: UUID = UUID(), roles: [String] = ["user"], json: Bool = true) -> HTTPFields {
        var headers = HTTPFields()
        headers[HTTPField.Name(InternalTokens.header)!] = tokens.issue(
            for: RequestIdentity(userId: user, roles: roles, service: "gateway"), audience: "ai-service")
        if json { headers[.contentType] = "application/json" }
        return headers
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func body(_ value: some Encodable) throws -> ByteBuffer {
        ByteBuffer(bytes: try encoder.encode(value))
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ response: TestResponse) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(response.body.readableBytesView))
    }
}
