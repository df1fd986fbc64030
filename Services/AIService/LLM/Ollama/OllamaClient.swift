import Contracts
import CurlHTTP
import Foundation

/// The AI service's client for Ollama's native API (docs/api.md) over CurlHTTP.
///
/// Every Ollama failure becomes a `LanguageModelError` the callers can act on:
/// 404 "model not found" → `.modelNotFound`, 503 → `.busy`, no connection →
/// `.unreachable`, a cold load or stalled stream past its deadline → `.timeout`.
struct OllamaClient: LanguageModelBackend {
    /// Deadlines: connecting must be quick (Ollama runs next to us), the first
    /// byte may take as long as a cold model load on CPU.
    struct Timeouts: Sendable {
        var connect: Duration
        /// Until a stream's headers arrive: Ollama sends them once the model is loaded.
        var firstByte: Duration
        /// Aborts a stream that delivers nothing (under 1 byte/s) for this long; nil: never.
        var streamStall: Duration?
        /// A whole non-streamed answer or embedding batch, model load included:
        /// without streaming, Ollama sends its headers only with the finished answer.
        var completion: Duration
        /// Calls that load no model: tags, ps, show, version.
        var metadata: Duration

        init(
            connect: Duration = .seconds(2), firstByte: Duration = .seconds(120),
            streamStall: Duration? = .seconds(60), completion: Duration = .seconds(300),
            metadata: Duration = .seconds(10)
        ) {
            self.connect = connect
            self.firstByte = firstByte
            self.streamStall = streamStall
            self.completion = completion
            self.metadata = metadata
        }
    }

    let kind = "ollama"
    let baseURL: String
    let http: CurlHTTPClient
    let timeouts: Timeouts
    /// Inputs (after chunking) per `/api/embed` request.
    let embeddingBatchSize: Int

    /// An embedding model's input window when the route names none (all-minilm's 256).
    static let defaultEmbeddingWindow = 256
    /// Error bodies are one short JSON object; more than this is not read.
    static let errorBodyLimit = 64 * 1024
    static let maxResponseBytes = 32 * 1024 * 1024

    init(baseURL: String, http: CurlHTTPClient, timeouts: Timeouts = Timeouts(), embeddingBatchSize: Int = 32) {
        var baseURL = baseURL
        while baseURL.hasSuffix("/") { baseURL.removeLast() }
        self.baseURL = baseURL
        self.http = http
        self.timeouts = timeouts
        self.embeddingBatchSize = max(1, embeddingBatchSize)
    }

    // MARK: - Generation

    func chat(_ request: ChatRequest) async throws -> ChatCompletion {
        let line: OllamaWire.GenerationLine = try await call(
            "/api/chat", body: Self.chatBody(request, stream: false), model: request.model, timing: .completion)
        return try Self.completion(from: line, model: request.model)
    }

    func streamChat(_ request: ChatRequest) async throws -> ChatStream {
        let response = try await open(
            "/api/chat", body: Self.chatBody(request, stream: true), model: request.model, timing: .stream)
        return OllamaStreams.generation(from: response.body, model: request.model)
    }

    func generate(_ request: GenerateRequest) async throws -> ChatCompletion {
        let line: OllamaWire.GenerationLine = try await call(
            "/api/generate", body: Self.generateBody(request, stream: false), model: request.model,
            timing: .completion)
        return try Self.completion(from: line, model: request.model)
    }

    func streamGenerate(_ request: GenerateRequest) async throws -> ChatStream {
        let response = try await open(
            "/api/generate", body: Self.generateBody(request, stream: true), model: request.model, timing: .stream)
        return OllamaStreams.generation(from: response.body, model: request.model)
    }

    private static func chatBody(_ request: ChatRequest, stream: Bool) throws -> [UInt8] {
        try encode(
            OllamaWire.ChatBody(
                model: request.model, messages: request.messages, stream: stream, options: nonEmpty(request.options),
                format: request.format, keepAlive: request.keepAlive))
    }

    private static func generateBody(_ request: GenerateRequest, stream: Bool) throws -> [UInt8] {
        try encode(
            OllamaWire.GenerateBody(
                model: request.model, prompt: request.prompt, system: request.system, stream: stream,
                options: nonEmpty(request.options), format: request.format, keepAlive: request.keepAlive))
    }

    private static func nonEmpty(_ options: ModelOptions?) -> ModelOptions? {
        options == ModelOptions() ? nil : options
    }

    private static func completion(from line: OllamaWire.GenerationLine, model: String) throws -> ChatCompletion {
        if let error = line.error { throw LanguageModelError(.runtimeError, error, model: model, status: 200) }
        return ChatCompletion(
            model: line.model ?? model, content: line.content, doneReason: line.doneReason, metrics: line.metrics)
    }

    // MARK: - Embeddings

    /// Inputs longer than the window (`options.numCtx`, else 256 tokens) are sent
    /// as several chunks whose vectors are merged, so there is still one vector per
    /// input, in order; chunks go in batches of `embeddingBatchSize`.
    func embed(_ request: EmbeddingRequest) async throws -> [[Float]] {
        guard !request.inputs.isEmpty else { return [] }
        let window = max(1, request.options?.numCtx ?? Self.defaultEmbeddingWindow)
        let pieces = request.inputs.enumerated().flatMap { index, input in
            EmbeddingChunking.chunks(of: input, window: window).map { (input: index, text: $0) }
        }
        var vectors = [[[Float]]](repeating: [], count: request.inputs.count)
        for start in stride(from: 0, to: pieces.count, by: embeddingBatchSize) {
            let batch = pieces[start..<min(start + embeddingBatchSize, pieces.count)]
            let body = try Self.encode(
                OllamaWire.EmbedBody(
                    model: request.model, input: batch.map(\.text), truncate: true, options: request.options,
                    keepAlive: request.keepAlive))
            let response: OllamaWire.EmbedResponse = try await call(
                "/api/embed", body: body, model: request.model, timing: .completion)
            guard response.embeddings.count == batch.count else {
                throw LanguageModelError(
                    .invalidResponse, "Ollama returned \(response.embeddings.count) vectors for \(batch.count) inputs",
                    model: request.model)
            }
            for (piece, vector) in zip(batch, response.embeddings) { vectors[piece.input].append(vector) }
        }
        var merged: [[Float]] = []
        for chunkVectors in vectors {
            guard let vector = EmbeddingChunking.mergedVector(chunkVectors),
                vector.count == merged.first?.count ?? vector.count
            else {
                throw LanguageModelError(
                    .invalidResponse, "Ollama returned empty or mismatched vectors", model: request.model)
            }
            merged.append(vector)
        }
        return merged
    }

    // MARK: - Models

    func installedModels() async throws -> [InstalledModel] {
        let tags: OllamaWire.TagsResponse = try await call("/api/tags", model: nil, timing: .metadata)
        return tags.models.map {
            InstalledModel(name: $0.name, sizeBytes: $0.size, digest: $0.digest, modifiedAt: $0.modifiedAt)
        }
    }

    func runningModels() async throws -> [RunningModel] {
        let running: OllamaWire.PSResponse = try await call("/api/ps", model: nil, timing: .metadata)
        return running.models.map {
            RunningModel(
                name: $0.name, sizeBytes: $0.size, sizeVRAMBytes: $0.sizeVRAM, digest: $0.digest,
                expiresAt: $0.expiresAt, contextLength: $0.contextLength)
        }
    }

    func show(model: String) async throws -> ModelDescription {
        let shown: OllamaWire.ShowResponse = try await call(
            "/api/show", body: Self.encode(OllamaWire.ShowBody(model: model)), model: model, timing: .metadata)
        let info = shown.modelInfo ?? [:]
        var architecture: String?
        if case .string(let name) = info["general.architecture"] { architecture = name }
        /// `<arch>.<key>`, or any `*.<key>` when the architecture is not named.
        func integer(_ key: String) -> Int? {
            let candidates = architecture.map { [info["\($0).\(key)"]] } ?? []
            let fallback = info.keys.sorted().filter { $0.hasSuffix(".\(key)") }.map { info[$0] }
            for case .number(let value)? in candidates + fallback {
                if let integer = Int(exactly: value) { return integer }
            }
            return nil
        }
        return ModelDescription(
            architecture: architecture, contextLength: integer("context_length"),
            embeddingLength: integer("embedding_length"), parameters: shown.parameters, template: shown.template,
            family: shown.details?.family, parameterSize: shown.details?.parameterSize,
            quantizationLevel: shown.details?.quantizationLevel, capabilities: shown.capabilities ?? [])
    }

    /// Starts `ollama pull`; the progress streams as Ollama reports it and the
    /// sequence ends after "success". Dropping the sequence aborts the pull request.
    func pull(model: String) async throws -> AsyncThrowingStream<PullProgress, any Error> {
        let response = try await open(
            "/api/pull", body: Self.encode(OllamaWire.PullBody(model: model, stream: true)), model: model,
            timing: .stream)
        return OllamaStreams.pull(from: response.body, model: model)
    }

    func version() async throws -> String {
        let answer: OllamaWire.VersionResponse = try await call("/api/version", model: nil, timing: .metadata)
        return answer.version
    }

    // MARK: - HTTP

    private enum Timing {
        case metadata
        case completion
        case stream
    }

    private func curlTimeouts(_ timing: Timing) -> CurlRequest.Timeouts {
        switch timing {
        case .metadata: CurlRequest.Timeouts(connect: timeouts.connect, total: timeouts.metadata)
        case .completion: CurlRequest.Timeouts(connect: timeouts.connect, total: timeouts.completion)
        case .stream:
            CurlRequest.Timeouts(
                connect: timeouts.connect, total: nil, firstByte: timeouts.firstByte,
                lowSpeed: timeouts.streamStall.map { (bytesPerSecond: 1, window: $0) })
        }
    }

    /// Sends the request and returns at the response headers; a non-2xx answer is
    /// thrown as the matching `LanguageModelError`.
    private func open(_ path: String, body: [UInt8]? = nil, model: String?, timing: Timing) async throws -> CurlResponse
    {
        var headers = [(name: "Accept", value: "application/json, application/x-ndjson")]
        if body != nil { headers.append((name: "Content-Type", value: "application/json")) }
        let request = CurlRequest(
            method: body == nil ? "GET" : "POST", url: baseURL + path, headers: headers, body: body.map { .bytes($0) },
            timeouts: curlTimeouts(timing), maxResponseBytes: Self.maxResponseBytes)
        do {
            let response = try await http.execute(request)
            guard (200..<300).contains(response.status) else { throw await Self.failure(of: response, model: model) }
            return response
        } catch {
            throw LanguageModelError.from(error, model: model)
        }
    }

    /// `open`, then the whole body decoded as `Answer`.
    private func call<Answer: Decodable>(
        _ path: String, body: [UInt8]? = nil, model: String?, timing: Timing
    ) async throws -> Answer {
        let response = try await open(path, body: body, model: model, timing: timing)
        do {
            let bytes = try await response.body.collect(upTo: Self.maxResponseBytes)
            return try JSONDecoder().decode(Answer.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw LanguageModelError(
                .invalidResponse, "Ollama's answer to \(path) is not as documented: \(error)", model: model,
                status: response.status)
        } catch {
            throw LanguageModelError.from(error, model: model)
        }
    }

    /// Ollama's error answer (`{"error": "..."}`, read up to `errorBodyLimit`) as our error.
    private static func failure(of response: CurlResponse, model: String?) async -> LanguageModelError {
        let bytes = (try? await response.body.collect(upTo: errorBodyLimit)) ?? []
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let decoded = try? JSONDecoder().decode(OllamaWire.ErrorBody.self, from: Data(bytes))
        let message = decoded?.error ?? (text.isEmpty ? "HTTP \(response.status)" : String(text.prefix(500)))
        switch response.status {
        case 404 where message.contains("model") && message.contains("not found"):
            return LanguageModelError(.modelNotFound, message, model: model, status: 404)
        case 503:
            let retryAfter = response.header("Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            return LanguageModelError(.busy, message, model: model, status: 503, retryAfterSeconds: retryAfter)
        default:
            return LanguageModelError(.runtimeError, message, model: model, status: response.status)
        }
    }

    private static func encode(_ body: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return Array(try encoder.encode(body))
    }
}
