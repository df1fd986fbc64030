import Database
import Foundation
import TestSupport
import Testing

@Suite("Migrations")
struct MigrationTests {
    static func migrations(marker: String = "first") -> [Migration] {
        [
            Migration(version: 1, name: "create", sql: "CREATE TABLE things (id int PRIMARY KEY, note text);"),
            Migration(
                version: 2, name: "seed",
                sql: "INSERT INTO things VALUES (1, '\(marker)');\nCREATE INDEX things_note_idx ON things (note);"),
        ]
    }

    @Test("two starters at once apply each migration exactly once")
    func concurrentStart() async throws {
        let schema = TestEnvironment.uniqueName("mig")
        let first = try TestEnvironment.makeDatabase()
        let second = try TestEnvironment.makeDatabase()
        defer {
            Task {
                await first.close()
                await second.close()
            }
        }
        async let a = MigrationRunner.run(Self.migrations(), schema: schema, on: first, logger: TestEnvironment.logger)
        async let b = MigrationRunner.run(Self.migrations(), schema: schema, on: second, logger: TestEnvironment.logger)
        let applied = try await [a, b]
        #expect(applied.sorted { $0.count < $1.count } == [[], [1, 2]])

        let rows = try await first.query("SELECT count(*) AS n FROM \(identifier: schema).things")
        #expect(try rows[0].decode(Int.self, "n") == 1)
        let recorded = try await first.query("SELECT version FROM \(identifier: schema).schema_migrations ORDER BY 1")
        #expect(recorded.map { try? $0.decode(Int.self, "version") } == [1, 2])

        // Running again changes nothing.
        #expect(
            try await MigrationRunner.run(Self.migrations(), schema: schema, on: first, logger: TestEnvironment.logger)
                .isEmpty)
        try await first.query("DROP SCHEMA \(identifier: schema) CASCADE")
    }

    @Test("an applied migration that was edited stops the start")
    func editedMigration() async throws {
        let schema = TestEnvironment.uniqueName("mig")
        let db = try TestEnvironment.makeDatabase()
        defer { Task { await db.close() } }
        try await MigrationRunner.run(Self.migrations(), schema: schema, on: db, logger: TestEnvironment.logger)
        let error = await #expect(throws: DatabaseError.self) {
            try await MigrationRunner.run(
                Self.migrations(marker: "edited"), schema: schema, on: db, logger: TestEnvironment.logger)
        }
        #expect(error?.code == .migrationFailed)
        try await db.query("DROP SCHEMA \(identifier: schema) CASCADE")
    }

    @Test("a failing migration leaves nothing behind")
    func failingMigration() async throws {
        let schema = TestEnvironment.uniqueName("mig")
        let db = try TestEnvironment.makeDatabase()
        defer { Task { await db.close() } }
        let broken = Self.migrations() + [Migration(version: 3, name: "broken", sql: "ALTER TABLE nope ADD x int;")]
        await #expect(throws: DatabaseError.self) {
            try await MigrationRunner.run(broken, schema: schema, on: db, logger: TestEnvironment.logger)
        }
        let exists = try await db.query("SELECT count(*) AS n FROM pg_namespace WHERE nspname = \(schema)")
        #expect(try exists[0].decode(Int.self, "n") == 0)
    }

    @Test("migration files load in version order and bad names are rejected")
    func loading() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("m"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "SELECT 2;".write(to: folder.appendingPathComponent("0002_second.sql"), atomically: true, encoding: .utf8)
        try "SELECT 1;".write(to: folder.appendingPathComponent("0001_first.sql"), atomically: true, encoding: .utf8)
        try "ignored".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let loaded = try Migration.load(from: folder)
        #expect(loaded.map(\.version) == [1, 2])
        #expect(loaded.map(\.name) == ["first", "second"])
        try "SELECT 3;".write(to: folder.appendingPathComponent("third.sql"), atomically: true, encoding: .utf8)
        #expect(throws: DatabaseError.self) { try Migration.load(from: folder) }
    }
}
