import Foundation
import Synchronization

/// Postings as result lists show them (`PostingColumns.listing`, description
/// shortened), encoded as the JSON a page carries, kept for the posting
/// index's current version: the first pages of common searches show the same
/// postings again and again, and reading them back from PostgreSQL was one of
/// a page's two round trips, encoding them most of the rest of its time. A
/// newer version (any posting changed) empties it; beyond `capacity` the
/// oldest go.
final class ListingCache: Sendable {
    private struct State {
        var version = 0
        var listings: [UUID: [UInt8]] = [:]
        /// Insertion order, for eviction.
        var order: [UUID] = []
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 5_000) {
        self.capacity = capacity
    }

    /// The cached listings among `ids` for `version`, by id.
    func listings(_ ids: [UUID], version: Int) -> [UUID: [UInt8]] {
        state.withLock { state in
            guard state.version == version else { return [:] }
            var found: [UUID: [UInt8]] = [:]
            for id in ids { found[id] = state.listings[id] }
            return found
        }
    }

    func store(_ listings: [UUID: [UInt8]], version: Int) {
        state.withLock { state in
            if state.version != version {
                // Only a newer version replaces the cache: a slow request must not empty it.
                guard version > state.version else { return }
                state = State(version: version)
            }
            for (id, listing) in listings where state.listings.updateValue(listing, forKey: id) == nil {
                state.order.append(id)
            }
            if state.order.count > capacity {
                let evicted = state.order.count - capacity
                for id in state.order.prefix(evicted) { state.listings[id] = nil }
                state.order.removeFirst(evicted)
            }
        }
    }
}
