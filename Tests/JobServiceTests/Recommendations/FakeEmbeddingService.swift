import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceKit
import Synchronization
import TestSupport

/// The AI service's `POST /internal/embed` as it answers: an internal token for
/// ai-service is required (else 401), 1–64 non-blank texts (else 400), one
/// unit-length vector per text from the embedding model, or — while no model is
/// available — 503 with `Retry-After: 30` and the AI service's problem detail.
/// A call may act for no user: job-service embeds postings on its own behalf.
final class FakeEmbeddingService: Sendable {
    struct Call: Sendable {
        var texts: [String]
        /// Who the call said it acts for.
        var identity: RequestIdentity
    }

    private struct State {
        var available = true
        var calls: [Call] = []
    }

    static let model = "all-minilm"
    static let dimensions = 8

    let baseURL: String
    private let state = Mutex(State())
    private let tokens = try! InternalTokens(secret: Array(TestEnvironment.internalSecret.utf8), service: "ai-service")
    /// Runs while a call is answered, before the answer is sent.
    private let duringCall: @Sendable () async throws -> Void

    init(baseURL: String, duringCall: @escaping @Sendable () async throws -> Void = {}) {
        self.baseURL = baseURL
        self.duringCall = duringCall
    }

    var available: Bool {
        get { state.withLock { $0.available } }
        set { state.withLock { $0.available = newValue } }
    }

    var calls: [Call] { state.withLock { $0.calls } }

    static func run<T>(
        duringCall: @escaping @Sendable () async throws -> Void = {}, _ body: (FakeEmbeddingService) async throws -> T
    ) async throws -> T {
        try await withTestServer(
            serving: { baseURL in
                let fake = FakeEmbeddingService(baseURL: baseURL, duringCall: duringCall)
                return (fake, fake.router())
            }, body)
    }

    /// A deterministic unit vector for a text: letter frequencies folded into
    /// `dimensions` buckets, so similar texts have similar vectors.
    static func vector(for text: String) -> [Float] {
        var vector = [Float](repeating: 0, count: dimensions)
        for scalar in text.lowercased().unicodeScalars where scalar.properties.isAlphabetic {
            vector[Int(scalar.value) % dimensions] += 1
        }
        let norm = vector.map { $0 * $0 }.reduce(0, +).squareRoot()
        return norm == 0 ? vector : vector.map { $0 / norm }
    }

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/internal/embed") { request, context in
            guard let header = HTTPField.Name(InternalTokens.header), let token = request.headers[header],
                let identity = try? self.tokens.verify(token)
            else {
                return FakeProfileService.problem(
                    .unauthorized, "this service accepts only calls from CareerGini services")
            }
            let body = try await request.decode(as: EmbedRequest.self, context: context)
            guard (1...64).contains(body.texts.count),
                body.texts.allSatisfy({ !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty })
            else {
                return FakeProfileService.problem(.badRequest, "send from 1 to 64 texts, none blank")
            }
            let available = self.state.withLock { state in
                state.calls.append(Call(texts: body.texts, identity: identity))
                return state.available
            }
            try await self.duringCall()
            guard available else {
                var response = FakeProfileService.problem(
                    .serviceUnavailable,
                    "no embedding model: all-minilm is not installed; match on skills alone for now")
                response.headers[.retryAfter] = "30"
                return response
            }
            return try FakeProfileService.json(
                EmbedResponse(model: Self.model, dimensions: Self.dimensions, vectors: body.texts.map(Self.vector)))
        }
        return router
    }
}
