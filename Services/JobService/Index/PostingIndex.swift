import Database
import Foundation
import Logging
import Synchronization

/// The open, original postings in memory, for search and recommendations to
/// filter, order, count and score without asking PostgreSQL to walk tens of
/// thousands of rows per request (measured on 100,000 postings: 30–100 ms of
/// database time for a broad search, one CPU each).
///
/// Always current: each `current()` reads `posting_generation` (a one-row
/// table every write to postings bumps, in commit order: migration 0007), and
/// when it moved on, reads only the rows numbered since, in one REPEATABLE
/// READ transaction. A write acknowledged before a request began is in the
/// snapshot that request gets. Catching up runs once however many requests
/// wait for it; the first one loads everything, in keyset-paged chunks so
/// the result copy stays small.
final class PostingIndex: Sendable {
    private struct State {
        var snapshot: PostingSnapshot?
        var catchingUp: Task<PostingSnapshot, any Error>?
    }

    let database: DatabasePool
    private let logger: Logger
    private let state = Mutex(State())
    static let chunkSize = 10_000

    init(database: DatabasePool, logger: Logger = Logger(label: "job-service.posting-index")) {
        self.database = database
        self.logger = logger
    }

    /// The snapshot held now, without asking PostgreSQL; nil until the first load.
    var loaded: PostingSnapshot? { state.withLock { $0.snapshot } }

    /// The postings as of now: every change committed before the call is in it.
    func current() async throws -> PostingSnapshot {
        let rows = try await database.query("SELECT value FROM posting_generation")
        let generation = try rows.first?.decode(Int64.self, "value") ?? 0
        while true {
            enum Next {
                case ready(PostingSnapshot)
                case wait(Task<PostingSnapshot, any Error>)
            }
            let next = state.withLock { state -> Next in
                if let snapshot = state.snapshot, snapshot.generation >= generation { return .ready(snapshot) }
                if let running = state.catchingUp { return .wait(running) }
                let task = Task { try await self.catchUp() }
                state.catchingUp = task
                return .wait(task)
            }
            switch next {
            case .ready(let snapshot): return snapshot
            case .wait(let task):
                // A catch-up that started before our generation was read may end short of it: loop.
                let snapshot = try await task.value
                if snapshot.generation >= generation { return snapshot }
            }
        }
    }

    /// Reads what changed since the current snapshot (everything, the first
    /// time) and publishes the result.
    private func catchUp() async throws -> PostingSnapshot {
        let base = state.withLock { $0.snapshot }
        do {
            let started = ContinuousClock.now
            let next = try await database.withTransaction { connection in
                _ = try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                let rows = try await connection.query("SELECT value FROM posting_generation")
                let generation = try rows.first?.decode(Int64.self, "value") ?? 0
                guard let base else {
                    var terms = SearchTerms()
                    let postings = try await Self.loadAll(connection, terms: &terms)
                    return PostingSnapshot(generation: generation, version: 1, postings: postings, terms: terms)
                }
                if generation == base.generation { return base }
                return try await Self.delta(since: base, to: generation, connection)
            }
            state.withLock {
                $0.snapshot = next
                $0.catchingUp = nil
            }
            if base == nil {
                logger.info(
                    "posting index loaded",
                    metadata: ["postings": "\(next.postings.count)", "took": "\(ContinuousClock.now - started)"])
            }
            return next
        } catch {
            state.withLock { $0.catchingUp = nil }
            throw error
        }
    }

    private static func loadAll(
        _ connection: DatabaseConnection, terms: inout SearchTerms
    ) async throws -> [IndexedPosting] {
        var postings: [IndexedPosting] = []
        while true {
            let after: SQL =
                postings.last.map { last in
                    """
                    AND (sort_at, id) < ('epoch'::timestamptz + \(last.sortMicros)::float8 * interval '1 microsecond',
                        \(last.id))
                    """
                } ?? ""
            let rows = try await connection.query(
                """
                SELECT \(unsafeRaw: IndexedPosting.columns) FROM postings
                WHERE closed_at IS NULL AND duplicate_of IS NULL \(after)
                ORDER BY sort_at DESC, id DESC LIMIT \(Self.chunkSize)
                """)
            for row in rows { postings.append(try IndexedPosting(row: row, terms: &terms)) }
            if rows.count < Self.chunkSize { return postings }
        }
    }

    private static func delta(
        since base: PostingSnapshot, to generation: Int64, _ connection: DatabaseConnection
    ) async throws -> PostingSnapshot {
        let rows = try await connection.query(
            "SELECT \(unsafeRaw: IndexedPosting.columns) FROM postings WHERE change_seq > \(base.generation)")
        let deletions = try await connection.query(
            "SELECT posting_id FROM posting_deletions WHERE change_seq > \(base.generation)")
        var changed: [IndexedPosting] = []
        var removed = Set<UUID>()
        var terms = base.terms
        for row in rows {
            let posting = try IndexedPosting(row: row, terms: &terms)
            if try IndexedPosting.isListed(row) { changed.append(posting) } else { removed.insert(posting.id) }
        }
        for row in deletions { removed.insert(try row.decode(UUID.self, "posting_id")) }
        // Nothing listed changed (a closed posting closed again, say): same postings.
        let unlisted = removed.filter { base.slots[$0] != nil }
        guard !changed.isEmpty || !unlisted.isEmpty else { return base.advanced(to: generation) }
        return base.applying(
            changed: changed, removed: unlisted, terms: terms, generation: generation, version: base.version + 1)
    }
}
