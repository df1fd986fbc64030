/// The `llm` block of every AI answer: whether a language model contributed,
/// and if not, why (the deterministic result stands on its own).
public struct LLMUsage: Codable, Sendable, Equatable {
    public var used: Bool
    /// Why no model was used: none reachable, model not pulled, answer invalid, not asked for.
    public var reason: String?
    public var model: String?
    public var durations: LLMDurations?

    public init(used: Bool, reason: String? = nil, model: String? = nil, durations: LLMDurations? = nil) {
        self.used = used
        self.reason = reason
        self.model = model
        self.durations = durations
    }

    public static func unused(reason: String) -> LLMUsage { LLMUsage(used: false, reason: reason) }

    public static func used(model: String, durations: LLMDurations?) -> LLMUsage {
        LLMUsage(used: true, model: model, durations: durations)
    }
}

/// Timings of one model answer, in milliseconds, and its token counts; any may
/// be absent when the runtime didn't report it.
public struct LLMDurations: Codable, Sendable, Equatable {
    public var totalMs: Double?
    public var loadMs: Double?
    public var promptEvalMs: Double?
    public var evalMs: Double?
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var tokensPerSecond: Double?

    public init(
        totalMs: Double? = nil, loadMs: Double? = nil, promptEvalMs: Double? = nil, evalMs: Double? = nil,
        promptTokens: Int? = nil, completionTokens: Int? = nil, tokensPerSecond: Double? = nil
    ) {
        self.totalMs = totalMs
        self.loadMs = loadMs
        self.promptEvalMs = promptEvalMs
        self.evalMs = evalMs
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.tokensPerSecond = tokensPerSecond
    }
}
