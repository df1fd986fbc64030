extension GenerationMetrics {
    /// Metrics from an OpenAI-compatible answer: token counts from `usage` (or
    /// llama-server's `timings` when `usage` is missing), durations from
    /// `timings` converted to nanoseconds, and the wall time we measured as the
    /// total, since no OpenAI-compatible server reports one.
    init(usage: OpenAIWire.Usage?, timings: OpenAIWire.Timings?, wallTime: Duration) {
        self.init(
            totalDuration: Self.nanoseconds(wallTime),
            promptEvalCount: usage?.promptTokens ?? timings?.promptN,
            promptEvalDuration: timings?.promptMs.flatMap(Self.nanoseconds(milliseconds:)),
            evalCount: usage?.completionTokens ?? timings?.predictedN,
            evalDuration: timings?.predictedMs.flatMap(Self.nanoseconds(milliseconds:)))
    }

    private static func nanoseconds(milliseconds: Double) -> UInt64? {
        guard milliseconds.isFinite, milliseconds >= 0, milliseconds < 1e12 else { return nil }
        return UInt64((milliseconds * 1_000_000).rounded())
    }

    private static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
