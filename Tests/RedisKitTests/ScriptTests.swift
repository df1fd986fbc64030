import Foundation
import RedisKit
import TestSupport
import Testing

@Suite("Redis scripts")
struct ScriptTests {
    /// Read, then write: racy as two commands, atomic as one script.
    static let incrementSlowly = RedisScript(
        """
        local value = tonumber(redis.call('GET', KEYS[1]) or '0')
        for i = 1, 2000 do end
        redis.call('SET', KEYS[1], tostring(value + 1))
        return value + 1
        """)

    @Test("a script stays atomic under 100 concurrent callers")
    func atomicUnderConcurrency() async throws {
        let redis = try TestEnvironment.makeRedis()
        defer { Task { await redis.close() } }
        let key = TestEnvironment.uniqueName("atomic")
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<100 {
                group.addTask { try await redis.evaluate(Self.incrementSlowly, keys: [key]).int ?? -1 }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.sorted() == Array(1...100))
        #expect(try await redis.get(key) == "100")
        try await redis.delete(key)
    }

    @Test("EVALSHA falls back to EVAL when Redis forgot the script")
    func fallsBackToEval() async throws {
        let server = try RedisServerProcess()
        let redis = try TestEnvironment.makeRedis(url: server.url)
        defer { Task { await redis.close() } }
        let script = RedisScript("return ARGV[1] .. '-' .. KEYS[1]")
        try await redis.send("SCRIPT", "FLUSH")
        #expect(try await redis.evaluate(script, keys: ["k"], arguments: ["v"]).string == "v-k")
        // Now cached: EVALSHA alone answers.
        #expect(try await redis.send("EVALSHA", script.sha1, 1, "k", "w").string == "w-k")
    }
}
