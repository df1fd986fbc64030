import Database
import Foundation
import TestSupport
import Testing

@Suite("PostgreSQL safety: injection, errors, transactions")
struct SafetyTests {
    @Test("an injection attempt is stored as data and runs nothing")
    func injectionStaysData() async throws {
        let db = try TestEnvironment.makeDatabase()
        defer { Task { await db.close() } }
        let table = TestEnvironment.uniqueName("inject")
        try await db.query("CREATE TABLE \(identifier: table) (name text)")
        let attack = "x'); DROP TABLE \(table); --"
        try await db.query("INSERT INTO \(identifier: table) (name) VALUES (\(attack))")
        let rows = try await db.query("SELECT name FROM \(identifier: table) WHERE name = \(attack)")
        #expect(rows.count == 1)
        #expect(try rows[0].decode(String.self, "name") == attack)
        let sneaky = try await db.query("SELECT count(*) AS n FROM \(identifier: table) WHERE name = \("' OR '1'='1")")
        #expect(try sneaky[0].decode(Int.self, "n") == 0)
        try await db.query("DROP TABLE \(identifier: table)")
    }

    @Test("a unique violation is told apart from other failures")
    func uniqueViolation() async throws {
        let db = try TestEnvironment.makeDatabase()
        defer { Task { await db.close() } }
        let table = TestEnvironment.uniqueName("uniq")
        try await db.query("CREATE TABLE \(identifier: table) (email text UNIQUE)")
        try await db.query("INSERT INTO \(identifier: table) VALUES (\("a@example.com"))")
        let duplicate = await #expect(throws: DatabaseError.self) {
            try await db.query("INSERT INTO \(identifier: table) VALUES (\("a@example.com"))")
        }
        #expect(duplicate?.isUniqueViolation == true)
        #expect(duplicate?.sqlState == "23505")
        #expect(duplicate?.constraint?.isEmpty == false)

        let syntax = await #expect(throws: DatabaseError.self) { try await db.query("SELEC 1") }
        #expect(syntax?.isUniqueViolation == false)
        #expect(syntax?.sqlState == "42601")
        try await db.query("DROP TABLE \(identifier: table)")
    }

    struct Boom: Error {}

    @Test("a transaction rolls back when its body throws, and commits otherwise")
    func rollback() async throws {
        let db = try TestEnvironment.makeDatabase()
        defer { Task { await db.close() } }
        let table = TestEnvironment.uniqueName("tx")
        try await db.query("CREATE TABLE \(identifier: table) (n int)")
        await #expect(throws: Boom.self) {
            try await db.withTransaction { connection in
                try await connection.query("INSERT INTO \(identifier: table) VALUES (1)")
                throw Boom()
            }
        }
        try await db.withTransaction { connection in
            try await connection.query("INSERT INTO \(identifier: table) VALUES (2)")
        }
        let rows = try await db.query("SELECT n FROM \(identifier: table)")
        #expect(rows.map { try? $0.decode(Int.self, "n") } == [2])
        // The connection that rolled back is clean and reusable.
        #expect(try await db.query("SELECT 1 AS one")[0].decode(Int.self, "one") == 1)
        try await db.query("DROP TABLE \(identifier: table)")
    }

    @Test("a statement error inside a transaction rolls back the earlier statements")
    func serverErrorRollsBack() async throws {
        let db = try TestEnvironment.makeDatabase()
        defer { Task { await db.close() } }
        let table = TestEnvironment.uniqueName("txerr")
        try await db.query("CREATE TABLE \(identifier: table) (n int PRIMARY KEY)")
        await #expect(throws: DatabaseError.self) {
            try await db.withTransaction { connection in
                try await connection.query("INSERT INTO \(identifier: table) VALUES (1)")
                try await connection.query("INSERT INTO \(identifier: table) VALUES (1)")
            }
        }
        #expect(try await db.query("SELECT count(*) AS n FROM \(identifier: table)")[0].decode(Int.self, "n") == 0)
        try await db.query("DROP TABLE \(identifier: table)")
    }
}
