import Foundation
import RedisKit
import TestSupport
import Testing

@Suite("Redis resilience")
struct ResilienceTests {
    @Test("a command times out while Redis is paused, and the pool recovers afterwards")
    func timeoutWhilePaused() async throws {
        let server = try RedisServerProcess()
        let redis = try TestEnvironment.makeRedis(url: server.url, commandTimeout: .milliseconds(100))
        defer { Task { await redis.close() } }
        try await redis.set("k", to: "v")
        try await redis.send("CLIENT", "PAUSE", 1500, "ALL")
        let start = ContinuousClock.now
        let error = await #expect(throws: RedisError.self) { try await redis.get("k") }
        #expect(error?.code == .timeout)
        #expect(ContinuousClock.now - start < .milliseconds(900))
        try await Task.sleep(for: .milliseconds(1600))
        #expect(try await redis.get("k") == "v")
    }

    @Test("the pool reconnects after Redis restarts")
    func reconnectsAfterRestart() async throws {
        let server = try RedisServerProcess()
        let redis = try TestEnvironment.makeRedis(url: server.url)
        defer { Task { await redis.close() } }
        try await redis.set("before", to: "1")
        server.stop()
        let down = await #expect(throws: RedisError.self) { try await redis.get("before") }
        #expect([.connectionFailed, .connectionLost].contains(down?.code))
        try server.start()
        let deadline = ContinuousClock.now + .seconds(5)
        var recovered = false
        while ContinuousClock.now < deadline {
            if (try? await redis.set("after", to: "2")) != nil {
                recovered = true
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(recovered)
        #expect(try await redis.get("after") == "2")
    }
}
