import Foundation
import Logging
import Security

/// One ordered SQL file: `NNNN_name.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    /// SHA-256 of the file: an applied migration that was edited afterwards is an error.
    public let checksum: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = Digest.sha256Hex(sql)
    }

    /// Reads every `NNNN_name.sql` in a folder, in version order.
    public static func load(from directory: URL) throws -> [Migration] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var migrations: [Migration] = []
        for file in files where file.hasSuffix(".sql") {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]), version > 0
            else {
                throw DatabaseError(.migrationFailed, "migration file '\(file)' is not named NNNN_name.sql")
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            migrations.append(
                Migration(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw DatabaseError(.migrationFailed, "two migrations share version \(next.version)")
        }
        return migrations
    }
}

/// Applies a service's migrations to its own schema exactly once, even when several
/// replicas start together: all of it runs in one transaction holding a
/// transaction-scoped advisory lock, and each version is recorded in
/// `<schema>.schema_migrations`.
public enum MigrationRunner {
    /// Returns the versions applied by this call (empty when already up to date).
    @discardableResult
    public static func run(
        _ migrations: [Migration], schema: String, on pool: DatabasePool, logger: Logger
    ) async throws -> [Int] {
        try await pool.withTransaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey(for: schema)))")
            try await connection.query("SET LOCAL statement_timeout = 0")
            try await connection.query("CREATE SCHEMA IF NOT EXISTS \(identifier: schema)")
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS \(identifier: schema).schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            let rows = try await connection.query(
                "SELECT version, checksum FROM \(identifier: schema).schema_migrations ORDER BY version")
            var applied: [Int: String] = [:]
            for row in rows { applied[try row.decode(Int.self, "version")] = try row.decode(String.self, "checksum") }

            var newlyApplied: [Int] = []
            for migration in migrations {
                if let checksum = applied[migration.version] {
                    guard checksum == migration.checksum else {
                        throw DatabaseError(
                            .migrationFailed,
                            "migration \(migration.version)_\(migration.name) was edited after it was applied")
                    }
                    continue
                }
                try await connection.query("SET LOCAL search_path TO \(identifier: schema), public")
                do {
                    try await connection.executeScript(migration.sql)
                } catch let error as DatabaseError {
                    throw DatabaseError(
                        .migrationFailed, "migration \(migration.version)_\(migration.name) failed: \(error.message)",
                        sqlState: error.sqlState, detail: error.detail)
                }
                try await connection.query(
                    """
                    INSERT INTO \(identifier: schema).schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """)
                newlyApplied.append(migration.version)
                logger.info(
                    "applied migration", metadata: ["schema": "\(schema)", "version": "\(migration.version)"])
            }
            return newlyApplied
        }
    }

    /// A stable 63-bit lock key per schema (FNV-1a), so schemas migrate independently.
    static func lockKey(for schema: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "careergini.migrations.\(schema)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash & 0x7FFF_FFFF_FFFF_FFFF)
    }
}
