/// One model's queue, as `/models` and the metrics show it.
struct ModelQueueStatistics: Codable, Sendable, Equatable {
    /// Callers holding a slot now (at most the concurrency).
    var running: Int
    /// Callers waiting for a slot now (at most `maxWaiting`).
    var waiting: Int
    /// Callers turned away with `.overloaded` since start.
    var rejected: Int
    /// Slots given back since start.
    var completed: Int
    /// Recent average time a slot was held, in seconds; nil before the first one is given back.
    var averageHoldSeconds: Double?

    init(running: Int = 0, waiting: Int = 0, rejected: Int = 0, completed: Int = 0, averageHoldSeconds: Double? = nil) {
        self.running = running
        self.waiting = waiting
        self.rejected = rejected
        self.completed = completed
        self.averageHoldSeconds = averageHoldSeconds
    }
}
