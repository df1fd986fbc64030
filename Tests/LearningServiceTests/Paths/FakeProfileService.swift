import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceKit
import Synchronization
import TestSupport

/// profile-service as learning-service calls it, on its real wire: `GET
/// /profile/skills` (the `SkillsController` list) and `POST
/// /internal/profile/skills/learning` (a `LearningEvidence` body, answered
/// with an import record). Internal tokens are verified as profile-service
/// verifies them; every evidence call is recorded with the user and the
/// calling service. `down` makes it answer 503 like a service that is failing.
final class FakeProfileService: Sendable {
    struct EvidenceCall: Sendable, Equatable {
        var userId: UUID
        var service: String
        var evidence: LearningEvidence
    }

    struct State {
        var skills: [UUID: [(id: String, level: Int?)]] = [:]
        var evidence: [EvidenceCall] = []
        var down = false
        /// Answer evidence with 422, as profile-service does for a skill it does not know.
        var refuse = false
    }

    let baseURL: String
    let state = Mutex(State())
    private let tokens = try! InternalTokens(
        secret: Array(TestEnvironment.internalSecret.utf8), service: ServiceDescriptor.profileService.name)

    init(baseURL: String) { self.baseURL = baseURL }

    var evidence: [EvidenceCall] { state.withLock { $0.evidence } }

    func setDown(_ down: Bool) { state.withLock { $0.down = down } }

    func setRefusing(_ refuse: Bool) { state.withLock { $0.refuse = refuse } }

    func setSkills(_ skills: [(id: String, level: Int?)], for user: UUID) {
        state.withLock { $0.skills[user] = skills }
    }

    /// Runs `body` with a fake listening on a free port.
    static func serve<Result>(_ body: (FakeProfileService) async throws -> Result) async throws -> Result {
        try await withTestServer(
            serving: { baseURL in
                let fake = FakeProfileService(baseURL: baseURL)
                return (fake, fake.router())
            }, body)
    }

    private func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/profile/skills") { request, _ -> Response in
            guard let identity = self.identity(request) else { return Self.problem(.unauthorized) }
            if self.state.withLock({ $0.down }) { return Self.problem(.serviceUnavailable) }
            let skills = self.state.withLock { $0.skills[identity.userId ?? UUID()] ?? [] }
            let items: [[String: JSONValue]] = skills.map { skill in
                var item: [String: JSONValue] = [
                    "id": .string(skill.id), "name": .string(skill.id), "category": .string("tool"),
                    "sources": .array([.string("resume")]), "evidence": .array([]),
                ]
                if let level = skill.level { item["level"] = .number(Double(level)) }
                return item
            }
            return Self.json(.object(["items": .array(items.map(JSONValue.object))]))
        }
        router.post("/internal/profile/skills/learning") { request, context -> Response in
            guard let identity = self.identity(request), let userId = identity.userId else {
                return Self.problem(.unauthorized)
            }
            if self.state.withLock({ $0.down }) { return Self.problem(.serviceUnavailable) }
            if self.state.withLock({ $0.refuse }) { return Self.problem(.unprocessableContent) }
            let evidence = try await request.decode(as: LearningEvidence.self, context: context)
            self.state.withLock {
                $0.evidence.append(EvidenceCall(userId: userId, service: identity.service, evidence: evidence))
            }
            return Self.json(
                .object([
                    "id": .string(UUID().uuidString.lowercased()), "kind": .string("learning"),
                    "label": .string("CareerGini learning paths"), "status": .string("succeeded"),
                    "counts": .object([:]), "changes": .object([:]), "warnings": .array([]),
                    "createdAt": .string("2026-11-03T10:00:00Z"),
                ]))
        }
        return router
    }

    private func identity(_ request: Request) -> RequestIdentity? {
        guard let token = request.headers[HTTPField.Name(InternalTokens.header)!] else { return nil }
        return try? tokens.verify(token)
    }

    private static func json(_ value: JSONValue) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try! JSONEncoder().encode(value))))
    }

    private static func problem(_ status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "application/problem+json"],
            body: ResponseBody(
                byteBuffer: ByteBuffer(string: #"{"type":"about:blank","title":"\#(status.reasonPhrase)"}"#)))
    }
}
