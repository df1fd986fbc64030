import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A wire-faithful fake of an OpenAI-compatible inference server in the manner
/// of llama.cpp's `llama-server`: `GET /health`, `GET /v1/models`,
/// `POST /v1/chat/completions` (streamed as server-sent events or not, with
/// `usage` and llama-server's `timings`) and `POST /v1/embeddings`
/// (deterministic vectors from a hashing trick over words).
///
/// Replies are scripted per model; it can be slow (first-byte and per-token
/// delays), be loading (503 everywhere), fail mid-stream, and it answers 404 in
/// vLLM's words for a model it does not serve. It records every request body
/// and counts the streams a client abandoned, so tests can see an abort land.
public final class FakeOpenAICompatibleServer: Sendable {
    /// One chat message of a request, as the fake read it.
    public struct Message: Sendable, Equatable {
        public var role: String
        public var content: String
    }

    /// A chat request, for replies computed from it.
    public struct ChatCall: Sendable {
        public var model: String
        public var messages: [Message]
        /// The whole request body as sent.
        public var body: JSONValue
    }

    /// What a model answers.
    public enum Reply: Sendable {
        /// The same text every time.
        case text(String)
        /// One text per request, in order; once used up the server answers 500.
        case queue([String])
        /// Text computed from the request.
        case compute(@Sendable (ChatCall) -> String)
    }

    /// Fail a stream after `afterTokens` tokens with an SSE `data: {"error":{...}}` event.
    public struct MidStreamError: Sendable {
        public var afterTokens: Int
        public var message: String

        public init(afterTokens: Int, message: String = "llama_decode failed: out of memory") {
            self.afterTokens = afterTokens
            self.message = message
        }
    }

    /// How `/health` behaves, which differs between servers.
    public enum HealthEndpoint: Sendable {
        /// llama-server: `{"status":"ok"}`, or 503 while loading.
        case llamaServer
        /// vLLM: 200 with an empty body.
        case emptyOK
        /// LM Studio: there is no `/health` (404).
        case absent
    }

    /// One request as received.
    public struct RecordedRequest: Sendable {
        public var method: String
        public var path: String
        public var authorization: String?
        /// The JSON body, when there was one and it parsed.
        public var body: JSONValue?
    }

    /// The file size `/v1/models` reports in llama-server's `meta.size`.
    public static let modelFileSize: Int64 = 4_683_073_184

    private struct State {
        var port = 0
        var servedModels: [String]
        var replies: [String: Reply] = [:]
        var embeddingDimension = 64
        var tokenDelay: Duration = .zero
        var firstByteDelay: Duration = .zero
        var loading = false
        var acceptsJSONSchemaFormat = true
        var retryAfterSeconds: Int?
        var midStreamError: MidStreamError?
        var health: HealthEndpoint = .llamaServer
        var apiKey: String?
        var embeddingsOutOfOrder = false
        var normalizesEmbeddings = true
        var requests: [RecordedRequest] = []
        var abandonedStreams = 0
        var completedStreams = 0
        var nextID = 0
    }

    private let state: Mutex<State>

    init(servedModels: [String]) {
        state = Mutex(State(servedModels: servedModels))
    }

    // MARK: Configuration

    /// `http://127.0.0.1:<port>`, without `/v1`.
    public var baseURL: String { "http://127.0.0.1:\(state.withLock { $0.port })" }

    /// The models the server has; others get a 404.
    public var servedModels: [String] {
        get { state.withLock { $0.servedModels } }
        set { state.withLock { $0.servedModels = newValue } }
    }

    /// The length of `/v1/embeddings` vectors.
    public var embeddingDimension: Int {
        get { state.withLock { $0.embeddingDimension } }
        set { state.withLock { $0.embeddingDimension = max(1, newValue) } }
    }

    /// The pause before each generated token (also applied, summed, to non-streamed answers).
    public var tokenDelay: Duration {
        get { state.withLock { $0.tokenDelay } }
        set { state.withLock { $0.tokenDelay = newValue } }
    }

    /// The pause before the response headers: a cold model load.
    public var firstByteDelay: Duration {
        get { state.withLock { $0.firstByteDelay } }
        set { state.withLock { $0.firstByteDelay = newValue } }
    }

    /// False acts like llama-cpp-python's server, which takes only `text` and
    /// `json_object` (with a top-level `schema`) and answers a `json_schema`
    /// response format with a 500 naming the types it takes.
    public var acceptsJSONSchemaFormat: Bool {
        get { state.withLock { $0.acceptsJSONSchemaFormat } }
        set { state.withLock { $0.acceptsJSONSchemaFormat = newValue } }
    }

    /// While true every endpoint answers llama-server's 503 "Loading model".
    public var loading: Bool {
        get { state.withLock { $0.loading } }
        set { state.withLock { $0.loading = newValue } }
    }

    /// Sent as `Retry-After` with 503 answers.
    public var retryAfterSeconds: Int? {
        get { state.withLock { $0.retryAfterSeconds } }
        set { state.withLock { $0.retryAfterSeconds = newValue } }
    }

    public var midStreamError: MidStreamError? {
        get { state.withLock { $0.midStreamError } }
        set { state.withLock { $0.midStreamError = newValue } }
    }

    public var health: HealthEndpoint {
        get { state.withLock { $0.health } }
        set { state.withLock { $0.health = newValue } }
    }

    /// When set, chat and embeddings require `Authorization: Bearer <key>` (llama-server's
    /// `--api-key`); `/health` and `/v1/models` stay public, as there.
    public var apiKey: String? {
        get { state.withLock { $0.apiKey } }
        set { state.withLock { $0.apiKey = newValue } }
    }

    /// Lists embeddings in reverse order (their `index` still right), as a server may.
    public var embeddingsOutOfOrder: Bool {
        get { state.withLock { $0.embeddingsOutOfOrder } }
        set { state.withLock { $0.embeddingsOutOfOrder = newValue } }
    }

    /// When false, vectors come back unnormalised (scaled), as some servers send them.
    public var normalizesEmbeddings: Bool {
        get { state.withLock { $0.normalizesEmbeddings } }
        set { state.withLock { $0.normalizesEmbeddings = newValue } }
    }

    public func setReply(_ reply: Reply, for model: String) {
        state.withLock { $0.replies[model] = reply }
    }

    // MARK: Observations

    /// Every request, oldest first.
    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// The JSON bodies sent to `path` (e.g. "/v1/chat/completions"), oldest first.
    public func requestBodies(for path: String) -> [JSONValue] {
        state.withLock { $0.requests.filter { $0.path == path }.compactMap(\.body) }
    }

    /// Streams whose client went away before the server finished writing.
    public var abandonedStreams: Int { state.withLock { $0.abandonedStreams } }

    /// Streams written to the end (`data: [DONE]`).
    public var completedStreams: Int { state.withLock { $0.completedStreams } }

    /// Waits until at least `count` streams were abandoned; false if that did not happen in time.
    public func waitForAbandonedStreams(_ count: Int, timeout: Duration = .seconds(5)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if abandonedStreams >= count { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return abandonedStreams >= count
    }

    // MARK: Generation, shared with tests

    /// The tokens a reply streams as: words, each but the first with its leading space.
    public static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text {
            if character == " ", !current.isEmpty, current.contains(where: { $0 != " " }) {
                tokens.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// The fake's embedding of `text`: each lower-cased word hashed (FNV-1a) to a
    /// signed slot, then L2-normalised. Shared words make vectors similar.
    public static func embedding(of text: String, dimension: Int) -> [Float] {
        var vector = [Float](repeating: 0, count: max(1, dimension))
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }
        for word in words {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in word.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            let slot = Int(hash % UInt64(vector.count))
            vector[slot] += (hash >> 63) == 0 ? 1 : -1
        }
        if words.isEmpty { vector[0] = 1 }
        let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }

    // MARK: Running

    /// Starts a server on a port the system picks (no race with other tests),
    /// runs `body`, then shuts the server down.
    public static func run<T>(
        models: [String] = ["qwen2.5-7b-instruct", "all-minilm"],
        _ body: (FakeOpenAICompatibleServer) async throws -> T
    ) async throws -> T {
        let server = FakeOpenAICompatibleServer(servedModels: models)
        let (started, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "fake-openai-compatible")
        logger.logLevel = .warning
        let app = Application(
            router: server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { continuation.finish() }
                try await group.run()
            }
            var iterator = started.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                throw TestServerDidNotStart(port: 0)
            }
            server.state.withLock { $0.port = port }
            let result: T
            do {
                result = try await body(server)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        }
    }

    // MARK: Routes

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/health") { request, _ in await self.healthCheck(request) }
        router.get("/v1/models") { request, _ in await self.models(request) }
        router.post("/v1/chat/completions") { request, _ in try await self.chatCompletions(request) }
        router.post("/v1/embeddings") { request, _ in try await self.embeddings(request) }
        return router
    }

    private func healthCheck(_ request: Request) async -> Response {
        record(request, body: nil)
        let (health, loading) = state.withLock { ($0.health, $0.loading) }
        switch health {
        case .absent:
            return Self.error(.notFound, "File Not Found", type: "not_found_error")
        case .emptyOK:
            return loading ? loadingResponse() : Response(status: .ok)
        case .llamaServer:
            return loading ? loadingResponse() : Self.json(.object(["status": .string("ok")]))
        }
    }

    private func models(_ request: Request) async -> Response {
        record(request, body: nil)
        if loading { return loadingResponse() }
        let created = Double(Int(Date().timeIntervalSince1970))
        let models = servedModels.map { id -> JSONValue in
            .object([
                "id": .string(id), "object": .string("model"), "created": .number(created),
                "owned_by": .string("llamacpp"),
                "meta": .object([
                    "vocab_type": .number(2), "n_vocab": .number(152_064), "n_ctx_train": .number(32_768),
                    "n_embd": .number(3584), "n_params": .number(7_615_616_512),
                    "size": .number(Double(Self.modelFileSize)),
                ]),
            ])
        }
        return Self.json(.object(["object": .string("list"), "data": .array(models)]))
    }

    /// The checks every inference endpoint makes first: loading, API key, a JSON
    /// body, a served model. Returns the body and model, or the error response.
    private func admit(_ request: Request) async throws -> Result<(body: JSONValue, model: String), Admission> {
        let bytes = try await request.body.collect(upTo: 16 * 1024 * 1024)
        let body = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes.readableBytesView))
        record(request, body: body)
        if loading { return .failure(Admission(response: loadingResponse())) }
        if let key = apiKey, request.headers[.authorization] != "Bearer \(key)" {
            return .failure(
                Admission(response: Self.error(.unauthorized, "Invalid API Key", type: "authentication_error")))
        }
        guard let body, case .object = body else {
            return .failure(Admission(response: Self.error(.badRequest, "the request body is not a JSON object")))
        }
        guard case .string(let model) = body["model"] else {
            return .failure(Admission(response: Self.error(.badRequest, "\"model\" is required")))
        }
        guard servedModels.contains(model) else {
            // vLLM's wording; llama-server in router mode answers alike.
            return .failure(
                Admission(
                    response: Self.json(
                        .object([
                            "error": .object([
                                "message": .string("The model `\(model)` does not exist."),
                                "type": .string("NotFoundError"), "param": .string("model"), "code": .number(404),
                            ])
                        ]), status: .notFound)))
        }
        return .success((body, model))
    }

    private struct Admission: Error {
        var response: Response
    }

    private func chatCompletions(_ request: Request) async throws -> Response {
        let body: JSONValue
        let model: String
        switch try await admit(request) {
        case .failure(let refusal): return refusal.response
        case .success(let admitted): (body, model) = admitted
        }
        guard case .array(let rawMessages) = body["messages"], !rawMessages.isEmpty else {
            return Self.error(.badRequest, "'messages' is required and must be a non-empty array")
        }
        var messages: [Message] = []
        for raw in rawMessages {
            guard case .string(let role) = raw["role"], case .string(let content) = raw["content"] else {
                return Self.error(.badRequest, "each message needs a string 'role' and 'content'")
            }
            messages.append(Message(role: role, content: content))
        }
        if !acceptsJSONSchemaFormat, body["response_format"]?["type"] == .string("json_schema") {
            return Self.error(
                .internalServerError,
                "[{'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
                    + "'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema'}]",
                type: "internal_server_error")
        }
        if let refusal = Self.checkResponseFormat(body["response_format"]) { return refusal }

        let text: String
        switch nextReply(for: ChatCall(model: model, messages: messages, body: body)) {
        case .success(let reply): text = reply
        case .failure(let refusal): return refusal.response
        }
        var tokens = Self.tokens(of: text)
        var finishReason = "stop"
        if case .number(let limit) = body["max_tokens"], limit >= 0, Int(limit) < tokens.count {
            tokens = Array(tokens.prefix(Int(limit)))
            finishReason = "length"
        }
        let promptTokens = messages.reduce(0) { $0 + 4 + Self.tokens(of: $1.content).count }
        let (firstByteDelay, tokenDelay, failure, id) = state.withLock { state in
            state.nextID += 1
            return (state.firstByteDelay, state.tokenDelay, state.midStreamError, "chatcmpl-fake\(state.nextID)")
        }
        if firstByteDelay > .zero { try await Task.sleep(for: firstByteDelay) }
        let generation = Generation(
            id: id, model: model, tokens: tokens, finishReason: finishReason, promptTokens: promptTokens,
            created: Double(Int(Date().timeIntervalSince1970)))

        guard body["stream"] == .bool(true) else {
            let started = ContinuousClock.now
            if tokenDelay > .zero { try await Task.sleep(for: tokenDelay * tokens.count) }
            return Self.json(generation.completion(predictedMilliseconds: Self.milliseconds(since: started)))
        }
        let includeUsage = body["stream_options"]?["include_usage"] == .bool(true)
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                do {
                    let started = ContinuousClock.now
                    try await writer.write(Self.event(generation.chunk(delta: .object(["role": .string("assistant")]))))
                    for (index, token) in generation.tokens.enumerated() {
                        if let failure, index == failure.afterTokens {
                            try await writer.write(
                                Self.event(
                                    .object([
                                        "error": .object([
                                            "code": .number(500), "message": .string(failure.message),
                                            "type": .string("server_error"),
                                        ])
                                    ])))
                            try await writer.finish(nil)
                            return
                        }
                        if tokenDelay > .zero { try await Task.sleep(for: tokenDelay) }
                        try await writer.write(
                            Self.event(generation.chunk(delta: .object(["content": .string(token)]))))
                    }
                    let milliseconds = Self.milliseconds(since: started)
                    // llama-server sends timings with the finish chunk, and usage there
                    // too unless a separate usage chunk was asked for.
                    try await writer.write(
                        Self.event(
                            generation.finalChunk(
                                predictedMilliseconds: milliseconds, withUsage: !includeUsage)))
                    if includeUsage {
                        try await writer.write(Self.event(generation.usageChunk(predictedMilliseconds: milliseconds)))
                    }
                    try await writer.write(ByteBuffer(string: "data: [DONE]\n\n"))
                    try await writer.finish(nil)
                    self.state.withLock { $0.completedStreams += 1 }
                } catch {
                    self.state.withLock { $0.abandonedStreams += 1 }
                    throw error
                }
            })
    }

    private func embeddings(_ request: Request) async throws -> Response {
        let body: JSONValue
        let model: String
        switch try await admit(request) {
        case .failure(let refusal): return refusal.response
        case .success(let admitted): (body, model) = admitted
        }
        var inputs: [String] = []
        switch body["input"] {
        case .string(let text): inputs = [text]
        case .array(let items):
            for item in items {
                guard case .string(let text) = item else {
                    return Self.error(.badRequest, "\"input\" must be a string or an array of strings")
                }
                inputs.append(text)
            }
        default: return Self.error(.badRequest, "\"input\" must be a string or an array of strings")
        }
        guard !inputs.isEmpty else { return Self.error(.badRequest, "\"input\" must not be empty") }
        let (dimension, normalizes, outOfOrder, firstByteDelay) = state.withLock {
            ($0.embeddingDimension, $0.normalizesEmbeddings, $0.embeddingsOutOfOrder, $0.firstByteDelay)
        }
        if firstByteDelay > .zero { try await Task.sleep(for: firstByteDelay) }
        var items = inputs.enumerated().map { index, text -> JSONValue in
            let vector = Self.embedding(of: text, dimension: dimension).map { normalizes ? $0 : $0 * 3.5 }
            return .object([
                "object": .string("embedding"), "index": .number(Double(index)),
                "embedding": .array(vector.map { .number(Double($0)) }),
            ])
        }
        if outOfOrder { items.reverse() }
        let tokenCount = inputs.reduce(0) { $0 + Self.tokens(of: $1).count }
        return Self.json(
            .object([
                "model": .string(model), "object": .string("list"), "data": .array(items),
                "usage": .object([
                    "prompt_tokens": .number(Double(tokenCount)), "total_tokens": .number(Double(tokenCount)),
                ]),
            ]))
    }

    // MARK: Helpers

    private func record(_ request: Request, body: JSONValue?) {
        let recorded = RecordedRequest(
            method: request.method.rawValue, path: request.uri.path, authorization: request.headers[.authorization],
            body: body)
        state.withLock { $0.requests.append(recorded) }
    }

    /// The scripted reply; a `compute` closure runs outside the lock, so it may read the fake.
    private func nextReply(for call: ChatCall) -> Result<String, Admission> {
        let producer = state.withLock { state -> Result<@Sendable (ChatCall) -> String, Admission> in
            switch state.replies[call.model] {
            case nil: return .success { "Hello from \($0.model)." }
            case .text(let text): return .success { _ in text }
            case .compute(let compute): return .success(compute)
            case .queue(var queue):
                guard !queue.isEmpty else {
                    return .failure(
                        Admission(
                            response: Self.error(
                                .internalServerError, "fake: the reply queue of \(call.model) is used up",
                                type: "server_error")))
                }
                let text = queue.removeFirst()
                state.replies[call.model] = .queue(queue)
                return .success { _ in text }
            }
        }
        return producer.map { $0(call) }
    }

    /// llama-server accepts `text`, `json_object` and `json_schema`; the schema of
    /// `json_schema` sits in `json_schema.schema`.
    private static func checkResponseFormat(_ format: JSONValue?) -> Response? {
        guard let format else { return nil }
        switch format["type"] {
        case .string("text"), .string("json_object"): return nil
        case .string("json_schema"):
            guard case .object = format["json_schema"]?["schema"] else {
                return error(.badRequest, "response_format json_schema needs a 'json_schema.schema' object")
            }
            return nil
        default:
            return error(
                .badRequest, "response_format type must be one of \"text\", \"json_object\" or \"json_schema\"")
        }
    }

    private func loadingResponse() -> Response {
        var response = Self.error(.serviceUnavailable, "Loading model", type: "unavailable_error")
        if let seconds = retryAfterSeconds { response.headers[.retryAfter] = String(seconds) }
        return response
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    private static func event(_ value: JSONValue) -> ByteBuffer {
        ByteBuffer(string: "data: " + String(decoding: encode(value), as: UTF8.self) + "\n\n")
    }

    private static func encode(_ value: JSONValue) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // JSONValue holds finite numbers and strings only, which always encode.
        return (try? encoder.encode(value)) ?? Data("null".utf8)
    }

    private static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: encode(value))))
    }

    /// llama-server's error body: `{"error":{"code","message","type"}}`.
    private static func error(
        _ status: HTTPResponse.Status, _ message: String, type: String = "invalid_request_error"
    ) -> Response {
        json(
            .object([
                "error": .object([
                    "code": .number(Double(status.code)), "message": .string(message), "type": .string(type),
                ])
            ]), status: status)
    }
}

/// One answer's worth of wire objects, in llama-server's shapes.
private struct Generation {
    var id: String
    var model: String
    var tokens: [String]
    var finishReason: String
    var promptTokens: Int
    var created: Double

    private var envelope: [String: JSONValue] {
        [
            "id": .string(id), "created": .number(created), "model": .string(model),
            "system_fingerprint": .string("b0000-fake"),
        ]
    }

    func usage() -> JSONValue {
        .object([
            "prompt_tokens": .number(Double(promptTokens)), "completion_tokens": .number(Double(tokens.count)),
            "total_tokens": .number(Double(promptTokens + tokens.count)),
        ])
    }

    /// Prompt processing is reported at a fixed 0.5 ms a token; generation as measured.
    func timings(predictedMilliseconds: Double) -> JSONValue {
        let promptMilliseconds = Double(promptTokens) * 0.5
        let predicted = max(predictedMilliseconds, 0.001)
        return .object([
            "prompt_n": .number(Double(promptTokens)), "prompt_ms": .number(promptMilliseconds),
            "prompt_per_token_ms": .number(0.5), "prompt_per_second": .number(2000),
            "predicted_n": .number(Double(tokens.count)), "predicted_ms": .number(predicted),
            "predicted_per_token_ms": .number(tokens.isEmpty ? 0 : predicted / Double(tokens.count)),
            "predicted_per_second": .number(Double(tokens.count) / predicted * 1000),
        ])
    }

    func completion(predictedMilliseconds: Double) -> JSONValue {
        var object = envelope
        object["object"] = .string("chat.completion")
        object["choices"] = .array([
            .object([
                "index": .number(0), "finish_reason": .string(finishReason),
                "message": .object(["role": .string("assistant"), "content": .string(tokens.joined())]),
            ])
        ])
        object["usage"] = usage()
        object["timings"] = timings(predictedMilliseconds: predictedMilliseconds)
        return .object(object)
    }

    func chunk(delta: JSONValue) -> JSONValue {
        var object = envelope
        object["object"] = .string("chat.completion.chunk")
        object["choices"] = .array([.object(["index": .number(0), "finish_reason": .null, "delta": delta])])
        return .object(object)
    }

    func finalChunk(predictedMilliseconds: Double, withUsage: Bool) -> JSONValue {
        var object = envelope
        object["object"] = .string("chat.completion.chunk")
        object["choices"] = .array([
            .object(["index": .number(0), "finish_reason": .string(finishReason), "delta": .object([:])])
        ])
        if withUsage { object["usage"] = usage() }
        object["timings"] = timings(predictedMilliseconds: predictedMilliseconds)
        return .object(object)
    }

    /// The extra chunk `stream_options.include_usage` asks for: empty `choices`.
    func usageChunk(predictedMilliseconds: Double) -> JSONValue {
        var object = envelope
        object["object"] = .string("chat.completion.chunk")
        object["choices"] = .array([])
        object["usage"] = usage()
        object["timings"] = timings(predictedMilliseconds: predictedMilliseconds)
        return .object(object)
    }
}
