import Synchronization

/// The work given to `withDetachedDeadline` did not answer in time.
public struct DetachedDeadlineExceeded: Error, CustomStringConvertible {
    public let timeout: Duration
    public var description: String { "no answer within \(timeout)" }
}

/// The outcome of `work`, or `DetachedDeadlineExceeded` once `timeout` has
/// passed without one. Unlike `withDeadline`, the work is cancelled but not
/// waited for: a Redis call blocked on a connect to an unreachable host ends on
/// its own time, not the request's. The job and learning caches share it.
public func withDetachedDeadline<T: Sendable>(
    _ timeout: Duration, _ work: @escaping @Sendable () async throws -> T
) async throws -> T {
    let gate = FirstAnswerGate<T>()
    return try await withCheckedThrowingContinuation { continuation in
        gate.hold(continuation)
        let worker = Task {
            do {
                gate.resume(with: .success(try await work()))
            } catch {
                gate.resume(with: .failure(error))
            }
        }
        Task {
            try? await Task.sleep(for: timeout)
            if gate.resume(with: .failure(DetachedDeadlineExceeded(timeout: timeout))) { worker.cancel() }
        }
    }
}

/// A continuation resumed by whichever of two tasks gets there first.
private final class FirstAnswerGate<T: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<T, any Error>?>(nil)

    func hold(_ continuation: CheckedContinuation<T, any Error>) {
        self.continuation.withLock { $0 = continuation }
    }

    /// Resumes the continuation unless it was already; true when this call did.
    @discardableResult
    func resume(with result: Result<T, any Error>) -> Bool {
        guard let continuation = continuation.withLock({ $0.take() }) else { return false }
        continuation.resume(with: result)
        return true
    }
}
