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

extension LLMDurations {
    /// Several model calls as one: times and token counts added, the rate recomputed.
    static func sum(_ parts: [LLMDurations]) -> LLMDurations? {
        guard !parts.isEmpty else { return nil }
        func total<T: AdditiveArithmetic>(_ values: [T?]) -> T? {
            let present = values.compactMap { $0 }
            return present.isEmpty ? nil : present.reduce(.zero, +)
        }
        let completion = total(parts.map(\.completionTokens))
        let eval = total(parts.map(\.evalMs))
        return LLMDurations(
            totalMs: total(parts.map(\.totalMs)), loadMs: total(parts.map(\.loadMs)),
            promptEvalMs: total(parts.map(\.promptEvalMs)), evalMs: eval,
            promptTokens: total(parts.map(\.promptTokens)), completionTokens: completion,
            tokensPerSecond: completion.flatMap { tokens in eval.flatMap { $0 > 0 ? Double(tokens) / ($0 / 1000) : nil }
            })
    }
}
