import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceKit

/// What the model runtime has and what the routing table needs: `GET /models`
/// reports it; `POST /models/pull` fetches what is missing, streaming progress.
struct ModelsController: Sendable {
    let models: LanguageModels
    /// Pulling is an Ollama feature; other runtimes load models themselves.
    let ollama: OllamaClient?

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/models", use: list)
        router.post("/models/pull", use: pull)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        await models.refresh()
        return try JSONResponse.make(await models.status())
    }

    struct PullRequest: Decodable {
        /// Models to pull; by default every routed model the runtime lacks.
        var models: [String]?
    }

    /// One NDJSON line of pull progress, per model.
    struct PullLine: Encodable {
        var model: String?
        var status: String
        var digest: String?
        var total: Int64?
        var completed: Int64?
        var error: String?
        var pulled: [String]?
        var failed: [String]?
    }

    @Sendable func pull(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard context.identity?.roles.contains("admin") == true else {
            throw ServiceError(.forbidden, detail: "pulling models needs the admin role")
        }
        guard let ollama else {
            throw ServiceError(
                .conflict,
                detail: "the \(models.backend.kind) backend can't pull models: load them in that runtime instead")
        }
        let body = try await Self.decodeOptional(PullRequest.self, from: request, context: context)
        let routed = Set(models.routing.models)
        if let asked = body?.models, let unknown = asked.first(where: { !routed.contains($0) }) {
            throw ServiceError.badRequest(
                "\(unknown) is not in the routing table; pull only the models CareerGini uses",
                fieldErrors: [.init(pointer: "/models", reason: "must name routed models")])
        }
        guard case .success = await models.refresh() else {
            throw ServiceError.unavailable("no Ollama is reachable to pull into", retryAfterSeconds: 10)
        }
        let missing = await models.status().missing
        let wanted = body?.models ?? missing
        let models = self.models
        let logger = context.logger
        var headers = HTTPFields()
        headers[.contentType] = "application/x-ndjson"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                var pulled: [String] = []
                var failed: [String] = []
                for model in wanted {
                    do {
                        for try await progress in try await ollama.pull(model: model) {
                            try await writer.write(
                                Self.line(
                                    PullLine(
                                        model: model, status: progress.status, digest: progress.digest,
                                        total: progress.total, completed: progress.completed)))
                        }
                        pulled.append(model)
                    } catch {
                        logger.warning("model pull failed", metadata: ["model": "\(model)", "error": "\(error)"])
                        failed.append(model)
                        try await writer.write(
                            Self.line(PullLine(model: model, status: "error", error: "\(error)")))
                    }
                }
                await models.refresh()
                try await writer.write(Self.line(PullLine(status: "done", pulled: pulled, failed: failed)))
                try await writer.finish(nil)
            })
    }

    static func line(_ value: PullLine) -> ByteBuffer {
        var bytes = (try? InternalServiceClient.encoder.encode(value)) ?? Data()
        bytes.append(UInt8(ascii: "\n"))
        return ByteBuffer(bytes: bytes)
    }

    /// An empty body means "the defaults"; anything else must be valid JSON.
    static func decodeOptional<Value: Decodable>(
        _ type: Value.Type, from request: Request, context: ServiceRequestContext
    ) async throws -> Value? {
        var request = request
        let buffer = try await request.collectBody(upTo: 64 * 1024)
        guard buffer.readableBytes > 0 else { return nil }
        do {
            return try JSONDecoder().decode(Value.self, from: Data(buffer.readableBytesView))
        } catch {
            throw ServiceError.badRequest("the body is not valid JSON for this route")
        }
    }
}
