import Contracts
import Database
import Foundation
import RedisKit
import ServiceKit
import TestSupport
import Testing

@testable import JobService

@Suite struct SearchCacheTests {
    @Test func aRepeatedSearchHoweverSpelledIsServedFromTheCacheUntilInvalidated() async throws {
        try await SearchFixture.with { fixture in
            try await fixture.save([
                PostingFixtures.posting(externalId: "a", title: "Swift Engineer", workplace: .remote),
                PostingFixtures.posting(externalId: "b", title: "Swift Developer", workplace: .hybrid),
            ])
            let first = try await fixture.answer(["q": "Swift  engineer", "workplace": "remote,hybrid"])
            #expect(!first.fromCache)
            let query = try SearchFixture.query(["q": "swift engineer", "workplace": "hybrid,remote"])
            let generation = try #require(await fixture.cache.generation())
            let key = fixture.cache.pageKey(query.pageHash, generation: generation)
            #expect(try await fixture.redis.exists(key))
            let ttl = try #require(try await fixture.redis.timeToLive(key))
            #expect(ttl > .seconds(240) && ttl <= .seconds(300))

            // Changed behind the cache's back: the cached answer is still served, byte for byte.
            _ = try await fixture.pool.query("UPDATE postings SET title = 'Swift Engineer II' WHERE external_id = 'a'")
            let second = try await fixture.answer([
                "workplace": "hybrid, REMOTE,remote", "q": " SWIFT engineer ", "unknown": "1",
            ])
            #expect(second.fromCache)
            #expect(second.body == first.body)
            #expect(try SearchFixture.decode(second.body).items.map(\.title) == ["Swift Engineer"])

            await fixture.cache.invalidate()
            #expect(await fixture.cache.generation() == generation + 1)
            let third = try await fixture.answer(["q": "swift engineer", "workplace": "remote,hybrid"])
            #expect(!third.fromCache)
            #expect(try SearchFixture.decode(third.body).items.map(\.title) == ["Swift Engineer II"])
        }
    }

    @Test func differentSearchesAndPagesAreCachedApart() async throws {
        try await SearchFixture.with { fixture in
            try await fixture.save((0..<5).map { PostingFixtures.posting(externalId: "p\($0)", title: "Role \($0)") })
            let small = try await fixture.page(["limit": "2"])
            let large = try await fixture.page(["limit": "4"])
            #expect(small.items.count == 2 && large.items.count == 4)
            let next = try await fixture.page(["limit": "2", "cursor": try #require(small.nextCursor)])
            #expect(next.items.map(\.id) == Array(large.items.map(\.id)[2..<4]))
        }
    }

    @Test func withRedisDownSearchAnswersFromPostgreSQL() async throws {
        try await SearchFixture.with { fixture in
            try await fixture.save([PostingFixtures.posting(externalId: "a", title: "Swift Engineer")])
            let down = try TestEnvironment.makeRedis(url: "redis://127.0.0.1:\(FreePort.find())/0")
            let cache = SearchCache(redis: down, namespace: fixture.cache.namespace, timeout: .milliseconds(200))
            let search = JobSearch(database: fixture.pool, index: fixture.search.index, cache: cache)
            for _ in 0..<3 {
                let answer = try await search.search(try SearchFixture.query(["q": "swift"]))
                #expect(!answer.fromCache)
                #expect(try SearchFixture.decode(answer.body).items.map(\.title) == ["Swift Engineer"])
            }
            // A call gives up at the timeout, or at once while the cache is paused after a failure.
            let started = ContinuousClock.now
            #expect(await cache.generation() == nil)
            #expect(ContinuousClock.now - started < .seconds(1))
            await cache.invalidate()
            await down.close()
        }
    }

    @Test func aCacheCallThatHangsGivesUpAtTheTimeout() async throws {
        let started = ContinuousClock.now
        await #expect(throws: RedisError.self) {
            try await SearchCache.withTimeout(.milliseconds(50)) {
                try await Task.sleep(for: .seconds(30))
                return 1
            }
        }
        // Well under the 30 s the call would take, with room for a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(10))
        let value = try await SearchCache.withTimeout(.seconds(5)) { 42 }
        #expect(value == 42)
    }

    @Test func identicalSearchesRunningTogetherQueryOnce() async throws {
        let coalescer = SearchCoalescer()
        let runs = Counter()
        let gate = AsyncStream<Void>.makeStream()
        async let first = coalescer.run("same") {
            await runs.increment()
            for await _ in gate.stream { break }
            return [1]
        }
        // Wait until the first flight is under way, then join it.
        while await runs.value == 0 { await Task.yield() }
        async let second = coalescer.run("same") {
            await runs.increment()
            return [2]
        }
        try await Task.sleep(for: .milliseconds(200))
        gate.continuation.yield()
        let results = try await [first, second]
        #expect(results == [[1], [1]])
        #expect(await runs.value == 1)
        // Once landed, the same key runs again.
        #expect(try await coalescer.run("same") { [3] } == [3])
    }
}

private actor Counter {
    var value = 0
    func increment() { value += 1 }
}
