import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ServiceKit
import TestSupport
import Testing

@Suite("security: internal tokens between services")
struct InternalAuthTests {
    static let secret = Array(TestEnvironment.internalSecret.utf8)

    static func header(_ token: String) -> HTTPFields { [HTTPField.Name(InternalTokens.header)!: token] }

    @Test("security: a service refuses calls without a valid internal token, health aside")
    func refusesUnauthenticatedCalls() async throws {
        let configuration = try TestApplication.configuration()
        let app = try await TestApplication.build(configuration, authentication: .internalToken)
        let gateway = try InternalTokens(secret: Self.secret, service: "gateway")
        let forged = try InternalTokens(secret: Array("another-secret-of-at-least-32-bytes!!".utf8), service: "gateway")
        let user = UUID()
        let identity = RequestIdentity(userId: user, roles: ["user"], service: "gateway")
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/ready", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/whoami", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            let wrongAudience = gateway.issue(for: identity, audience: "other-service")
            try await client.execute(uri: "/whoami", method: .get, headers: Self.header(wrongAudience)) {
                #expect($0.status == .unauthorized)
            }
            let forgedToken = forged.issue(for: identity, audience: configuration.service.name)
            try await client.execute(uri: "/whoami", method: .get, headers: Self.header(forgedToken)) {
                #expect($0.status == .unauthorized)
            }
            let expired = gateway.issue(
                for: identity, audience: configuration.service.name, now: Date().addingTimeInterval(-120))
            try await client.execute(uri: "/whoami", method: .get, headers: Self.header(expired)) {
                #expect($0.status == .unauthorized)
            }
            let valid = gateway.issue(for: identity, audience: configuration.service.name)
            try await client.execute(uri: "/whoami", method: .get, headers: Self.header(valid)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "gateway \(user.uuidString.lowercased())")
            }
        }
    }

    @Test("a missing or short INTERNAL_SECRET stops the service at start")
    func requiresSecret() throws {
        #expect(throws: ConfigurationError.self) {
            try TestApplication.configuration(extra: ["INTERNAL_SECRET": ""])
        }
        #expect(throws: ConfigurationError.self) {
            try TestApplication.configuration(extra: ["INTERNAL_SECRET": "too-short"])
        }
    }
}
