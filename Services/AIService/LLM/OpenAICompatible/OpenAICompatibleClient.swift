import Contracts
import CurlHTTP
import Foundation
import Synchronization

/// The backend for operators who run llama.cpp's `llama-server`, vLLM or LM
/// Studio instead of Ollama: the OpenAI-compatible `/v1` API over CurlHTTP.
struct OpenAICompatibleClient: LanguageModelBackend {
    struct Configuration: Sendable {
        /// Where the server listens, e.g. `http://127.0.0.1:8080`. A trailing
        /// `/v1` is accepted too: paths are appended as `/v1/...`.
        var baseURL: String
        /// Sent as `Authorization: Bearer` (llama-server's `--api-key`, vLLM's `--api-key`).
        var apiKey: String?
        /// A local server either accepts at once or is not running.
        var connectTimeout: Duration
        /// Until the response headers: long enough for a cold model load.
        var firstByteTimeout: Duration
        /// A stream that delivers nothing for this long has stalled. libcurl
        /// counts the wait for the headers too, so it never cuts below `firstByteTimeout`.
        var stallTimeout: Duration
        /// A whole non-streamed call; its headers arrive only when the answer is complete.
        var totalTimeout: Duration
        /// Short calls: `/health` and `/v1/models`.
        var probeTimeout: Duration
        /// Inputs per `/v1/embeddings` request.
        var embeddingBatchSize: Int

        init(
            baseURL: String, apiKey: String? = nil, connectTimeout: Duration = .seconds(2),
            firstByteTimeout: Duration = .seconds(120), stallTimeout: Duration = .seconds(120),
            totalTimeout: Duration = .seconds(600), probeTimeout: Duration = .seconds(10), embeddingBatchSize: Int = 32
        ) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.connectTimeout = connectTimeout
            self.firstByteTimeout = firstByteTimeout
            self.stallTimeout = stallTimeout
            self.totalTimeout = totalTimeout
            self.probeTimeout = probeTimeout
            self.embeddingBatchSize = max(1, embeddingBatchSize)
        }
    }

    /// Larger answers are refused: 32 embeddings of 4096 floats as JSON are under 4 MiB.
    static let maxAnswerBytes = 16 * 1024 * 1024

    let kind = "openai-compatible"
    /// Which structured-output form this server takes, learnt from its first refusal.
    private let formatStyle = FormatStyleMemory()
    let configuration: Configuration
    private let http: CurlHTTPClient
    /// Scheme, host and port with any trailing `/` and `/v1` removed.
    private let root: String

    init(configuration: Configuration, http: CurlHTTPClient) {
        self.configuration = configuration
        self.http = http
        var root = configuration.baseURL
        while root.hasSuffix("/") { root.removeLast() }
        if root.hasSuffix("/v1") { root.removeLast(3) }
        self.root = root
    }

    // MARK: Chat

    func chat(_ request: ChatRequest) async throws -> ChatCompletion {
        try await negotiatingFormat(request) { try await chat(request, style: $0) }
    }

    func streamChat(_ request: ChatRequest) async throws -> ChatStream {
        try await negotiatingFormat(request) { try await streamChat(request, style: $0) }
    }

    /// Sends in the structured-output form that worked last; when the server
    /// refuses the OpenAI form for the other one (llama-cpp-python), switches to
    /// it for good and retries once.
    private func negotiatingFormat<T>(
        _ request: ChatRequest, _ send: (FormatStyle) async throws -> T
    ) async throws -> T {
        let style = formatStyle.value
        do {
            return try await send(style)
        } catch let error as LanguageModelError
            where request.format != nil && style == .jsonSchema && Self.refusesJSONSchema(error)
        {
            formatStyle.value = .jsonObject
            return try await send(.jsonObject)
        }
    }

    /// llama-cpp-python: 500/422 "Input should be 'text' or 'json_object'".
    static func refusesJSONSchema(_ error: LanguageModelError) -> Bool {
        guard error.code == .runtimeError, let status = error.status, (400..<600).contains(status) else {
            return false
        }
        let message = error.message.lowercased()
        return message.contains("json_object") || message.contains("response_format")
    }

    private func chat(_ request: ChatRequest, style: FormatStyle) async throws -> ChatCompletion {
        let started = ContinuousClock.now
        let body = try encode(Self.wireRequest(request, stream: false, style: style))
        let timeouts = CurlRequest.Timeouts(
            connect: configuration.connectTimeout, total: configuration.totalTimeout, firstByte: nil)
        let answer: OpenAIWire.Completion = try await call(
            "POST", "/v1/chat/completions", body: body, timeouts: timeouts, model: request.model)
        guard let choice = answer.choices?.first, let content = choice.message?.content else {
            throw LanguageModelError(
                .invalidResponse, "the answer has no choices[0].message.content", model: request.model)
        }
        return ChatCompletion(
            model: answer.model ?? request.model, content: content, doneReason: choice.finishReason,
            metrics: GenerationMetrics(usage: answer.usage, timings: answer.timings, wallTime: .now - started))
    }

    private func streamChat(_ request: ChatRequest, style: FormatStyle) async throws -> ChatStream {
        let started = ContinuousClock.now
        let body = try encode(Self.wireRequest(request, stream: true, style: style))
        let stall = max(configuration.stallTimeout, configuration.firstByteTimeout)
        let timeouts = CurlRequest.Timeouts(
            connect: configuration.connectTimeout, total: nil, firstByte: configuration.firstByteTimeout,
            lowSpeed: (bytesPerSecond: 1, window: stall))
        let response = try await send(
            "POST", "/v1/chat/completions", body: body, accept: "text/event-stream", timeouts: timeouts,
            model: request.model)
        let reader = OpenAIChatStreamReader(body: response.body, model: request.model, started: started)
        return ChatStream { try await reader.next() }
    }

    /// The request body; `num_ctx` and `num_thread` are the server's load-time settings and are not sent.
    static func wireRequest(
        _ request: ChatRequest, stream: Bool, style: FormatStyle = .jsonSchema
    )
        -> OpenAIWire.ChatRequest
    {
        OpenAIWire.ChatRequest(
            model: request.model,
            messages: request.messages.map { OpenAIWire.Message(role: $0.role.rawValue, content: $0.content) },
            stream: stream, streamOptions: stream ? OpenAIWire.StreamOptions(includeUsage: true) : nil,
            temperature: request.options.temperature, topP: request.options.topP,
            maxTokens: request.options.numPredict,
            responseFormat: request.format.map {
                style == .jsonSchema ? OpenAIWire.ResponseFormat.schema($0) : OpenAIWire.ResponseFormat.jsonObject($0)
            })
    }

    // MARK: Embeddings

    func embed(_ request: EmbeddingRequest) async throws -> [[Float]] {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(request.inputs.count)
        var start = 0
        while start < request.inputs.count {
            let end = min(request.inputs.count, start + configuration.embeddingBatchSize)
            let batch = Array(request.inputs[start..<end])
            vectors.append(contentsOf: try await embedBatch(batch, model: request.model))
            start = end
        }
        return vectors
    }

    private func embedBatch(_ inputs: [String], model: String) async throws -> [[Float]] {
        let body = try encode(OpenAIWire.EmbeddingRequest(model: model, input: inputs))
        let timeouts = CurlRequest.Timeouts(connect: configuration.connectTimeout, total: configuration.totalTimeout)
        let answer: OpenAIWire.EmbeddingResponse = try await call(
            "POST", "/v1/embeddings", body: body, timeouts: timeouts, model: model)
        // Servers may answer out of order; `index` is what ties a vector to its input.
        var ordered = [[Float]?](repeating: nil, count: inputs.count)
        for item in answer.data {
            guard ordered.indices.contains(item.index), ordered[item.index] == nil, !item.embedding.isEmpty else {
                throw LanguageModelError(
                    .invalidResponse, "embedding index \(item.index) is out of range, repeated or empty", model: model)
            }
            ordered[item.index] = item.embedding
        }
        let vectors = ordered.compactMap { $0 }
        guard vectors.count == inputs.count else {
            throw LanguageModelError(
                .invalidResponse, "asked for \(inputs.count) embeddings, got \(vectors.count)", model: model)
        }
        guard let dimension = vectors.first?.count, vectors.allSatisfy({ $0.count == dimension }) else {
            throw LanguageModelError(.invalidResponse, "embeddings of different lengths", model: model)
        }
        return vectors.map(Self.normalised)
    }

    /// Unit length, so cosine similarity is a dot product; not every server normalises.
    static func normalised(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0, norm.isFinite else { return vector }
        return vector.map { $0 / norm }
    }

    // MARK: Models and health

    func installedModels() async throws -> [InstalledModel] {
        let timeouts = CurlRequest.Timeouts(connect: configuration.connectTimeout, total: configuration.probeTimeout)
        let list: OpenAIWire.ModelList = try await call("GET", "/v1/models", body: nil, timeouts: timeouts, model: nil)
        return list.data.map { InstalledModel(name: $0.id, sizeBytes: $0.meta?.size) }
    }

    /// llama-server's `/health` (503 while the model loads, thrown as `.busy`);
    /// servers without it (LM Studio) answer 404 there, and `/v1/models` stands in.
    func version() async throws -> String {
        let timeouts = CurlRequest.Timeouts(connect: configuration.connectTimeout, total: configuration.probeTimeout)
        let response = try await send("GET", "/health", body: nil, timeouts: timeouts, model: nil, acceptNotFound: true)
        if response.status == 404 {
            _ = await readPrefix(of: response.body, limit: OpenAIErrorMapping.errorBodyLimit)
            let models = try await installedModels()
            return "\(kind) (\(models.count) model\(models.count == 1 ? "" : "s"))"
        }
        let bytes = try await collect(response.body, model: nil)
        // vLLM answers an empty 200; llama-server `{"status":"ok"}`.
        let status = (try? JSONDecoder().decode(OpenAIWire.Health.self, from: Data(bytes)))?.status ?? "ok"
        return "\(kind) (health \(status))"
    }

    // MARK: HTTP

    /// Sends the request and decodes a successful JSON answer.
    private func call<Answer: Decodable>(
        _ method: String, _ path: String, body: [UInt8]?, timeouts: CurlRequest.Timeouts, model: String?
    ) async throws -> Answer {
        let response = try await send(method, path, body: body, timeouts: timeouts, model: model)
        let bytes = try await collect(response.body, model: model)
        do {
            return try JSONDecoder().decode(Answer.self, from: Data(bytes))
        } catch {
            throw LanguageModelError(
                .invalidResponse, "unreadable answer from \(path): \(error)", model: model, status: response.status)
        }
    }

    /// Sends the request; returns at the headers of a 2xx answer (or a 404 when
    /// `acceptNotFound`), and throws the mapped error for any other status.
    private func send(
        _ method: String, _ path: String, body: [UInt8]?, accept: String = "application/json",
        timeouts: CurlRequest.Timeouts, model: String?, acceptNotFound: Bool = false
    ) async throws -> CurlResponse {
        var headers: [(name: String, value: String)] = [("Accept", accept)]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        if let apiKey = configuration.apiKey, !apiKey.isEmpty { headers.append(("Authorization", "Bearer \(apiKey)")) }
        let request = CurlRequest(
            method: method, url: root + path, headers: headers, body: body.map { .bytes($0) }, timeouts: timeouts)
        let response: CurlResponse
        do {
            try Task.checkCancellation()
            response = try await http.execute(request)
        } catch {
            throw OpenAIErrorMapping.error(for: error, model: model, answering: false)
        }
        if (200..<300).contains(response.status) || (acceptNotFound && response.status == 404) { return response }
        let errorBody = await readPrefix(of: response.body, limit: OpenAIErrorMapping.errorBodyLimit)
        throw OpenAIErrorMapping.error(
            status: response.status, body: errorBody, retryAfter: response.header("Retry-After"), model: model)
    }

    private func collect(_ body: CurlResponseBody, model: String?) async throws -> [UInt8] {
        do {
            return try await body.collect(upTo: Self.maxAnswerBytes)
        } catch {
            throw OpenAIErrorMapping.error(for: error, model: model, answering: true)
        }
    }

    /// Up to `limit` bytes of an error body; the rest is abandoned unread. A
    /// broken body yields what arrived, since the status already says what happened.
    private func readPrefix(of body: CurlResponseBody, limit: Int) async -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            for try await chunk in body {
                bytes.append(contentsOf: chunk.prefix(limit - bytes.count))
                if bytes.count >= limit { break }
            }
        } catch {
            return bytes
        }
        return bytes
    }

    private func encode(_ value: some Encodable) throws -> [UInt8] {
        do {
            return Array(try JSONEncoder().encode(value))
        } catch {
            throw LanguageModelError(.runtimeError, "cannot encode the request: \(error)")
        }
    }
}

/// The structured-output forms OpenAI-compatible servers take.
enum FormatStyle: Sendable, Equatable {
    case jsonSchema
    case jsonObject
}

/// The form a server was found to take, shared by every copy of its client.
final class FormatStyleMemory: Sendable {
    private let state = Mutex(FormatStyle.jsonSchema)

    var value: FormatStyle {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }
}
