import Contracts

extension LLMUsage {
    /// The `llm` block of an answer a model gave: which model and its timings
    /// (the runtime's when it sent them; our own wall time otherwise).
    static func answered(by completion: ChatCompletion, elapsed: Duration) -> LLMUsage {
        LLMUsage.used(
            model: completion.model, durations: LLMDurations(metrics: completion.metrics, elapsed: elapsed))
    }
}

extension LLMDurations {
    init(metrics: GenerationMetrics?, elapsed: Duration) {
        func milliseconds(_ nanoseconds: UInt64?) -> Double? { nanoseconds.map { Double($0) / 1e6 } }
        let wall = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        self.init(
            totalMs: milliseconds(metrics?.totalDuration) ?? wall, loadMs: milliseconds(metrics?.loadDuration),
            promptEvalMs: milliseconds(metrics?.promptEvalDuration), evalMs: milliseconds(metrics?.evalDuration),
            promptTokens: metrics?.promptEvalCount, completionTokens: metrics?.evalCount,
            tokensPerSecond: metrics?.tokensPerSecond)
    }
}
