import Synchronization

/// A bounded in-process queue in front of each model.
///
/// Ollama runs one request per model at a time by default and queues the rest
/// without bound; a pile-up there turns into timeouts for everyone. Here at most
/// `concurrency` callers per model run, at most `maxWaiting` wait (first come,
/// first served), and anyone beyond that is told at once to come back later
/// (`.overloaded` with `retryAfterSeconds`, which the HTTP layer turns into
/// 503 + `Retry-After`).
///
/// Configured from `OLLAMA_MAX_CONCURRENCY` (default 1, Ollama's default
/// parallelism) and `OLLAMA_MAX_QUEUE` (default 8).
final class ModelQueues: Sendable {
    let concurrency: Int
    let maxWaiting: Int
    private let states = Mutex<[String: ModelQueueState]>([:])
    private let nextID = Atomic<Int>(0)

    init(concurrency: Int = 1, maxWaiting: Int = 8) {
        self.concurrency = max(1, concurrency)
        self.maxWaiting = max(0, maxWaiting)
    }

    /// Runs `body` while holding one of `model`'s slots; the slot is given back
    /// when `body` returns or throws.
    ///
    /// - Throws: `LanguageModelError(.overloaded)` at once when `maxWaiting`
    ///   callers already wait; `CancellationError` when the caller is cancelled
    ///   while waiting (it leaves the line without taking a slot).
    func withSlot<T>(
        model: String, isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T
    ) async throws -> T {
        let slot = try await acquire(model: model)
        defer { slot.release() }
        return try await body()
    }

    /// Waits for a slot, for work whose end is not one scope (a streamed answer).
    /// Give it back with `release()`; a slot that is dropped gives itself back.
    func acquire(model: String) async throws -> Slot {
        let id = nextID.add(1, ordering: .relaxed).newValue
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let decision = states.withLock { states in
                    states[model, default: ModelQueueState()].admit(
                        id: id, continuation: continuation, concurrency: concurrency, maxWaiting: maxWaiting,
                        cancelled: Task.isCancelled)
                }
                switch decision {
                case .granted: continuation.resume()
                case .waiting: break
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .rejected(let retryAfter):
                    continuation.resume(
                        throwing: LanguageModelError(
                            .overloaded, "\(maxWaiting) requests already wait for \(model); try again later",
                            model: model, retryAfterSeconds: retryAfter))
                }
            }
        } onCancel: {
            let waiter = states.withLock { $0[model]?.removeWaiter(id: id) }
            waiter?.resume(throwing: CancellationError())
        }
        let slot = Slot(queues: self, model: model, id: id)
        // Handed the slot in the same instant the caller went away: pass it on unused.
        if Task.isCancelled {
            slot.release(used: false)
            throw CancellationError()
        }
        return slot
    }

    /// Each model's queue, keyed by model name.
    func statistics() -> [String: ModelQueueStatistics] {
        states.withLock { $0.mapValues(\.statistics) }
    }

    func statistics(model: String) -> ModelQueueStatistics {
        states.withLock { $0[model]?.statistics ?? ModelQueueStatistics() }
    }

    fileprivate func release(model: String, id: Int, used: Bool) {
        let next = states.withLock { $0[model]?.release(id: id, used: used) }
        next?.resume()
    }
}

extension ModelQueues {
    /// The right to send one request to a model. Given back once, by `release()`
    /// or when the last reference goes away, whichever comes first.
    final class Slot: Sendable {
        let model: String
        private let queues: ModelQueues
        private let id: Int
        private let released = Atomic<Bool>(false)

        fileprivate init(queues: ModelQueues, model: String, id: Int) {
            self.queues = queues
            self.model = model
            self.id = id
        }

        /// Safe to call more than once; only the first call counts.
        func release() { release(used: true) }

        fileprivate func release(used: Bool) {
            guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
            queues.release(model: model, id: id, used: used)
        }

        deinit { release() }
    }
}
