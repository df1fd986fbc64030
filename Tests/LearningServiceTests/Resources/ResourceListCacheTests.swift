import Dispatch
import Foundation
import RedisKit
import ServiceKit
import TestSupport
import Testing

@testable import LearningService

/// Timings here are far apart on purpose (seconds against tens of seconds):
/// the tests run beside many others on a loaded machine.
@Suite struct ResourceListCacheTests {
    @Test func aCallThatHangsGivesUpAtTheTimeoutWithoutWaitingForTheWork() async throws {
        let started = ContinuousClock.now
        await #expect(throws: DetachedDeadlineExceeded.self) {
            try await withDetachedDeadline(.milliseconds(50)) {
                // Ignores cancellation, as a blocked Redis connect would.
                await withCheckedContinuation { continuation in
                    DispatchQueue.global().asyncAfter(deadline: .now() + 20) { continuation.resume() }
                }
                return 1
            }
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func withRedisDownACallGivesUpAtItsTimeoutAndLaterCallsDoNotTryUntilThePauseEnds() async throws {
        var configuration = try RedisConfiguration(url: "redis://127.0.0.1:\(FreePort.find())/0")
        configuration.minConnections = 0
        // The pool alone would keep a caller waiting this long for a connection.
        configuration.acquireTimeout = .seconds(20)
        let down = RedisClient(configuration: configuration, logger: TestEnvironment.logger)
        let cache = ResourceListCache(
            redis: down, namespace: "learning:test:", timeout: .seconds(2), pauseAfterFailure: .seconds(60))
        let started = ContinuousClock.now
        #expect(await cache.generation() == nil)
        #expect(ContinuousClock.now - started < .seconds(12))
        // Paused after the failure: these return without trying (a try waits out the 2 s timeout).
        let paused = ContinuousClock.now
        #expect(await cache.get(cache.entryKey("x", generation: 0)) == nil)
        await cache.put(cache.entryKey("x", generation: 0), [1, 2, 3])
        #expect(ContinuousClock.now - paused < .milliseconds(1_500))
        await down.close()
    }

    @Test func invalidatingBumpsTheGenerationSoOlderEntriesAreNotFound() async throws {
        let redis = try TestEnvironment.makeRedis(commandTimeout: .seconds(2))
        let cache = ResourceListCache(
            redis: redis, namespace: TestEnvironment.uniqueName("learning") + ":", timeout: .seconds(2))
        #expect(await cache.generation() == 0)
        await cache.put(cache.entryKey("q", generation: 0), Array("answer".utf8))
        #expect(await cache.get(cache.entryKey("q", generation: 0)) == Array("answer".utf8))
        await cache.invalidate()
        let generation = try #require(await cache.generation())
        #expect(generation == 1)
        #expect(await cache.get(cache.entryKey("q", generation: generation)) == nil)
        _ = try await redis.delete([cache.generationKey, cache.entryKey("q", generation: 0)])
        await redis.close()
    }
}
