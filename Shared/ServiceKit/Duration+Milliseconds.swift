extension Duration {
    /// Fractional milliseconds, for logs and readiness reports.
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
