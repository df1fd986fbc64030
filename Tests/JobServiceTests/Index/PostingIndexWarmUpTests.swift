import Database
import Foundation
import ServiceLifecycle
import TestSupport
import Testing

@testable import JobService

/// The index loads as the service starts, and a database it cannot reach
/// neither stops the service group nor delays its shutdown.
@Suite struct PostingIndexWarmUpTests {
    @Test func theIndexIsLoadedBeforeAnyRequestAsks() async throws {
        try await SearchFixture.with { fixture in
            let ids = try await fixture.save([
                PostingFixtures.posting(externalId: "a", title: "Swift Engineer"),
                PostingFixtures.posting(externalId: "b", title: "Data Scientist"),
            ])
            let index = PostingIndex(database: fixture.pool)
            #expect(index.loaded == nil)
            let group = ServiceGroup(
                services: [PostingIndexWarmUp(index: index, logger: TestEnvironment.logger)],
                gracefulShutdownSignals: [], logger: TestEnvironment.logger)
            let clock = ContinuousClock()
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let deadline = clock.now + .seconds(30)
                while index.loaded == nil, clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
                #expect(Set(index.loaded?.postings.map(\.id) ?? []) == Set(ids.values))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }

    @Test func anUnreachableDatabaseIsLoggedAndTheServiceWaitsForShutdown() async throws {
        let unreachable = DatabasePool(
            configuration: DatabaseConfiguration(
                url: "postgres://careergini@127.0.0.1:\(FreePort.find())/careergini", minConnections: 0,
                maxConnections: 1, acquireTimeout: .milliseconds(300)),
            logger: TestEnvironment.logger)
        let index = PostingIndex(database: unreachable)
        let group = ServiceGroup(
            services: [unreachable, PostingIndexWarmUp(index: index, logger: TestEnvironment.logger)],
            gracefulShutdownSignals: [], logger: TestEnvironment.logger)
        let stopped = ChangeCounter()
        let clock = ContinuousClock()
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                try await group.run()
                stopped.increment()
            }
            try await Task.sleep(for: .seconds(1))
            // Returning from `run` would have stopped the whole service group.
            #expect(stopped.value == 0)
            #expect(index.loaded == nil)
            let stopping = clock.now
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            // Prompt, with room for a loaded test machine.
            #expect(clock.now - stopping < .seconds(20), "shutdown took \(clock.now - stopping)")
        }
    }
}
