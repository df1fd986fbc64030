import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A wire-faithful fake of Ollama's native API (github.com/ollama/ollama docs/api.md),
/// so the AI service's client, queues and fallbacks can be tested without a model.
///
/// Endpoints: `POST /api/chat`, `POST /api/generate` (streamed as NDJSON unless
/// `"stream": false`, as in Ollama), `POST /api/embed`, `GET /api/tags`, `GET /api/ps`,
/// `POST /api/show`, `GET /api/version`, `POST /api/pull`, and `GET`/`HEAD /`.
///
/// Replies are scripted per model (a fixed text, a queue, or a closure); timing
/// (first byte, between tokens), busy answers and mid-stream errors are knobs; every
/// request is recorded, and the fake counts streams whose client went away.
public final class FakeOllama: Sendable {
    /// A model the fake has installed, or can pull from its "registry".
    public struct Model: Sendable, Equatable {
        /// Always with a tag: "all-minilm" is stored as "all-minilm:latest", as Ollama lists it.
        public var name: String
        /// The architecture (`general.architecture`): "qwen2", "phi3", "bert", ...
        public var family: String
        public var parameterSize: String
        public var quantizationLevel: String
        public var sizeBytes: Int64
        public var contextLength: Int
        public var embeddingLength: Int
        public var isEmbeddingModel: Bool
        /// The `parameters` text `/api/show` returns (one `name value` per line).
        public var parameters: String

        /// A stable fake `sha256` digest derived from the name.
        public var digest: String { FakeOllama.digest(of: name) }

        public init(
            name: String, family: String = "llama", parameterSize: String = "7.6B",
            quantizationLevel: String = "Q4_K_M", sizeBytes: Int64 = 4_683_087_332, contextLength: Int = 32768,
            embeddingLength: Int = 3584, isEmbeddingModel: Bool = false, parameters: String = ""
        ) {
            self.name = FakeOllama.canonicalName(name)
            self.family = family
            self.parameterSize = parameterSize
            self.quantizationLevel = quantizationLevel
            self.sizeBytes = sizeBytes
            self.contextLength = contextLength
            self.embeddingLength = embeddingLength
            self.isEmbeddingModel = isEmbeddingModel
            self.parameters = parameters
        }

        public static let qwen7B = Model(
            name: "qwen2.5:7b-instruct-q4_K_M", family: "qwen2", sizeBytes: 4_683_087_332, contextLength: 32768,
            embeddingLength: 3584, parameters: "stop \"<|im_start|>\"\nstop \"<|im_end|>\"")
        public static let phi3Mini = Model(
            name: "phi3:3.8b-mini-4k-instruct-q4_K_M", family: "phi3", parameterSize: "3.8B",
            sizeBytes: 2_393_232_672, contextLength: 4096, embeddingLength: 3072,
            parameters: "stop \"<|end|>\"\nstop \"<|user|>\"\nstop \"<|assistant|>\"")
        public static let qwenCoder7B = Model(
            name: "qwen2.5-coder:7b-instruct-q4_K_M", family: "qwen2", sizeBytes: 4_683_087_519,
            contextLength: 32768, embeddingLength: 3584, parameters: "stop \"<|im_start|>\"\nstop \"<|im_end|>\"")
        public static let allMiniLM = Model(
            name: "all-minilm", family: "bert", parameterSize: "23M", quantizationLevel: "F16",
            sizeBytes: 45_960_996, contextLength: 512, embeddingLength: 384, isEmbeddingModel: true)
        public static let llama32 = Model(
            name: "llama3.2:1b", family: "llama", parameterSize: "1.2B", quantizationLevel: "Q8_0",
            sizeBytes: 1_321_098_329, contextLength: 131072, embeddingLength: 2048,
            parameters: "stop \"<|start_header_id|>\"\nstop \"<|end_header_id|>\"\nstop \"<|eot_id|>\"")
        public static let nomicEmbedText = Model(
            name: "nomic-embed-text", family: "nomic-bert", parameterSize: "137M", quantizationLevel: "F16",
            sizeBytes: 274_302_450, contextLength: 2048, embeddingLength: 768, isEmbeddingModel: true,
            parameters: "num_ctx 8192")

        /// The models of the default routing table (DESIGN.md §4).
        public static let defaultInstalled: [Model] = [qwen7B, phi3Mini, qwenCoder7B, allMiniLM]
        /// What `/api/pull` can fetch: the defaults plus two that are not installed.
        public static let defaultRegistry: [Model] = defaultInstalled + [llama32, nomicEmbedText]
    }

    /// What a model answers to one chat or generate request.
    public struct Reply: Sendable, Equatable, ExpressibleByStringLiteral {
        /// Streams `afterTokens` tokens, then a final `{"error": message}` line inside
        /// the HTTP 200 (without streaming: HTTP 500 with that error).
        public struct Failure: Sendable, Equatable {
            public var afterTokens: Int
            public var message: String

            public init(afterTokens: Int, message: String) {
                self.afterTokens = afterTokens
                self.message = message
            }
        }

        public var text: String
        public var doneReason: String
        /// When false the final line carries no metrics (Ollama may omit any of them).
        public var includesMetrics: Bool
        public var failure: Failure?

        public init(_ text: String, doneReason: String = "stop", includesMetrics: Bool = true, failure: Failure? = nil)
        {
            self.text = text
            self.doneReason = doneReason
            self.includesMetrics = includesMetrics
            self.failure = failure
        }

        public init(stringLiteral value: String) { self.init(value) }

        /// A runner that dies mid-answer, like Ollama's llama server crashing.
        public static func failing(
            afterTokens: Int, message: String = "an error was encountered while running the model: unexpected EOF",
            text: String = "The answer stops somewhere in the middle of this sentence."
        ) -> Reply {
            Reply(text, failure: Failure(afterTokens: afterTokens, message: message))
        }

        /// The pieces the text is streamed in.
        public var tokens: [String] { FakeOllama.tokens(of: text) }
    }

    /// One request as the fake received it.
    public struct RecordedRequest: Sendable {
        public var method: String
        public var path: String
        /// The decoded JSON body; nil for GET, an empty body or invalid JSON.
        public var body: JSONValue?

        public subscript(key: String) -> JSONValue? { body?[key] }

        /// `model` (or the older `name`) from the body.
        public var model: String? {
            if case .string(let model) = body?["model"] ?? body?["name"] { return model }
            return nil
        }

        /// One member of `options`, such as "num_ctx".
        public func option(_ name: String) -> JSONValue? { body?["options"]?[name] }

        /// `/api/embed`'s `input`, as a list whether one string or many were sent.
        public var inputs: [String] {
            switch body?["input"] {
            case .string(let input): return [input]
            case .array(let inputs):
                return inputs.compactMap { if case .string(let input) = $0 { input } else { nil } }
            default: return []
            }
        }
    }

    public static let busyMessage = "server busy, please try again.  maximum pending requests exceeded"
    public static let pullNotFoundMessage = "pull model manifest: file does not exist"
    public static let inputTooLongMessage = "input length exceeds maximum context length"

    /// `http://127.0.0.1:<port>`.
    public let baseURL: String

    private struct State {
        var installed: [Model]
        var registry: [Model]
        var loaded: [String: LoadedModel] = [:]
        var fixedReplies: [String: Reply] = [:]
        var queuedReplies: [String: [Reply]] = [:]
        var replyHandlers: [String: @Sendable (RecordedRequest) -> Reply] = [:]
        var tokenDelay: Duration = .zero
        var firstByteDelay: Duration = .zero
        var maxConcurrentRequestsPerModel: Int?
        var forceBusy = false
        var busyRetryAfter: Int?
        var embeddingDimension = 384
        var embeddingWindow = 256
        var version = "0.12.3"
        var requests: [RecordedRequest] = []
        var inFlight: [String: Int] = [:]
        var maxConcurrency: [String: Int] = [:]
        var completedStreams = 0
        var abortedStreams = 0
        var stopping = false
    }

    /// A model in memory, for `/api/ps`: loaded with the request's `num_ctx` (Ollama's default 4096).
    private struct LoadedModel {
        var at: Date
        var contextLength: Int
    }

    private let state: Mutex<State>

    init(baseURL: String, installed: [Model], registry: [Model]) {
        self.baseURL = baseURL
        state = Mutex(State(installed: installed, registry: registry))
    }

    // MARK: - Knobs

    /// Pause between streamed tokens (and pull progress lines).
    public var tokenDelay: Duration {
        get { state.withLock { $0.tokenDelay } }
        set { state.withLock { $0.tokenDelay = newValue } }
    }

    /// Pause before the response headers of chat, generate and embed: a cold model load.
    public var firstByteDelay: Duration {
        get { state.withLock { $0.firstByteDelay } }
        set { state.withLock { $0.firstByteDelay = newValue } }
    }

    /// Requests one model may run at once; more get 503. Nil: unlimited.
    public var maxConcurrentRequestsPerModel: Int? {
        get { state.withLock { $0.maxConcurrentRequestsPerModel } }
        set { state.withLock { $0.maxConcurrentRequestsPerModel = newValue } }
    }

    /// Answers every chat, generate and embed request with 503.
    public var forceBusy: Bool {
        get { state.withLock { $0.forceBusy } }
        set { state.withLock { $0.forceBusy = newValue } }
    }

    /// A `Retry-After` header on 503 answers (real Ollama sends none).
    public var busyRetryAfter: Int? {
        get { state.withLock { $0.busyRetryAfter } }
        set { state.withLock { $0.busyRetryAfter = newValue } }
    }

    /// Length of `/api/embed` vectors.
    public var embeddingDimension: Int {
        get { state.withLock { $0.embeddingDimension } }
        set { state.withLock { $0.embeddingDimension = max(1, newValue) } }
    }

    /// Longest embed input in whitespace-separated words; a request's smaller
    /// `options.num_ctx` wins. Longer inputs are cut, or refused with `"truncate": false`.
    public var embeddingWindow: Int {
        get { state.withLock { $0.embeddingWindow } }
        set { state.withLock { $0.embeddingWindow = max(1, newValue) } }
    }

    /// What `/api/version` reports.
    public var version: String {
        get { state.withLock { $0.version } }
        set { state.withLock { $0.version = newValue } }
    }

    /// The models `/api/tags` lists; chat, generate, embed and show 404 for others.
    public var installedModels: [Model] {
        get { state.withLock { $0.installed } }
        set { state.withLock { $0.installed = newValue } }
    }

    /// The models `/api/pull` can fetch.
    public var registry: [Model] {
        get { state.withLock { $0.registry } }
        set { state.withLock { $0.registry = newValue } }
    }

    public func install(_ model: Model) {
        state.withLock { state in
            state.installed.removeAll { $0.name == model.name }
            state.installed.append(model)
        }
    }

    public func uninstall(_ name: String) {
        let name = Self.canonicalName(name)
        state.withLock { $0.installed.removeAll { $0.name == name } }
    }

    // MARK: - Scripted replies

    /// The model answers `reply` whenever nothing queued or a handler says otherwise.
    public func setReply(_ reply: Reply, for model: String) {
        state.withLock { $0.fixedReplies[Self.canonicalName(model)] = reply }
    }

    /// Replies used once each, in order, before any handler or fixed reply
    /// ("the first answer is invalid, the second valid").
    public func queueReplies(_ replies: [Reply], for model: String) {
        state.withLock { $0.queuedReplies[Self.canonicalName(model), default: []].append(contentsOf: replies) }
    }

    /// Computes each reply from the request; used when nothing is queued.
    public func setReplyHandler(for model: String, _ handler: @escaping @Sendable (RecordedRequest) -> Reply) {
        state.withLock { $0.replyHandlers[Self.canonicalName(model)] = handler }
    }

    /// The reply when nothing is scripted: "{}" when a `format` was asked for,
    /// else a sentence naming the model.
    public static func defaultReply(model: String, request: RecordedRequest) -> Reply {
        if let format = request["format"], format != .null { return Reply("{}") }
        return Reply("This is a deterministic reply from \(model).")
    }

    // MARK: - Observations

    /// Every request received, oldest first.
    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// The requests received at one path, oldest first.
    public func requests(to path: String) -> [RecordedRequest] { requests.filter { $0.path == path } }

    /// The most requests for `model` the fake ran at the same time.
    public func maxConcurrency(for model: String) -> Int {
        state.withLock { $0.maxConcurrency[Self.canonicalName(model)] ?? 0 }
    }

    /// Requests for `model` running now.
    public func inFlight(for model: String) -> Int {
        state.withLock { $0.inFlight[Self.canonicalName(model)] ?? 0 }
    }

    /// Streams (chat, generate, pull) written to the end.
    public var completedStreams: Int { state.withLock { $0.completedStreams } }

    /// Streams that stopped early because the client went away.
    public var abortedStreams: Int { state.withLock { $0.abortedStreams } }

    /// Polls `condition` until it holds or `timeout` passes: for what the fake sees
    /// after the client has moved on, such as an aborted stream.
    public func eventually(timeout: Duration = .seconds(5), _ condition: (FakeOllama) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !condition(self) {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    // MARK: - Lifecycle

    /// Starts a fake on a free port, runs `body`, then stops the fake. Another process
    /// taking the port between `FreePort.find()` and the bind is retried on a new port.
    public static func run<T>(
        installed: [Model] = Model.defaultInstalled, registry: [Model] = Model.defaultRegistry,
        _ body: (FakeOllama) async throws -> T
    ) async throws -> T {
        try await withTestServer(
            serving: { baseURL in
                let fake = FakeOllama(baseURL: baseURL, installed: installed, registry: registry)
                return (fake, fake.router())
            },
            // Cuts every pause short so in-flight handlers end and shutdown does not wait on them.
            beforeStop: { $0.state.withLock { $0.stopping = true } }, body)
    }

    // MARK: - Routes

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { request, _ in
            self.record(request, body: nil)
            return Self.text("Ollama is running")
        }
        router.head("/") { request, _ in
            self.record(request, body: nil)
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"])
        }
        router.post("/api/chat") { request, _ in try await self.generation(request, endpoint: .chat) }
        router.post("/api/generate") { request, _ in try await self.generation(request, endpoint: .generate) }
        router.post("/api/embed") { request, _ in try await self.embed(request) }
        router.get("/api/tags") { request, _ in
            self.record(request, body: nil)
            return self.tags()
        }
        router.get("/api/ps") { request, _ in
            self.record(request, body: nil)
            return self.runningModels()
        }
        router.post("/api/show") { request, _ in try await self.show(request) }
        router.get("/api/version") { request, _ in
            self.record(request, body: nil)
            return Self.json(["version": self.version])
        }
        router.post("/api/pull") { request, _ in try await self.pull(request) }
        return router
    }

    @discardableResult
    private func record(_ request: Request, body: JSONValue?) -> RecordedRequest {
        let recorded = RecordedRequest(method: request.method.rawValue, path: request.uri.path, body: body)
        state.withLock { $0.requests.append(recorded) }
        return recorded
    }

    /// Records the request and returns its JSON object, or the 400 Ollama would send.
    private func receive(_ request: Request) async throws -> Result<RecordedRequest, BadRequest> {
        let buffer = try await request.body.collect(upTo: 64 * 1024 * 1024)
        let bytes = Data(buffer.readableBytesView)
        let body = try? JSONDecoder().decode(JSONValue.self, from: bytes)
        let recorded = record(request, body: body)
        if bytes.isEmpty { return .failure(BadRequest(message: "missing request body")) }
        guard case .object = body else { return .failure(BadRequest(message: "invalid JSON in request body")) }
        return .success(recorded)
    }

    private struct BadRequest: Error {
        var message: String
        var response: Response { FakeOllama.error(.badRequest, message) }
    }

    private func installedModel(_ name: String) -> Model? {
        let name = Self.canonicalName(name)
        return state.withLock { $0.installed.first { $0.name == name } }
    }

    private static func notFound(_ requested: String) -> Response {
        error(.notFound, "model '\(requested)' not found")
    }

    // MARK: Chat and generate

    private enum Endpoint {
        case chat
        case generate
    }

    private func generation(_ request: Request, endpoint: Endpoint) async throws -> Response {
        let recorded: RecordedRequest
        switch try await receive(request) {
        case .success(let received): recorded = received
        case .failure(let bad): return bad.response
        }
        guard let requested = recorded.model, !requested.isEmpty else {
            return Self.error(.badRequest, "model is required")
        }
        guard let model = installedModel(requested) else { return Self.notFound(requested) }
        guard let slot = acquireSlot(for: model.name) else { return busy() }
        try await pause(firstByteDelay)
        let reply = nextReply(for: model.name, request: recorded)
        markLoaded(model, by: recorded)

        let tokens = reply.tokens
        let promptCount = Self.promptWordCount(recorded, endpoint: endpoint)
        let metrics = reply.includesMetrics ? metrics(promptCount: promptCount, evalCount: tokens.count) : [:]
        guard recorded["stream"] != .bool(false) else {
            slot.release()
            if let failure = reply.failure { return Self.error(.internalServerError, failure.message) }
            var object = Self.generationObject(model: requested, endpoint: endpoint, content: reply.text)
            object["done"] = true
            object["done_reason"] = reply.doneReason
            object.merge(metrics) { _, new in new }
            return Self.json(object)
        }

        var lines: [ByteBuffer] = []
        let sent = reply.failure.map { min(max(0, $0.afterTokens), tokens.count) } ?? tokens.count
        for token in tokens.prefix(sent) {
            var object = Self.generationObject(model: requested, endpoint: endpoint, content: token)
            object["done"] = false
            lines.append(Self.line(object))
        }
        if let failure = reply.failure {
            lines.append(Self.line(["error": failure.message]))
        } else {
            var object = Self.generationObject(model: requested, endpoint: endpoint, content: "")
            object["done"] = true
            object["done_reason"] = reply.doneReason
            object.merge(metrics) { _, new in new }
            lines.append(Self.line(object))
        }
        return streamResponse(lines, slot: slot)
    }

    /// NDJSON lines written one by one with `tokenDelay` between them; a write that
    /// fails (the client hung up) counts as an aborted stream.
    private func streamResponse(_ lines: [ByteBuffer], slot: Slot?) -> Response {
        let delay = tokenDelay
        return Response(
            status: .ok, headers: [.contentType: "application/x-ndjson"],
            body: ResponseBody { writer in
                defer { slot?.release() }
                do {
                    for (index, line) in lines.enumerated() {
                        if index > 0 { try await self.pause(delay) }
                        try await writer.write(line)
                    }
                    try await writer.finish(nil)
                    self.state.withLock { $0.completedStreams += 1 }
                } catch {
                    self.state.withLock { $0.abortedStreams += 1 }
                    throw error
                }
            })
    }

    private static func generationObject(model: String, endpoint: Endpoint, content: String) -> [String: Any] {
        var object: [String: Any] = ["model": model, "created_at": timestamp(Date())]
        switch endpoint {
        case .chat: object["message"] = ["role": "assistant", "content": content]
        case .generate: object["response"] = content
        }
        return object
    }

    /// Ollama's timings in nanoseconds, derived from the knobs so they are deterministic.
    private func metrics(promptCount: Int, evalCount: Int) -> [String: Any] {
        let (firstByte, perToken) = state.withLock { ($0.firstByteDelay, $0.tokenDelay) }
        let load = max(Self.nanoseconds(firstByte), 1_000_000)
        let promptDuration = Int64(promptCount) * 1_000_000
        let evalDuration = Int64(evalCount) * max(Self.nanoseconds(perToken), 10_000_000)
        return [
            "total_duration": load + promptDuration + evalDuration, "load_duration": load,
            "prompt_eval_count": promptCount, "prompt_eval_duration": promptDuration, "eval_count": evalCount,
            "eval_duration": evalDuration,
        ]
    }

    private static func promptWordCount(_ request: RecordedRequest, endpoint: Endpoint) -> Int {
        var texts: [String] = []
        switch endpoint {
        case .chat:
            if case .array(let messages) = request["messages"] {
                for message in messages { if case .string(let content) = message["content"] { texts.append(content) } }
            }
        case .generate:
            if case .string(let system) = request["system"] { texts.append(system) }
            if case .string(let prompt) = request["prompt"] { texts.append(prompt) }
        }
        return texts.reduce(0) { $0 + $1.split(whereSeparator: \.isWhitespace).count }
    }

    private func nextReply(for model: String, request: RecordedRequest) -> Reply {
        let (queued, handler, fixed) = state.withLock {
            state -> (Reply?, (@Sendable (RecordedRequest) -> Reply)?, Reply?) in
            if var queue = state.queuedReplies[model], !queue.isEmpty {
                let first = queue.removeFirst()
                state.queuedReplies[model] = queue
                return (first, nil, nil)
            }
            return (nil, state.replyHandlers[model], state.fixedReplies[model])
        }
        if let queued { return queued }
        if let handler { return handler(request) }
        return fixed ?? Self.defaultReply(model: model, request: request)
    }

    private func markLoaded(_ model: Model, by request: RecordedRequest) {
        var contextLength = min(4096, model.contextLength)
        if case .number(let numCtx) = request.option("num_ctx"), numCtx >= 1 { contextLength = Int(numCtx) }
        state.withLock { $0.loaded[model.name] = LoadedModel(at: Date(), contextLength: contextLength) }
    }

    // MARK: Concurrency

    /// One running request for a model; released once, explicitly or when dropped.
    private final class Slot: Sendable {
        private let releaseOnce: Mutex<(@Sendable () -> Void)?>

        init(release: @escaping @Sendable () -> Void) { releaseOnce = Mutex(release) }

        func release() {
            let release = releaseOnce.withLock { action -> (@Sendable () -> Void)? in
                defer { action = nil }
                return action
            }
            release?()
        }

        deinit { release() }
    }

    private func acquireSlot(for model: String) -> Slot? {
        let acquired = state.withLock { state -> Bool in
            let running = state.inFlight[model] ?? 0
            if state.forceBusy { return false }
            if let limit = state.maxConcurrentRequestsPerModel, running >= limit { return false }
            state.inFlight[model] = running + 1
            state.maxConcurrency[model] = max(state.maxConcurrency[model] ?? 0, running + 1)
            return true
        }
        guard acquired else { return nil }
        return Slot { self.state.withLock { $0.inFlight[model, default: 1] -= 1 } }
    }

    private func busy() -> Response {
        var headers = HTTPFields()
        if let retryAfter = busyRetryAfter { headers[.retryAfter] = String(retryAfter) }
        return Self.error(.serviceUnavailable, Self.busyMessage, headers: headers)
    }

    /// Sleeps in short steps so a stopping fake never holds its shutdown up.
    private func pause(_ duration: Duration) async throws {
        guard duration > .zero else { return }
        let deadline = ContinuousClock.now + duration
        while !state.withLock({ $0.stopping }) {
            let left = deadline - .now
            guard left > .zero else { return }
            try await Task.sleep(for: min(left, .milliseconds(10)))
        }
    }

    // MARK: Embeddings

    private func embed(_ request: Request) async throws -> Response {
        let recorded: RecordedRequest
        switch try await receive(request) {
        case .success(let received): recorded = received
        case .failure(let bad): return bad.response
        }
        guard let requested = recorded.model, !requested.isEmpty else {
            return Self.error(.badRequest, "model is required")
        }
        guard let model = installedModel(requested) else { return Self.notFound(requested) }
        let inputs: [String]
        switch recorded["input"] {
        case .string(let input): inputs = [input]
        case .array(let values):
            let strings = recorded.inputs
            guard strings.count == values.count else { return Self.error(.badRequest, "invalid input type") }
            inputs = strings
        default: return Self.error(.badRequest, "invalid input type")
        }
        guard let slot = acquireSlot(for: model.name) else { return busy() }
        defer { slot.release() }
        try await pause(firstByteDelay)
        markLoaded(model, by: recorded)

        let (dimension, configuredWindow) = state.withLock { ($0.embeddingDimension, $0.embeddingWindow) }
        var window = configuredWindow
        if case .number(let numCtx) = recorded.option("num_ctx"), numCtx >= 1 { window = min(window, Int(numCtx)) }
        let truncate = recorded["truncate"] != .bool(false)
        var embeddings: [[Double]] = []
        var promptCount = 0
        for input in inputs {
            var words = input.split(whereSeparator: \.isWhitespace)
            if words.count > window {
                guard truncate else { return Self.error(.badRequest, Self.inputTooLongMessage) }
                words = Array(words.prefix(window))
            }
            promptCount += words.count
            embeddings.append(Self.embedding(of: words.joined(separator: " "), dimension: dimension).map(Double.init))
        }
        let load = max(Self.nanoseconds(firstByteDelay), 1_000_000)
        return Self.json([
            "model": requested, "embeddings": embeddings, "total_duration": load + Int64(promptCount) * 100_000,
            "load_duration": load, "prompt_eval_count": promptCount,
        ])
    }

    /// A bag-of-words hashing vector, L2-normalised: texts sharing words point the
    /// same way, so similarity tests behave like a real embedding model's.
    public static func embedding(of text: String, dimension: Int = 384) -> [Float] {
        let dimension = max(1, dimension)
        var vector = [Float](repeating: 0, count: dimension)
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }
        for word in words {
            let hash = fnv1a(word.utf8)
            vector[Int(hash % UInt64(dimension))] += hash >> 63 == 0 ? 1 : -1
        }
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else {
            vector[0] = 1
            return vector
        }
        return vector.map { $0 / norm }
    }

    // MARK: Models

    private func tags() -> Response {
        let models = installedModels.map { model -> [String: Any] in
            [
                "name": model.name, "model": model.name, "modified_at": "2025-09-01T10:00:00.000000+00:00",
                "size": model.sizeBytes, "digest": model.digest, "details": Self.details(model),
            ]
        }
        return Self.json(["models": models])
    }

    private func runningModels() -> Response {
        let (installed, loaded) = state.withLock { ($0.installed, $0.loaded) }
        let models =
            installed
            .compactMap { model -> [String: Any]? in
                guard let loaded = loaded[model.name] else { return nil }
                return [
                    "name": model.name, "model": model.name, "size": model.sizeBytes, "digest": model.digest,
                    "details": Self.details(model),
                    "expires_at": Self.timestamp(loaded.at.addingTimeInterval(300)), "size_vram": 0,
                    "context_length": loaded.contextLength,
                ]
            }
        return Self.json(["models": models])
    }

    private func show(_ request: Request) async throws -> Response {
        let recorded: RecordedRequest
        switch try await receive(request) {
        case .success(let received): recorded = received
        case .failure(let bad): return bad.response
        }
        guard let requested = recorded.model, !requested.isEmpty else {
            return Self.error(.badRequest, "model is required")
        }
        guard let model = installedModel(requested) else { return Self.notFound(requested) }
        let template = model.isEmbeddingModel ? "{{ .Prompt }}" : "{{- range .Messages }}{{ .Content }}{{ end }}"
        return Self.json([
            "license": "Apache License 2.0",
            "modelfile":
                "# Modelfile generated by \"ollama show\"\nFROM /root/.ollama/models/blobs/\(model.digest)\n"
                + "TEMPLATE \"\"\"\(template)\"\"\"\n",
            "parameters": model.parameters,
            "template": template,
            "details": Self.details(model),
            "model_info": [
                "general.architecture": model.family,
                "general.parameter_count": Self.parameterCount(model.parameterSize),
                "general.file_type": 15,
                "\(model.family).context_length": model.contextLength,
                "\(model.family).embedding_length": model.embeddingLength,
            ],
            "capabilities": model.isEmbeddingModel ? ["embedding"] : ["completion"],
            "modified_at": "2025-09-01T10:00:00.000000+00:00",
        ])
    }

    private func pull(_ request: Request) async throws -> Response {
        let recorded: RecordedRequest
        switch try await receive(request) {
        case .success(let received): recorded = received
        case .failure(let bad): return bad.response
        }
        guard let requested = recorded.model, !requested.isEmpty else {
            return Self.error(.badRequest, "model is required")
        }
        let name = Self.canonicalName(requested)
        let found = state.withLock { $0.registry.first { $0.name == name } }
        let streaming = recorded["stream"] != .bool(false)
        guard let model = found else {
            guard streaming else { return Self.error(.internalServerError, Self.pullNotFoundMessage) }
            return streamResponse(
                [Self.line(["status": "pulling manifest"]), Self.line(["error": Self.pullNotFoundMessage])], slot: nil)
        }
        install(model)
        guard streaming else { return Self.json(["status": "success"]) }
        var lines = [Self.line(["status": "pulling manifest"])]
        let layer = "sha256:" + model.digest
        for quarter in Int64(0)...4 {
            var progress: [String: Any] = [
                "status": "pulling \(model.digest.prefix(12))", "digest": layer, "total": model.sizeBytes,
            ]
            // Ollama omits `completed` while it is zero.
            if quarter > 0 { progress["completed"] = model.sizeBytes * quarter / 4 }
            lines.append(Self.line(progress))
        }
        lines += [
            Self.line(["status": "verifying sha256 digest"]), Self.line(["status": "writing manifest"]),
            Self.line(["status": "success"]),
        ]
        return streamResponse(lines, slot: nil)
    }

    private static func details(_ model: Model) -> [String: Any] {
        [
            "parent_model": "", "format": "gguf", "family": model.family, "families": [model.family],
            "parameter_size": model.parameterSize, "quantization_level": model.quantizationLevel,
        ]
    }

    /// "7.6B" → 7_600_000_000, "23M" → 23_000_000.
    private static func parameterCount(_ size: String) -> Int64 {
        let scale: Double =
            switch size.last {
            case "B": 1e9
            case "M": 1e6
            case "K": 1e3
            default: 1
            }
        let number = Double(size.filter { $0.isNumber || $0 == "." }) ?? 0
        return Int64(number * scale)
    }

    // MARK: - Helpers

    /// Ollama's name rule: a name without a tag means `:latest`.
    public static func canonicalName(_ name: String) -> String {
        let last = name.split(separator: "/").last ?? ""
        return last.contains(":") ? name : name + ":latest"
    }

    /// A reply cut into the pieces the fake streams: each word with the whitespace
    /// before it, so the pieces concatenate back to the text exactly.
    public static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var hasWord = false
        for character in text {
            if character.isWhitespace && hasWord {
                tokens.append(current)
                current = ""
                hasWord = false
            }
            current.append(character)
            if !character.isWhitespace { hasWord = true }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static func digest(of name: String) -> String {
        (0..<4).map { seed in
            let hash = fnv1a(Array("\(seed):\(name)".utf8))
            let hex = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    private static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .colon))
    }

    private static func line(_ object: [String: Any]) -> ByteBuffer {
        var data = serialize(object)
        data.append(UInt8(ascii: "\n"))
        return ByteBuffer(bytes: data)
    }

    private static func serialize(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data(#"{"error":"the fake could not encode its answer"}"#.utf8)
    }

    private static func json(_ object: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: serialize(object))))
    }

    private static func error(
        _ status: HTTPResponse.Status, _ message: String, headers extra: HTTPFields = [:]
    ) -> Response {
        var headers = extra
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: status, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: serialize(["error": message]))))
    }

    private static func text(_ text: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
