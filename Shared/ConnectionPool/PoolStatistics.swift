/// A snapshot of a pool, for `/metrics` gauges.
public struct PoolStatistics: Sendable {
    public let open: Int
    public let idle: Int
    public let leased: Int
    /// Callers queued for a connection.
    public let waiting: Int
    public let max: Int
}
