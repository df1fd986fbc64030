import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// Model routes for other services, not for users: `POST /internal/extract/resume`
/// (profile-service's résumé parser refined by the extraction model) and
/// `POST /internal/embed` (vectors for matching). Each call acts for a user,
/// whose id it must carry.
///
/// The gateway forwards users' `/api/v1/ai/*` here with its own internal token,
/// so for a caller whose token says "gateway" these routes answer 404, exactly
/// as if they did not exist.
struct InternalModelRoutesController: Sendable {
    let models: LanguageModels
    let extractor: ResumeExtractor

    init(models: LanguageModels) {
        self.models = models
        extractor = ResumeExtractor(models: models)
    }

    static let maximumTexts = 64
    static let maximumTotalBytes = 1_048_576

    func register(on router: Router<ServiceRequestContext>) {
        router.post("/internal/extract/resume", use: extractResume)
        router.post("/internal/embed", use: embed)
    }

    // MARK: Extraction

    @Sendable func extractResume(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try Self.requirePeerService(request, context: context)
        let body = try await request.decode(as: ResumeExtractionRequest.self, context: context)
        guard !body.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ServiceError.badRequest(
                "the résumé text is empty", fieldErrors: [.init(pointer: "/text", reason: "must not be empty")])
        }
        guard body.text.count <= ResumeExtractor.maximumTextCharacters else {
            throw ServiceError(
                .contentTooLarge,
                detail: "the résumé text is over \(ResumeExtractor.maximumTextCharacters) characters",
                fieldErrors: [
                    .init(pointer: "/text", reason: "at most \(ResumeExtractor.maximumTextCharacters) characters")
                ])
        }
        do {
            return try JSONResponse.make(try await extractor.extract(text: body.text, draft: body.draft))
        } catch let error as LanguageModelError where error.code == .overloaded {
            throw ServiceError.unavailable(
                "the extraction model is busy with other requests; retry shortly, or keep the parser's result",
                retryAfterSeconds: error.retryAfterSeconds ?? 5)
        }
    }

    // MARK: Embeddings

    @Sendable func embed(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try Self.requirePeerService(request, context: context)
        let body = try await request.decode(as: EmbedRequest.self, context: context)
        try Self.validate(body.texts)
        let route: ModelRoute
        switch await models.availableRoute(for: .embeddings) {
        case .success(let available): route = available
        case .failure(let unavailable):
            throw ServiceError.unavailable(
                "no embedding model: \(unavailable.reason); match on skills alone for now", retryAfterSeconds: 30)
        }
        let answer: (model: String, vectors: [[Float]])
        do {
            answer = try await models.embed(body.texts)
        } catch let error as LanguageModelError {
            throw Self.problem(for: error, backend: models.backend.kind)
        }
        let dimensions = try Self.dimensions(of: answer.vectors, inputs: body.texts.count, route: route)
        return try JSONResponse.make(
            EmbedResponse(model: answer.model, dimensions: dimensions, vectors: answer.vectors))
    }

    /// 1–64 texts, none blank, at most 1 MiB of UTF-8 between them.
    static func validate(_ texts: [String]) throws {
        guard (1...maximumTexts).contains(texts.count) else {
            throw ServiceError.badRequest(
                "send from 1 to \(maximumTexts) texts; this request has \(texts.count)",
                fieldErrors: [.init(pointer: "/texts", reason: "1–\(maximumTexts) texts")])
        }
        let blank = texts.indices.filter { texts[$0].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        guard blank.isEmpty else {
            throw ServiceError.badRequest(
                "texts must not be empty or only whitespace",
                fieldErrors: blank.map { .init(pointer: "/texts/\($0)", reason: "must not be empty") })
        }
        let total = texts.reduce(0) { $0 + $1.utf8.count }
        guard total <= maximumTotalBytes else {
            throw ServiceError(
                .contentTooLarge, detail: "the texts come to \(total) bytes; at most \(maximumTotalBytes) together",
                fieldErrors: [.init(pointer: "/texts", reason: "at most \(maximumTotalBytes) bytes in all")])
        }
    }

    /// One vector per input, all of one length, the length the routing table
    /// names for the model (vectors of another length never compare with stored
    /// ones), with finite values; else the runtime misbehaved: 502.
    static func dimensions(of vectors: [[Float]], inputs: Int, route: ModelRoute) throws -> Int {
        guard vectors.count == inputs else {
            throw ServiceError(
                .badGateway, detail: "the embedding model returned \(vectors.count) vectors for \(inputs) texts")
        }
        guard let dimensions = vectors.first?.count, dimensions > 0,
            vectors.allSatisfy({ $0.count == dimensions })
        else {
            throw ServiceError(.badGateway, detail: "the embedding model returned vectors of different lengths")
        }
        if let expected = route.dimensions, expected != dimensions {
            throw ServiceError(
                .badGateway,
                detail:
                    "\(route.model) returned \(dimensions)-dimensional vectors; the routing table says \(expected)")
        }
        guard vectors.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw ServiceError(.badGateway, detail: "the embedding model returned vectors with non-finite values")
        }
        return dimensions
    }

    /// A failed embedding call: the caller matches on skills alone until a model
    /// answers (503, with when to retry), or the runtime answered nonsense (502).
    static func problem(for error: LanguageModelError, backend: String) -> ServiceError {
        let reason = LanguageModels.describe(error, backend: backend)
        switch error.code {
        case .overloaded, .busy:
            return ServiceError.unavailable(
                "the embedding model is busy: \(reason); retry shortly", retryAfterSeconds: error.retryAfterSeconds ?? 5
            )
        case .unreachable, .modelNotFound, .timeout, .cancelled:
            return ServiceError.unavailable(
                "no embedding model: \(reason); match on skills alone for now", retryAfterSeconds: 30)
        case .invalidResponse, .runtimeError:
            return ServiceError(.badGateway, detail: "the embedding model failed: \(reason)")
        }
    }

    // MARK: Callers

    /// 404 for the gateway (users never reach these routes), then the user the
    /// calling service acts for, or 401.
    static func requirePeerService(_ request: Request, context: ServiceRequestContext) throws {
        if context.identity?.service == "gateway" {
            throw ServiceError.notFound("no route for \(request.method.rawValue) \(request.uri.path)")
        }
        _ = try context.requireUserId()
    }
}
