import Foundation
import Synchronization

/// Identical searches arriving together run once: the first runs the query,
/// the others wait for its answer. After ingestion invalidates the cache, a
/// burst of requests for the landing page would otherwise each rank and count
/// the same postings.
final class SearchCoalescer: Sendable {
    private struct Flight {
        let id: UUID
        let task: Task<[UInt8], any Error>
    }

    private let flights = Mutex<[String: Flight]>([:])

    /// The answer of the running search named `key`, or of `work` started now.
    func run(_ key: String, _ work: @escaping @Sendable () async throws -> [UInt8]) async throws -> [UInt8] {
        let task = flights.withLock { flights -> Task<[UInt8], any Error> in
            if let flight = flights[key] { return flight.task }
            let id = UUID()
            // Inserted before the task can finish: its removal takes this lock.
            let task = Task {
                defer { self.land(key, id) }
                return try await work()
            }
            flights[key] = Flight(id: id, task: task)
            return task
        }
        return try await task.value
    }

    private func land(_ key: String, _ id: UUID) {
        flights.withLock { flights in
            if flights[key]?.id == id { flights[key] = nil }
        }
    }
}
