import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceKit
import Synchronization
import TestSupport

/// profile-service's `GET /profile/skills` as profile-service answers it:
/// `{"items": [{id, name, category, level, years, lastUsed, sources, evidence}]}`,
/// an empty list for a user without a profile. Requests must carry an internal
/// token for profile-service naming a user (else 401), as its middleware
/// demands. `failing` makes it answer 500, as a profile-service in trouble would.
final class FakeProfileSkills: Sendable {
    private struct State {
        var levels: [UUID: [String: Int?]] = [:]
        var requests: [UUID?] = []
        var failing = false
    }

    let baseURL: String
    private let state = Mutex(State())
    private let tokens = try! InternalTokens(
        secret: Array(TestEnvironment.internalSecret.utf8), service: "profile-service")

    init(baseURL: String) { self.baseURL = baseURL }

    /// The user's skills: id → level (nil: held, level unknown).
    func setSkills(_ levels: [String: Int?], for user: UUID) { state.withLock { $0.levels[user] = levels } }

    func setFailing(_ failing: Bool) { state.withLock { $0.failing = failing } }

    /// The user each request acted for, in order.
    var requests: [UUID?] { state.withLock { $0.requests } }

    static func run<T>(_ body: (FakeProfileSkills) async throws -> T) async throws -> T {
        try await withTestServer(
            serving: { baseURL in
                let fake = FakeProfileSkills(baseURL: baseURL)
                return (fake, fake.router())
            }, body)
    }

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/profile/skills") { request, _ in
            guard let header = HTTPField.Name(InternalTokens.header), let token = request.headers[header],
                let identity = try? self.tokens.verify(token), let user = identity.userId
            else {
                self.state.withLock { $0.requests.append(nil) }
                return Self.problem(.unauthorized, "this service accepts only calls from CareerGini services")
            }
            let (levels, failing) = self.state.withLock { state in
                state.requests.append(user)
                return (state.levels[user] ?? [:], state.failing)
            }
            if failing { return Self.problem(.internalServerError, "something went wrong") }
            let items: [JSONValue] = levels.keys.sorted().map { id in
                var item: [String: JSONValue] = [
                    "id": .string(id), "name": .string(id), "category": .string("tool"), "sources": .array([]),
                    "evidence": .array([]),
                ]
                if let level = levels[id] ?? nil { item["level"] = .number(Double(level)) }
                return .object(item)
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(
                    byteBuffer: ByteBuffer(
                        bytes: try JSONEncoder().encode(JSONValue.object(["items": .array(items)])))))
        }
        return router
    }

    static func problem(_ status: HTTPResponse.Status, _ detail: String) -> Response {
        let body = Problem(title: status.reasonPhrase, status: status.code, detail: detail)
        let bytes = (try? JSONEncoder().encode(body)) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/problem+json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
