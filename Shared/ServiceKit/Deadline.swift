/// The work given to `withDeadline` did not finish in time.
public struct DeadlineExceeded: Error, CustomStringConvertible {
    public let timeout: Duration
    public var description: String { "no answer within \(timeout)" }
}

/// Runs `work`, giving up after `timeout` (the work is cancelled): readiness
/// probes and the gateway's Redis probes share it.
public func withDeadline<T: Sendable>(
    _ timeout: Duration, _ work: @escaping @Sendable () async throws -> T
) async -> Result<T, any Error> {
    await withTaskGroup(of: Result<T, any Error>?.self) { group in
        group.addTask {
            do { return .success(try await work()) } catch { return .failure(error) }
        }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return Task.isCancelled ? nil : .failure(DeadlineExceeded(timeout: timeout))
        }
        var outcome: Result<T, any Error> = .failure(DeadlineExceeded(timeout: timeout))
        for await result in group {
            if let result {
                outcome = result
                break
            }
        }
        group.cancelAll()
        return outcome
    }
}
