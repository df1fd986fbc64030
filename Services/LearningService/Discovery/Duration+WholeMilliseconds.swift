extension Duration {
    /// Whole milliseconds, rounded down: Redis expiries and Lua arguments.
    var wholeMilliseconds: Int {
        Int(components.seconds) * 1000 + Int(components.attoseconds / 1_000_000_000_000_000)
    }
}
