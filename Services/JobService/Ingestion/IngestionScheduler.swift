import Foundation
import Logging
import RedisKit
import ServiceLifecycle

/// Ingests every enabled source beside the server: a first round shortly after
/// start, then one every `interval` (0 turns it off).
///
/// Replicas share the work through Redis: a round runs only under the
/// `ingest-lock`, and only when no replica started one within the interval
/// (the `ingest-due` mark), so N replicas ingest once per interval, not N times.
/// Without Redis a round is skipped: double ingestion is worse than a late one.
/// Graceful shutdown cancels the wait, or the round in progress, at once.
struct IngestionScheduler: Service {
    /// How one round ended.
    enum Round: Sendable, Equatable {
        /// This replica ran the sources.
        case ran([SourceRunner.Outcome])
        /// Another replica holds the lock.
        case lockHeld
        /// A round started within the interval already.
        case notDue
        /// Redis could not be asked; nothing ran.
        case redisUnavailable(String)
        case cancelled
    }

    let runner: SourceRunner
    /// The enabled sources whose provider can run here.
    let sources: [JobSource]
    let interval: Duration
    let firstRunDelay: Duration
    let logger: Logger

    init(
        runner: SourceRunner, sources: [JobSource], interval: Duration, firstRunDelay: Duration = .seconds(5),
        logger: Logger
    ) {
        self.runner = runner
        self.sources = sources
        self.interval = interval
        self.firstRunDelay = firstRunDelay
        self.logger = logger
    }

    var lockKey: String { runner.namespace + "ingest-lock" }
    /// Set when a round starts, expiring a little before the next is due.
    var dueKey: String { runner.namespace + "ingest-due" }

    func run() async throws {
        guard interval > .zero, !sources.isEmpty else {
            logger.info(
                "ingestion scheduler is off",
                metadata: ["reason": .string(interval > .zero ? "no enabled sources" : "JOB_INGEST_INTERVAL_MS is 0")])
            // Returning would stop the service group: wait for shutdown instead.
            try? await gracefulShutdown()
            return
        }
        logger.info(
            "ingestion scheduler started",
            metadata: ["sources": .stringConvertible(sources.count), "interval_ms": "\(interval)"])
        try? await cancelWhenGracefulShutdown {
            try await Task.sleep(for: firstRunDelay)
            while true {
                let started = ContinuousClock.now
                _ = await runRound()
                try await Task.sleep(until: started + interval, clock: .continuous)
            }
        }
    }

    /// One round: take the lock, run every source (bounded concurrency), release.
    func runRound() async -> Round {
        let lock = RedisLock(redis: runner.redis, key: lockKey, lease: runner.lockLease, logger: logger)
        let startedAt = Date()
        let nextRunAt = startedAt.addingTimeInterval(Self.seconds(interval))
        do {
            let ran = try await lock.withLock { () async throws -> Round in
                guard try await markDue() else { return .notDue }
                return .ran(await runner.runAll(sources, nextRunAt: nextRunAt))
            }
            guard let round = ran else {
                logger.debug("another replica is ingesting; skipping this round")
                return .lockHeld
            }
            if case .ran(let outcomes) = round { log(outcomes, since: startedAt) }
            return round
        } catch is CancellationError {
            return .cancelled
        } catch {
            logger.warning(
                "cannot take the ingestion lock; skipping this round", metadata: ["error": "\(error)"])
            return .redisUnavailable(String(describing: error))
        }
    }

    /// Claims this interval's round; false when a round already started in it.
    /// The mark expires a little early, so a replica's own timer is never
    /// refused by the mark its previous round left.
    private func markDue() async throws -> Bool {
        let slack = min(interval / 10, .seconds(60))
        return try await runner.redis.set(
            dueKey, to: String(Int(Date().timeIntervalSince1970)), expiresIn: max(interval - slack, .milliseconds(1)),
            condition: .ifNotExists)
    }

    private func log(_ outcomes: [SourceRunner.Outcome], since startedAt: Date) {
        let reports = outcomes.compactMap(\.report)
        logger.info(
            "ingestion round finished",
            metadata: [
                "sources": .stringConvertible(outcomes.count),
                "failed": .stringConvertible(reports.count { $0.status == .failed }),
                "skipped": .stringConvertible(outcomes.count - reports.count),
                "created": .stringConvertible(reports.reduce(0) { $0 + $1.created }),
                "updated": .stringConvertible(reports.reduce(0) { $0 + $1.updated }),
                "closed": .stringConvertible(reports.reduce(0) { $0 + $1.closed }),
                "duration_ms": .stringConvertible(Int(Date().timeIntervalSince(startedAt) * 1000)),
            ])
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
