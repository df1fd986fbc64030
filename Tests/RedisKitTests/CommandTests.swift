import Foundation
import RedisKit
import TestSupport
import Testing

@Suite("Redis commands")
struct CommandTests {
    @Test("strings, expiry and counters")
    func strings() async throws {
        let redis = try TestEnvironment.makeRedis()
        defer { Task { await redis.close() } }
        let key = TestEnvironment.uniqueName("k")
        #expect(try await redis.get(key) == nil)
        #expect(try await redis.set(key, to: "välue with spaces\r\n"))
        #expect(try await redis.get(key) == "välue with spaces\r\n")
        #expect(try await redis.set(key, to: "other", condition: .ifNotExists) == false)
        #expect(try await redis.get(key) == "välue with spaces\r\n")
        #expect(try await redis.timeToLive(key) == nil)
        #expect(try await redis.expire(key, after: .seconds(30)))
        let ttl = try #require(try await redis.timeToLive(key))
        #expect(ttl > .seconds(25) && ttl <= .seconds(30))
        #expect(try await redis.increment(key + ":n") == 1)
        #expect(try await redis.increment(key + ":n", by: 41) == 42)
        #expect(try await redis.mget([key, key + ":n", key + ":missing"]) == ["välue with spaces\r\n", "42", nil])
        #expect(try await redis.delete(key, key + ":n") == 2)
        #expect(try await redis.exists(key) == false)
        let binary: [UInt8] = [0, 255, 10, 13, 0]
        try await redis.set(key, to: binary)
        #expect(try await redis.getBytes(key) == binary)
        try await redis.delete(key)
    }

    @Test("hashes, sets and sorted sets")
    func collections() async throws {
        let redis = try TestEnvironment.makeRedis()
        defer { Task { await redis.close() } }
        let key = TestEnvironment.uniqueName("c")
        #expect(try await redis.hset(key + ":h", ["a": "1", "b": "2"]) == 2)
        #expect(try await redis.hget(key + ":h", "a") == "1")
        #expect(try await redis.hincrby(key + ":h", "a", by: 9) == 10)
        #expect(try await redis.hgetall(key + ":h") == ["a": "10", "b": "2"])
        #expect(try await redis.hdel(key + ":h", ["b"]) == 1)

        #expect(try await redis.sadd(key + ":s", ["x", "y", "x"]) == 2)
        #expect(try await redis.smembers(key + ":s") == ["x", "y"])
        #expect(try await redis.sismember(key + ":s", "y"))
        #expect(try await redis.srem(key + ":s", ["y"]) == 1)
        #expect(try await redis.scard(key + ":s") == 1)

        #expect(try await redis.zadd(key + ":z", [(3, "c"), (1, "a"), (2, "b")]) == 3)
        #expect(try await redis.zrange(key + ":z", from: 0, to: -1).map(\.member) == ["a", "b", "c"])
        #expect(try await redis.zrangeByScore(key + ":z", min: 1.5, max: 3) == ["b", "c"])
        #expect(try await redis.zscore(key + ":z", "b") == 2)
        #expect(try await redis.zremrangeByScore(key + ":z", min: 0, max: 1) == 1)
        #expect(try await redis.zcard(key + ":z") == 2)
        try await redis.delete(key + ":h", key + ":s", key + ":z")
    }

    @Test("a pipeline sends a batch and keeps error replies in place")
    func pipeline() async throws {
        let redis = try TestEnvironment.makeRedis()
        defer { Task { await redis.close() } }
        let key = TestEnvironment.uniqueName("p")
        let replies = try await redis.pipeline([
            ["SET", key, "1"], ["INCR", key], ["HGET", key, "field"], ["GET", key],
        ])
        #expect(replies.count == 4)
        #expect(replies[0] == .simpleString("OK"))
        #expect(replies[1] == .integer(2))
        if case .error(let message) = replies[2] {
            #expect(message.hasPrefix("WRONGTYPE"))
        } else {
            Issue.record("expected WRONGTYPE, got \(replies[2])")
        }
        #expect(replies[3].string == "2")
        try await redis.delete(key)
    }

    @Test("an error reply throws serverError with Redis's message")
    func errorReply() async throws {
        let redis = try TestEnvironment.makeRedis()
        defer { Task { await redis.close() } }
        let error = await #expect(throws: RedisError.self) { try await redis.send("NOSUCHCOMMAND") }
        #expect(error?.code == .serverError)
        #expect(error?.message.contains("unknown command") == true)
    }
}
