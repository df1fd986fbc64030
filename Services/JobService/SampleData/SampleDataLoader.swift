import Database
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle

/// Loads the bundled sample postings into an empty postings table, beside the
/// server (never delaying its start), when `JOB_SAMPLE_DATA` is on: with no
/// network a fresh install still has postings to search and recommend.
///
/// Replicas starting together load once: the check and the load run under a
/// PostgreSQL advisory lock (a replica that can't take it skips, another one is
/// loading), and the table must still be empty once the lock is held. Even a
/// double load would be harmless: postings are upserted by (source, external id).
struct SampleDataLoader: Service {
    /// What one attempt did.
    enum Outcome: Sendable, Equatable {
        case loaded(IngestReport)
        /// The table has postings already (real ones, or an earlier load).
        case notEmpty
        /// Another replica holds the lock and is loading.
        case busy
    }

    /// `pg_try_advisory_lock` key: "cgsample" in ASCII, so it can't collide by
    /// accident with another lock in the same database.
    static let lockKey: Int64 = 0x6367_7361_6D70_6C65

    let database: DatabasePool
    let ingestor: PostingIngestor
    let enabled: Bool
    let logger: Logger
    /// The drafts to load: the bundled file, unless a test supplies others.
    var drafts: @Sendable () throws -> [PostingDraft] = { try SamplePostings.bundled() }

    func run() async throws {
        if enabled {
            await cancelWhenGracefulShutdown {
                await loadLoggingOutcome()
            }
        }
        // Returning would stop the service group: wait for shutdown instead.
        try? await gracefulShutdown()
    }

    private func loadLoggingOutcome() async {
        do {
            switch try await loadIfEmpty() {
            case .loaded(let report):
                let metadata: Logger.Metadata = [
                    "received": .stringConvertible(report.received), "created": .stringConvertible(report.created),
                    "updated": .stringConvertible(report.updated),
                    "unchanged": .stringConvertible(report.unchanged),
                    "rejected": .stringConvertible(report.rejected.count),
                ]
                if report.rejected.isEmpty {
                    logger.info("sample postings loaded", metadata: metadata)
                } else {
                    logger.warning("sample postings loaded with rejected rows", metadata: metadata)
                }
            case .notEmpty:
                logger.info("sample postings not loaded: the database has postings")
            case .busy:
                logger.info("sample postings not loaded: another replica is loading them")
            }
        } catch is CancellationError {
            return
        } catch {
            logger.error("cannot load the sample postings", metadata: ["error": "\(error)"])
        }
    }

    /// Loads the sample when the postings table is empty, dated so the newest
    /// posting is from `now`.
    func loadIfEmpty(now: Date = Date()) async throws -> Outcome {
        // The lock is held on its own connection while the load uses others; a
        // pool of one connection would wait on itself, so it loads unlocked.
        guard database.configuration.maxConnections > 1 else { return try await loadUnlocked(now: now) }
        return try await database.withConnection { connection in
            let rows = try await connection.query("SELECT pg_try_advisory_lock(\(Self.lockKey)) AS locked")
            guard try rows.first?.decode(Bool.self, "locked") == true else { return Outcome.busy }
            do {
                let outcome = try await loadUnlocked(now: now)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
                return outcome
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
                throw error
            }
        }
    }

    private func loadUnlocked(now: Date) async throws -> Outcome {
        let rows = try await database.query("SELECT EXISTS (SELECT 1 FROM postings) AS present")
        if try rows.first?.decode(Bool.self, "present") == true { return .notEmpty }
        // Reading and decoding the file is blocking work: off the cooperative pool.
        let drafts = drafts
        let sample = try await NIOThreadPool.singleton.runIfActive {
            SamplePostings.shifted(try drafts(), newestAt: now)
        }
        return .loaded(try await ingestor.ingest(sample, sourceKey: SamplePostings.source, closeMissing: false))
    }
}
