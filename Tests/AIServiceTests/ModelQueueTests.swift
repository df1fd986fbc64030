import Synchronization
import Testing

@testable import AIService

@Suite("Per-model bounded queue")
struct ModelQueueTests {
    /// A door the test opens: bodies wait at it while holding their slot.
    final class Gate: Sendable {
        private let stream: AsyncStream<Void>
        private let continuation: AsyncStream<Void>.Continuation

        init() { (stream, continuation) = AsyncStream.makeStream() }

        func wait() async {
            for await _ in stream { return }
        }

        func open() { continuation.finish() }
    }

    /// A value several tasks update: a `Mutex` shared by reference.
    final class Shared<Value: Sendable>: Sendable {
        private let mutex: Mutex<Value>

        init(_ value: Value) { mutex = Mutex(value) }

        func withLock<Result>(_ body: (inout Value) -> Result) -> Result { mutex.withLock { body(&$0) } }
    }

    /// Waits (without spinning hot) until `condition` holds, for up to 5 s.
    static func eventually(_ condition: () -> Bool, _ comment: Comment) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while !condition() {
            try #require(ContinuousClock.now < deadline, comment)
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    @Test("at most `concurrency` bodies run at once; all of them run")
    func concurrencyRespected() async throws {
        let queues = ModelQueues(concurrency: 2, maxWaiting: 16)
        let counts = Shared((now: 0, peak: 0, done: 0))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    try await queues.withSlot(model: "m") {
                        counts.withLock {
                            $0.now += 1
                            $0.peak = max($0.peak, $0.now)
                        }
                        try await Task.sleep(for: .milliseconds(10))
                        counts.withLock {
                            $0.now -= 1
                            $0.done += 1
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = counts.withLock { $0 }
        #expect(final.peak == 2)
        #expect(final.done == 10)
        #expect(
            queues.statistics(model: "m")
                == ModelQueueStatistics(
                    running: 0, waiting: 0, rejected: 0, completed: 10,
                    averageHoldSeconds: queues.statistics(model: "m").averageHoldSeconds))
        #expect((queues.statistics(model: "m").averageHoldSeconds ?? 0) >= 0.01)
    }

    @Test("past maxWaiting a caller is refused at once with .overloaded and a retry time")
    func overflowRejected() async throws {
        let queues = ModelQueues(concurrency: 1, maxWaiting: 2)
        let gate = Gate()
        let holders = (0..<3).map { _ in Task { try await queues.withSlot(model: "m") { await gate.wait() } } }
        try await Self.eventually({ queues.statistics(model: "m").waiting == 2 }, "two callers wait")

        let error = try await #require(throws: LanguageModelError.self) {
            try await queues.withSlot(model: "m") { Issue.record("an overloaded caller must not run") }
        }
        #expect(error.code == .overloaded)
        #expect(error.model == "m")
        let retryAfter = try #require(error.retryAfterSeconds)
        #expect((1...60).contains(retryAfter))
        #expect(queues.statistics(model: "m").rejected == 1)

        // Another model has its own line.
        try await queues.withSlot(model: "other") {}

        gate.open()
        for holder in holders { try await holder.value }
        #expect(queues.statistics(model: "m").running == 0)
    }

    @Test("the retry estimate is hold time × rounds ahead, within 1…60 s")
    func retryEstimate() {
        #expect(ModelQueueState.retryAfterSeconds(perSlotSeconds: 0.2, position: 1, concurrency: 1) == 1)
        #expect(ModelQueueState.retryAfterSeconds(perSlotSeconds: 3, position: 4, concurrency: 2) == 6)
        #expect(ModelQueueState.retryAfterSeconds(perSlotSeconds: 3, position: 5, concurrency: 2) == 9)
        #expect(ModelQueueState.retryAfterSeconds(perSlotSeconds: 20, position: 9, concurrency: 1) == 60)
        #expect(ModelQueueState.retryAfterSeconds(perSlotSeconds: .infinity, position: 1, concurrency: 1) == 60)
    }

    @Test("waiters are served first come, first served")
    func fifo() async throws {
        let queues = ModelQueues(concurrency: 1, maxWaiting: 8)
        let gate = Gate()
        let order = Shared<[Int]>([])
        let holder = Task { try await queues.withSlot(model: "m") { await gate.wait() } }
        try await Self.eventually({ queues.statistics(model: "m").running == 1 }, "the holder runs")
        var waiters: [Task<Void, any Error>] = []
        for index in 0..<6 {
            waiters.append(Task { try await queues.withSlot(model: "m") { order.withLock { $0.append(index) } } })
            try await Self.eventually({ queues.statistics(model: "m").waiting == index + 1 }, "waiter \(index) queued")
        }
        gate.open()
        try await holder.value
        for waiter in waiters { try await waiter.value }
        #expect(order.withLock { $0 } == Array(0..<6))
    }

    @Test("a cancelled waiter leaves the line without taking or leaking a slot")
    func cancelledWaiterLeaves() async throws {
        let queues = ModelQueues(concurrency: 1, maxWaiting: 1)
        let gate = Gate()
        let ran = Shared<[String]>([])
        let holder = Task { try await queues.withSlot(model: "m") { await gate.wait() } }
        try await Self.eventually({ queues.statistics(model: "m").running == 1 }, "the holder runs")

        let cancelled = Task { try await queues.withSlot(model: "m") { ran.withLock { $0.append("cancelled") } } }
        try await Self.eventually({ queues.statistics(model: "m").waiting == 1 }, "the waiter queued")
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        #expect(queues.statistics(model: "m").waiting == 0)
        #expect(queues.statistics(model: "m").running == 1)

        // Its place is free for the next caller, who runs once the holder is done.
        let next = Task { try await queues.withSlot(model: "m") { ran.withLock { $0.append("next") } } }
        try await Self.eventually({ queues.statistics(model: "m").waiting == 1 }, "the next waiter queued")
        gate.open()
        try await holder.value
        try await next.value
        #expect(ran.withLock { $0 } == ["next"])
        #expect(queues.statistics(model: "m").running == 0)
        #expect(queues.statistics(model: "m").rejected == 0)
    }

    @Test("a caller cancelled before asking takes no slot")
    func cancelledBeforeAsking() async throws {
        let queues = ModelQueues(concurrency: 1, maxWaiting: 1)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await queues.withSlot(model: "m") { true }
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(queues.statistics(model: "m").running == 0)
        #expect(try await queues.withSlot(model: "m") { true })
    }

    @Test("the slot is given back when the body throws")
    func releasedOnThrow() async throws {
        struct Failure: Error {}
        let queues = ModelQueues(concurrency: 1, maxWaiting: 0)
        await #expect(throws: Failure.self) { try await queues.withSlot(model: "m") { throw Failure() } }
        #expect(queues.statistics(model: "m").running == 0)
        #expect(
            try await queues.withSlot(model: "m") { 42 } == 42, "with no waiting room, only a free slot lets this run")
    }

    @Test("a lease is given back once, by release() or when dropped")
    func leaseRelease() async throws {
        let queues = ModelQueues(concurrency: 1, maxWaiting: 0)
        let slot = try await queues.acquire(model: "m")
        #expect(queues.statistics(model: "m").running == 1)
        slot.release()
        slot.release()
        #expect(queues.statistics(model: "m").running == 0)
        #expect(queues.statistics(model: "m").completed == 1)

        do {
            _ = try await queues.acquire(model: "m")
        }
        #expect(queues.statistics(model: "m").running == 0, "a dropped slot gives itself back")
        #expect(queues.statistics().keys.sorted() == ["m"])
    }
}
