import Database
import Foundation
import Logging
import RedisKit

/// Runs sources: fetch the board, ingest what it lists (closing what it no
/// longer lists), and record the run in the source's `sources` row. A failing
/// source is recorded with its error and never stops the others.
///
/// Each run holds the source's own Redis lock, so a manual sync and the
/// scheduler never read the same board at once.
struct SourceRunner: Sendable {
    /// How one attempt to run a source ended.
    enum Outcome: Sendable, Equatable {
        /// The run happened (succeeded, partial or failed) and was recorded.
        case finished(SourceRunReport)
        /// Another run of the source holds its lock.
        case busy
        /// The source's lock could not be asked for (Redis is unreachable), so it did not run.
        case lockUnavailable(String)
        /// The run was cancelled (shutdown) before it finished; nothing was recorded.
        case cancelled

        var report: SourceRunReport? {
            if case .finished(let report) = self { return report }
            return nil
        }
    }

    let connectors: JobBoardConnectors
    let ingestor: PostingIngestor
    let statuses: SourceStatusStore
    let redis: RedisClient
    /// `JobServiceSettings.redisNamespace`.
    let namespace: String
    let logger: Logger
    /// Sources run at once by `runAll`: one slow board never stalls the rest.
    var concurrency = 4
    var lockLease: Duration = .seconds(120)

    /// The source's connector, nil when its provider cannot run here.
    func connector(for source: JobSource) -> (any JobBoardConnector)? {
        connectors.connector(for: source.provider)
    }

    /// Runs `source` now under its lock. `nextRunAt` is recorded as the
    /// scheduler's next round; nil keeps the recorded one.
    func run(_ source: JobSource, nextRunAt: Date?) async -> Outcome {
        let lock = RedisLock(
            redis: redis, key: namespace + "source-lock:" + source.id, lease: lockLease, logger: logger)
        do {
            guard let report = try await lock.withLock({ try await runHoldingLock(source, nextRunAt: nextRunAt) })
            else { return .busy }
            return .finished(report)
        } catch is CancellationError {
            return .cancelled
        } catch {
            logger.warning(
                "cannot take a source's lock; it did not run",
                metadata: ["source": .string(source.id), "error": "\(error)"])
            return .lockUnavailable(String(describing: error))
        }
    }

    /// Runs every source in `sources`, `concurrency` at a time; outcomes in the order given.
    func runAll(_ sources: [JobSource], nextRunAt: Date?) async -> [Outcome] {
        await withTaskGroup(of: (Int, Outcome).self) { group in
            var outcomes = [Outcome](repeating: .cancelled, count: sources.count)
            var next = 0
            while next < min(max(1, concurrency), sources.count) {
                let index = next
                group.addTask { (index, await run(sources[index], nextRunAt: nextRunAt)) }
                next += 1
            }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                if next < sources.count, !Task.isCancelled {
                    let index = next
                    group.addTask { (index, await run(sources[index], nextRunAt: nextRunAt)) }
                    next += 1
                }
            }
            return outcomes
        }
    }

    /// One run with the lock held: every failure becomes a recorded failed run;
    /// only cancellation is thrown.
    private func runHoldingLock(_ source: JobSource, nextRunAt: Date?) async throws -> SourceRunReport {
        let startedAt = Date()
        let clock = ContinuousClock()
        let started = clock.now
        var report = SourceRunReport(sourceId: source.id, status: .failed, startedAt: startedAt, durationMs: 0)
        do {
            guard let connector = connector(for: source) else {
                throw SourceUnavailable(source: source)
            }
            let fetch = try await connector.fetch(source)
            // A board that answered only malformed rows has not emptied: its
            // postings stay open until it lists something readable.
            let closeMissing = !fetch.postings.isEmpty || fetch.rejected.isEmpty
            let ingested = try await ingestor.ingest(fetch.postings, sourceKey: source.id, closeMissing: closeMissing)
            let rejected = fetch.rejected + ingested.rejected
            report.fetched = fetch.postings.count + fetch.rejected.count
            report.created = ingested.created
            report.updated = ingested.updated
            report.unchanged = ingested.unchanged
            report.closed = ingested.closed
            report.rejectedCount = rejected.count
            report.rejected = Array(rejected.prefix(SourceRunReport.listedRejections))
            report.status = rejected.isEmpty ? .succeeded : .partial
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as JobBoardError {
            report.error = error.description
            report.boardError = error
        } catch {
            report.error = Self.describe(error)
        }
        report.durationMs = Self.milliseconds(clock.now - started)
        log(report)
        do {
            try await statuses.record(report, for: source, nextRunAt: nextRunAt)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.error(
                "cannot record a source's run", metadata: ["source": .string(source.id), "error": "\(error)"])
        }
        return report
    }

    private func log(_ report: SourceRunReport) {
        var metadata: Logger.Metadata = [
            "source": .string(report.sourceId), "status": .string(report.status.rawValue),
            "duration_ms": .stringConvertible(report.durationMs), "fetched": .stringConvertible(report.fetched),
            "created": .stringConvertible(report.created), "updated": .stringConvertible(report.updated),
            "closed": .stringConvertible(report.closed), "rejected": .stringConvertible(report.rejectedCount),
        ]
        if let error = report.error { metadata["error"] = .string(error) }
        switch report.status {
        case .succeeded, .partial: logger.info("source ingested", metadata: metadata)
        case .failed: logger.warning("source failed", metadata: metadata)
        }
    }

    /// A failure that is not the board's, readable and without connection details.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let unavailable as SourceUnavailable: unavailable.description
        case let database as DatabaseError: "cannot store the postings: \(database.message)"
        default: "ingestion failed: \(error)"
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}

/// A source whose provider has no connector here: Adzuna or USAJobs without
/// credentials, which the settings leave out.
struct SourceUnavailable: Error, Sendable, CustomStringConvertible {
    var source: JobSource

    var description: String {
        switch source.provider {
        case "adzuna": "Adzuna needs ADZUNA_APP_ID and ADZUNA_APP_KEY; they are not set"
        case "usajobs": "USAJobs needs USAJOBS_API_KEY and USAJOBS_EMAIL; they are not set"
        default: "no connector reads the provider '\(source.provider)'"
        }
    }
}
