import Foundation
import Logging
import RedisKit
import ServiceLifecycle
import TestSupport
import Testing

@testable import JobService

@Suite struct IngestionSchedulerTests {
    private func scheduler(
        _ runner: SourceRunner, _ sources: [JobSource], interval: Duration = .seconds(3600),
        firstRunDelay: Duration = .seconds(3600)
    ) -> IngestionScheduler {
        IngestionScheduler(
            runner: runner, sources: sources, interval: interval, firstRunDelay: firstRunDelay,
            logger: TestEnvironment.logger)
    }

    @Test func twoReplicasRacingIngestOnceAndTheLockIsReleasedAfter() async throws {
        try await IngestionFixture.with { fixture in
            let connector = ScriptedConnector(pause: .milliseconds(300), drafts: [DraftFixtures.draft("1")])
            let sources = [IngestionFixture.source("greenhouse", "acme")]
            let first = scheduler(fixture.runner([connector]), sources)
            let second = scheduler(fixture.runner([connector]), sources)
            async let one = first.runRound()
            async let two = second.runRound()
            let rounds = await [one, two]
            let ran = rounds.filter { if case .ran = $0 { true } else { false } }
            #expect(ran.count == 1)
            #expect(rounds.contains(.lockHeld) || rounds.contains(.notDue))
            #expect(connector.fetchCount == 1)
            #expect(try await fixture.redis.exists(first.lockKey) == false)

            // Within the interval, a later round on either replica is not due.
            #expect(await second.runRound() == .notDue)
            #expect(connector.fetchCount == 1)
            let status = try #require(try await fixture.status("greenhouse:acme"))
            let next = try #require(status.nextRunAt)
            #expect(abs(next.timeIntervalSinceNow - 3600) < 60)
        }
    }

    @Test func aRoundWhileAnotherReplicaHoldsTheLockIsSkipped() async throws {
        try await IngestionFixture.with { fixture in
            let connector = ScriptedConnector(drafts: [DraftFixtures.draft("1")])
            let scheduler = self.scheduler(fixture.runner([connector]), [IngestionFixture.source("greenhouse", "acme")])
            try await fixture.redis.set(scheduler.lockKey, to: "another-replica", expiresIn: .seconds(30))
            #expect(await scheduler.runRound() == .lockHeld)
            #expect(connector.fetchCount == 0)
            // Its lock is not ours to release.
            #expect(try await fixture.redis.get(scheduler.lockKey) == "another-replica")
        }
    }

    @Test func withoutRedisTheRoundIsSkippedRatherThanRiskingDoubleIngestion() async throws {
        try await IngestionFixture.with { fixture in
            let unreachable = try TestEnvironment.makeRedis(url: "redis://127.0.0.1:\(FreePort.find())/0")
            let connector = ScriptedConnector(drafts: [DraftFixtures.draft("1")])
            let runner = SourceRunner(
                connectors: JobBoardConnectors([connector]), ingestor: fixture.ingestor, statuses: fixture.statuses,
                redis: unreachable, namespace: fixture.namespace, logger: TestEnvironment.logger)
            let round = await scheduler(runner, [IngestionFixture.source("greenhouse", "acme")]).runRound()
            await unreachable.close()
            guard case .redisUnavailable = round else {
                Issue.record("expected the round to be skipped, got \(round)")
                return
            }
            #expect(connector.fetchCount == 0)
            #expect(try await fixture.status("greenhouse:acme") == nil)
        }
    }

    @Test func theFirstRoundRunsShortlyAfterStartAndShutdownEndsTheWaitPromptly() async throws {
        try await IngestionFixture.with { fixture in
            let connector = ScriptedConnector(drafts: [DraftFixtures.draft("1")])
            let scheduler = self.scheduler(
                fixture.runner([connector]), [IngestionFixture.source("greenhouse", "acme")],
                interval: .seconds(3600), firstRunDelay: .milliseconds(50))
            let group = ServiceGroup(services: [scheduler], gracefulShutdownSignals: [], logger: TestEnvironment.logger)
            let clock = ContinuousClock()
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                // Generous: the round normalises on the blocking pool, which a loaded machine starves.
                let deadline = clock.now + .seconds(60)
                var status = try await fixture.status("greenhouse:acme")
                while status == nil, clock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                    status = try await fixture.status("greenhouse:acme")
                }
                // The recorded run says why, when it did not succeed.
                let run = "\(String(describing: status))"
                #expect(connector.fetchCount == 1, "\(run)")
                #expect(status?.lastStatus == "succeeded", "\(run)")
                // Now it waits an hour for the next round; shutdown must not.
                let stopping = clock.now
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                // Prompt against the hour it would wait, with room for a loaded test machine.
                #expect(clock.now - stopping < .seconds(20), "shutdown took \(clock.now - stopping)")
            }
            #expect(try await fixture.openIds("greenhouse:acme") == ["1"])
        }
    }

    @Test func aSchedulerWithAZeroIntervalNeverIngestsAndStopsOnShutdown() async throws {
        try await IngestionFixture.with { fixture in
            let connector = ScriptedConnector(drafts: [DraftFixtures.draft("1")])
            let scheduler = self.scheduler(
                fixture.runner([connector]), [IngestionFixture.source("greenhouse", "acme")], interval: .zero,
                firstRunDelay: .zero)
            let group = ServiceGroup(services: [scheduler], gracefulShutdownSignals: [], logger: TestEnvironment.logger)
            let stopped = ChangeCounter()
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask {
                    try await group.run()
                    stopped.increment()
                }
                try await Task.sleep(for: .milliseconds(200))
                // Returning from `run` would have stopped the whole service group.
                #expect(stopped.value == 0)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(connector.fetchCount == 0)
        }
    }
}
