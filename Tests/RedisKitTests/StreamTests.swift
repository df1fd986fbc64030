import Foundation
import RedisKit
import TestSupport
import Testing

@Suite("Redis streams")
struct StreamTests {
    @Test("add, read in a group, acknowledge, and reclaim a dead consumer's work")
    func consumerGroup() async throws {
        let redis = try TestEnvironment.makeRedis()
        defer { Task { await redis.close() } }
        let stream = TestEnvironment.uniqueName("stream")
        try await redis.xgroupCreate(stream, group: "workers", startingAt: "0")
        try await redis.xgroupCreate(stream, group: "workers", startingAt: "0")  // idempotent
        let first = try await redis.xadd(stream, fields: ["task": "ingest", "source": "greenhouse"])
        let second = try await redis.xadd(stream, fields: ["task": "embed"], maxLength: 1000)

        let batch = try await redis.xreadgroup(group: "workers", consumer: "a", stream: stream, count: 10)
        #expect(batch.map(\.id) == [first, second])
        #expect(batch.first?.fields == ["task": "ingest", "source": "greenhouse"])
        #expect(try await redis.xack(stream, group: "workers", ids: [first]) == 1)

        // Nothing new: a blocking read waits, then returns empty.
        let start = ContinuousClock.now
        let empty = try await redis.xreadgroup(
            group: "workers", consumer: "a", stream: stream, block: .milliseconds(300))
        #expect(empty.isEmpty)
        #expect(ContinuousClock.now - start >= .milliseconds(250))

        // Consumer "a" died holding `second`: "b" claims it.
        try await Task.sleep(for: .milliseconds(50))
        let claimed = try await redis.xautoclaim(
            stream, group: "workers", consumer: "b", minIdle: .milliseconds(10))
        #expect(claimed.entries.map(\.id) == [second])
        #expect(try await redis.xack(stream, group: "workers", ids: [second]) == 1)
        #expect(try await redis.xlen(stream) == 2)
        try await redis.delete(stream)
    }
}
