import Contracts

/// A local inference runtime the AI service drives: Ollama's native API, or an
/// OpenAI-compatible server (llama.cpp's `llama-server`, vLLM, LM Studio).
/// Everything above this protocol (routing, queues, structured output) is the
/// same for both.
protocol LanguageModelBackend: Sendable {
    /// "ollama" or "openai-compatible", for `/models` and logs.
    var kind: String { get }

    /// One complete answer (`stream: false`).
    func chat(_ request: ChatRequest) async throws -> ChatCompletion

    /// The answer as it is generated. The request is sent, and HTTP errors
    /// (404 model not found, 503 busy) are thrown, before this returns; an
    /// error line in the middle of the stream is thrown from the iterator.
    /// Dropping or cancelling the stream aborts the request to the runtime.
    func streamChat(_ request: ChatRequest) async throws -> ChatStream

    /// One L2-normalised vector per input, in input order.
    func embed(_ request: EmbeddingRequest) async throws -> [[Float]]

    /// The models the runtime has (Ollama's `/api/tags`, OpenAI's `/v1/models`).
    func installedModels() async throws -> [InstalledModel]

    /// The runtime's version (Ollama's `/api/version`); doubles as a liveness probe.
    func version() async throws -> String
}

/// One chat turn.
struct ChatMessage: Codable, Sendable, Equatable {
    enum Role: String, Codable, Sendable {
        case system
        case user
        case assistant
        case tool
    }

    var role: Role
    var content: String

    static func system(_ content: String) -> ChatMessage { ChatMessage(role: .system, content: content) }
    static func user(_ content: String) -> ChatMessage { ChatMessage(role: .user, content: content) }
    static func assistant(_ content: String) -> ChatMessage { ChatMessage(role: .assistant, content: content) }
}

/// Per-request model options, in Ollama's snake_case `options` form. `num_ctx` and
/// `num_thread` are load-time options: they come from the routing table only.
struct ModelOptions: Codable, Sendable, Equatable, Hashable {
    var numCtx: Int?
    var numThread: Int?
    var temperature: Double?
    var topP: Double?
    var numPredict: Int?

    enum CodingKeys: String, CodingKey {
        case numCtx = "num_ctx"
        case numThread = "num_thread"
        case temperature
        case topP = "top_p"
        case numPredict = "num_predict"
    }

    init(
        numCtx: Int? = nil, numThread: Int? = nil, temperature: Double? = nil, topP: Double? = nil,
        numPredict: Int? = nil
    ) {
        self.numCtx = numCtx
        self.numThread = numThread
        self.temperature = temperature
        self.topP = topP
        self.numPredict = numPredict
    }
}

struct ChatRequest: Sendable {
    var model: String
    var messages: [ChatMessage]
    var options: ModelOptions
    /// A JSON schema the answer must follow (Ollama's `format`, OpenAI's
    /// `response_format.json_schema.schema`), or nil for free text.
    var format: JSONValue?
    /// How long the runtime keeps the model loaded afterwards ("30m"); Ollama only.
    var keepAlive: String?

    init(
        model: String, messages: [ChatMessage], options: ModelOptions = ModelOptions(), format: JSONValue? = nil,
        keepAlive: String? = nil
    ) {
        self.model = model
        self.messages = messages
        self.options = options
        self.format = format
        self.keepAlive = keepAlive
    }
}

struct EmbeddingRequest: Sendable {
    var model: String
    var inputs: [String]
    var options: ModelOptions?
    var keepAlive: String?

    init(model: String, inputs: [String], options: ModelOptions? = nil, keepAlive: String? = nil) {
        self.model = model
        self.inputs = inputs
        self.options = options
        self.keepAlive = keepAlive
    }
}

/// What the runtime reports about a generation. Ollama gives durations in
/// nanoseconds and any of them may be absent.
struct GenerationMetrics: Codable, Sendable, Equatable {
    var totalDuration: UInt64?
    var loadDuration: UInt64?
    var promptEvalCount: Int?
    var promptEvalDuration: UInt64?
    var evalCount: Int?
    var evalDuration: UInt64?

    init(
        totalDuration: UInt64? = nil, loadDuration: UInt64? = nil, promptEvalCount: Int? = nil,
        promptEvalDuration: UInt64? = nil, evalCount: Int? = nil, evalDuration: UInt64? = nil
    ) {
        self.totalDuration = totalDuration
        self.loadDuration = loadDuration
        self.promptEvalCount = promptEvalCount
        self.promptEvalDuration = promptEvalDuration
        self.evalCount = evalCount
        self.evalDuration = evalDuration
    }

    /// Generated tokens per second, when the runtime said how many and how long.
    var tokensPerSecond: Double? {
        guard let evalCount, let evalDuration, evalDuration > 0 else { return nil }
        return Double(evalCount) / (Double(evalDuration) / 1e9)
    }
}

/// A finished, non-streamed answer.
struct ChatCompletion: Sendable, Equatable {
    var model: String
    var content: String
    /// "stop", "length", ... when the runtime says why it stopped.
    var doneReason: String?
    var metrics: GenerationMetrics?
}

/// One piece of a streamed answer. The last has `done == true` and carries the
/// metrics the runtime sent, if any.
struct ChatChunk: Sendable, Equatable {
    var content: String
    var done: Bool
    var doneReason: String?
    var metrics: GenerationMetrics?

    init(content: String, done: Bool = false, doneReason: String? = nil, metrics: GenerationMetrics? = nil) {
        self.content = content
        self.done = done
        self.doneReason = doneReason
        self.metrics = metrics
    }
}

/// A model the runtime has on disk.
struct InstalledModel: Codable, Sendable, Equatable {
    var name: String
    var sizeBytes: Int64?
    var digest: String?
    var modifiedAt: String?

    init(name: String, sizeBytes: Int64? = nil, digest: String? = nil, modifiedAt: String? = nil) {
        self.name = name
        self.sizeBytes = sizeBytes
        self.digest = digest
        self.modifiedAt = modifiedAt
    }
}

/// A streamed answer, read with `for try await`. It pulls from the runtime's
/// connection only as fast as it is read (no unbounded buffering), and
/// releasing it aborts the request.
struct ChatStream: AsyncSequence, Sendable {
    typealias Element = ChatChunk

    private let produce: @Sendable () async throws -> ChatChunk?

    /// `next` is called by one reader at a time, until it returns nil or throws.
    init(next: @escaping @Sendable () async throws -> ChatChunk?) {
        produce = next
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let produce: @Sendable () async throws -> ChatChunk?

        mutating func next() async throws -> ChatChunk? { try await produce() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(produce: produce) }
}
