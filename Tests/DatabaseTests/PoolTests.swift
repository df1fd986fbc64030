import ConnectionPool
import Database
import Foundation
import TestSupport
import Testing

@Suite("PostgreSQL pool")
struct PoolTests {
    @Test("50 concurrent queries on a pool of 5 all complete, never above 5 connections")
    func fiftyOnFive() async throws {
        let db = try TestEnvironment.makeDatabase(maxConnections: 5, acquireTimeout: .seconds(10))
        defer { Task { await db.close() } }
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<50 {
                group.addTask {
                    let rows = try await db.query("SELECT \(index)::int8 AS n, pg_sleep(0.02)")
                    #expect(db.statistics.open <= 5)
                    return try rows[0].decode(Int.self, "n")
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.sorted() == Array(0..<50))
        #expect(db.statistics.open <= 5)
        #expect(db.statistics.leased == 0)
    }

    @Test("a caller waiting longer than the acquire timeout gets acquireTimeout")
    func acquireTimeout() async throws {
        let db = try TestEnvironment.makeDatabase(maxConnections: 1, acquireTimeout: .milliseconds(200))
        defer { Task { await db.close() } }
        try await db.withConnection { _ in
            let error = await #expect(throws: DatabaseError.self) { try await db.query("SELECT 1") }
            #expect(error?.code == .acquireTimeout)
        }
        // Once released, the connection serves again.
        try await db.query("SELECT 1")
    }

    @Test("an unreachable server fails within the acquire timeout")
    func unreachable() async throws {
        let db = DatabasePool(
            configuration: DatabaseConfiguration(
                url: "postgres://nobody@127.0.0.1:\(FreePort.find())/none", minConnections: 0, maxConnections: 2,
                acquireTimeout: .milliseconds(500)),
            logger: TestEnvironment.logger)
        defer { Task { await db.close() } }
        let start = ContinuousClock.now
        let error = await #expect(throws: DatabaseError.self) { try await db.ping() }
        #expect(error?.code == .connectionFailed)
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test("queries succeed again within 5 s of a PostgreSQL restart, on the same pool")
    func survivesRestart() async throws {
        let url = try TestEnvironment.require("TEST_DISRUPT_DATABASE_URL")
        let control = try TestEnvironment.require("TEST_PG_CONTROL")
        let db = DatabasePool(
            configuration: DatabaseConfiguration(url: url, minConnections: 0, maxConnections: 3),
            logger: TestEnvironment.logger)
        defer { Task { await db.close() } }
        // Warm several connections so the restart leaves dead ones idle in the pool.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 { group.addTask { try await db.query("SELECT pg_sleep(0.05)") } }
            try await group.waitForAll()
        }
        #expect(db.statistics.idle == 3)

        let restart = try ChildProcess.run(control, ["restart"])
        #expect(restart.status == 0, "pg-control restart failed: \(restart.stderr)")

        let deadline = ContinuousClock.now + .seconds(5)
        var recovered = false
        while ContinuousClock.now < deadline {
            if (try? await db.query("SELECT 1 AS one")) != nil {
                recovered = true
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(recovered)
        // Every later query works: no dead connection is handed out again.
        for _ in 0..<6 { try await db.query("SELECT 1") }
    }
}
