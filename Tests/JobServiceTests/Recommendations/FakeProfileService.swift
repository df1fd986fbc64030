import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceKit
import Synchronization
import TestSupport

@testable import JobService

/// profile-service's two read routes recommendations use, as profile-service
/// answers them: `GET /profile` (the stored JSON Resume, or a 404 problem) and
/// `GET /profile/embedding` ({model, dimensions, vector, updatedAt}, or a 404
/// problem). Requests must carry an internal token for profile-service naming
/// a user (else 401), as profile-service's middleware demands; each user gets
/// their own profile.
final class FakeProfileService: Sendable {
    private struct State {
        var profiles: [UUID: Resume] = [:]
        var embeddings: [UUID: ProfileServiceClient.ProfileEmbedding] = [:]
        var requests: [(path: String, user: UUID?)] = []
    }

    let baseURL: String
    private let state = Mutex(State())
    private let tokens = try! InternalTokens(
        secret: Array(TestEnvironment.internalSecret.utf8), service: "profile-service")

    init(baseURL: String) { self.baseURL = baseURL }

    func setProfile(_ resume: Resume?, for user: UUID) { state.withLock { $0.profiles[user] = resume } }

    func setEmbedding(model: String, vector: [Float], for user: UUID) {
        state.withLock {
            $0.embeddings[user] = .init(model: model, dimensions: vector.count, vector: vector, updatedAt: Date())
        }
    }

    /// Paths requested, with the user each acted for.
    var requests: [(path: String, user: UUID?)] { state.withLock { $0.requests } }

    static func run<T>(_ body: (FakeProfileService) async throws -> T) async throws -> T {
        try await withTestServer(
            serving: { baseURL in
                let fake = FakeProfileService(baseURL: baseURL)
                return (fake, fake.router())
            }, body)
    }

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/profile") { request, _ in
            try self.answer(request, path: "/profile") { user in
                try self.state.withLock { $0.profiles[user] }.map { try Self.json($0) }
                    ?? Self.problem(
                        .notFound, "no profile yet: import a résumé, a LinkedIn export or GitHub, or save one")
            }
        }
        router.get("/profile/embedding") { request, _ in
            try self.answer(request, path: "/profile/embedding") { user in
                try self.state.withLock { $0.embeddings[user] }.map { try Self.json($0) }
                    ?? Self.problem(.notFound, "no profile vector yet: matching uses skills alone")
            }
        }
        return router
    }

    private func answer(_ request: Request, path: String, _ body: (UUID) throws -> Response) throws -> Response {
        guard let header = HTTPField.Name(InternalTokens.header), let token = request.headers[header],
            let identity = try? tokens.verify(token), let user = identity.userId
        else {
            state.withLock { $0.requests.append((path, nil)) }
            return Self.problem(.unauthorized, "this service accepts only calls from CareerGini services")
        }
        state.withLock { $0.requests.append((path, user)) }
        return try body(user)
    }

    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func problem(_ status: HTTPResponse.Status, _ detail: String) -> Response {
        let body = Problem(title: status.reasonPhrase, status: status.code, detail: detail)
        let bytes = (try? JSONEncoder().encode(body)) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/problem+json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
