import ConnectionPool

/// A leased connection, valid inside `withConnection` / `withTransaction` only.
/// Each call hops to the pool's threads, so the caller's executor never blocks.
public struct DatabaseConnection: Sendable {
    let connection: PostgresConnection
    let pool: BlockingConnectionPool<PostgresConnection>

    /// Runs one statement; interpolated values travel as parameters.
    @discardableResult
    public func query(_ sql: SQL) async throws -> DatabaseRows {
        let text = sql.text
        let binds = sql.binds
        let connection = self.connection
        return try await run { try connection.execute(text, binds: binds) }
    }

    /// Runs one statement without parameters (e.g. `BEGIN`).
    public func execute(_ statement: String) async throws {
        let connection = self.connection
        _ = try await run { try connection.execute(statement, binds: []) }
    }

    /// Runs a trusted multi-statement script (migrations). Never pass user input.
    public func executeScript(_ script: String) async throws {
        let connection = self.connection
        try await run { try connection.executeScript(script) }
    }

    private func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await pool.runBlocking(work)
        } catch let error as PoolError {
            throw DatabaseError(.poolClosed, error.message)
        }
    }
}
