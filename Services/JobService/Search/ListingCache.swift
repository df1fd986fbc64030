import Contracts
import Foundation
import Synchronization

/// Postings as result lists show them (`PostingColumns.listing`, description
/// shortened), kept for the posting index's current version: the first pages
/// of common searches show the same postings again and again, and reading
/// them back from PostgreSQL was one of a page's two round trips. A newer
/// version (any posting changed) empties it; beyond `capacity` the oldest go.
final class ListingCache: Sendable {
    private struct State {
        var version = 0
        var jobs: [UUID: Job] = [:]
        /// Insertion order, for eviction.
        var order: [UUID] = []
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 5_000) {
        self.capacity = capacity
    }

    /// The cached jobs among `ids` for `version`, by id.
    func jobs(_ ids: [UUID], version: Int) -> [UUID: Job] {
        state.withLock { state in
            guard state.version == version else { return [:] }
            var found: [UUID: Job] = [:]
            for id in ids { found[id] = state.jobs[id] }
            return found
        }
    }

    func store(_ jobs: [UUID: Job], version: Int) {
        state.withLock { state in
            if state.version != version {
                // Only a newer version replaces the cache: a slow request must not empty it.
                guard version > state.version else { return }
                state = State(version: version)
            }
            for (id, job) in jobs where state.jobs.updateValue(job, forKey: id) == nil { state.order.append(id) }
            if state.order.count > capacity {
                let evicted = state.order.count - capacity
                for id in state.order.prefix(evicted) { state.jobs[id] = nil }
                state.order.removeFirst(evicted)
            }
        }
    }
}
