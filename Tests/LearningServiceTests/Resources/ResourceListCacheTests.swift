import Dispatch
import Foundation
import RedisKit
import TestSupport
import Testing

@testable import LearningService

@Suite struct ResourceListCacheTests {
    @Test func aCallThatHangsGivesUpAtTheTimeoutWithoutWaitingForTheWork() async throws {
        let started = ContinuousClock.now
        await #expect(throws: DetachedDeadlineExceeded.self) {
            try await withDetachedDeadline(.milliseconds(50)) {
                // Ignores cancellation, as a blocked Redis connect would.
                await withCheckedContinuation { continuation in
                    DispatchQueue.global().asyncAfter(deadline: .now() + 2) { continuation.resume() }
                }
                return 1
            }
        }
        #expect(ContinuousClock.now - started < .milliseconds(1_500))
    }

    @Test func withRedisDownEveryCallGivesUpQuicklyAndNothingThrows() async throws {
        let down = try TestEnvironment.makeRedis(url: "redis://127.0.0.1:\(FreePort.find())/0")
        let cache = ResourceListCache(redis: down, namespace: "learning:test:", timeout: .milliseconds(200))
        let started = ContinuousClock.now
        #expect(await cache.generation() == nil)
        // Well within the pool's own give-up time (a 2 s wait for a connection).
        #expect(ContinuousClock.now - started < .milliseconds(1_500))
        // Paused after the failure: the next calls don't even try.
        let paused = ContinuousClock.now
        #expect(await cache.get(cache.entryKey("x", generation: 0)) == nil)
        await cache.put(cache.entryKey("x", generation: 0), [1, 2, 3])
        #expect(ContinuousClock.now - paused < .milliseconds(500))
        await cache.invalidate()
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
