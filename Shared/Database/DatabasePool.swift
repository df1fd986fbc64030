import ConnectionPool
import Logging
import ServiceLifecycle

/// A service's PostgreSQL pool: parameterised statements, transactions, and
/// connections that recover by themselves after the server restarts.
///
/// Run it in a `ServiceGroup` (it opens the minimum connections and closes on
/// graceful shutdown), or call `close()` when used on its own.
public final class DatabasePool: Service, Sendable {
    public let configuration: DatabaseConfiguration
    let logger: Logger
    let pool: BlockingConnectionPool<PostgresConnection>

    public init(configuration: DatabaseConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        let parameters = configuration.libpqParameters
        self.pool = BlockingConnectionPool(
            configuration: .init(
                name: "postgres", minConnections: configuration.minConnections,
                maxConnections: configuration.maxConnections, acquireTimeout: configuration.acquireTimeout,
                idleTimeout: configuration.idleTimeout),
            logger: logger,
            open: { id in try PostgresConnection(id: id, parameters: parameters) })
    }

    /// Leases a connection for the duration of `body`.
    @discardableResult
    public func withConnection<T>(
        isolation: isolated (any Actor)? = #isolation, _ body: (DatabaseConnection) async throws -> sending T
    ) async throws -> sending T {
        let connection: PostgresConnection
        do {
            connection = try await pool.lease()
        } catch let error as PoolError {
            throw DatabaseError(error.code == .acquireTimeout ? .acquireTimeout : .poolClosed, error.message)
        }
        defer { pool.release(connection) }
        return try await body(DatabaseConnection(connection: connection, pool: pool))
    }

    /// Runs `body` inside `BEGIN` / `COMMIT`; any error thrown rolls back.
    @discardableResult
    public func withTransaction<T>(
        isolation: isolated (any Actor)? = #isolation, _ body: (DatabaseConnection) async throws -> sending T
    ) async throws -> sending T {
        try await withConnection { connection in
            try await connection.execute("BEGIN")
            let result: T
            do {
                result = try await body(connection)
            } catch {
                do { try await connection.execute("ROLLBACK") } catch {
                    logger.warning("rollback failed", metadata: ["error": "\(error)"])
                }
                throw error
            }
            try await connection.execute("COMMIT")
            return result
        }
    }

    /// One statement on a pooled connection.
    @discardableResult
    public func query(_ sql: SQL) async throws -> DatabaseRows {
        try await withConnection { try await $0.query(sql) }
    }

    /// A `SELECT 1` round trip, for readiness checks.
    public func ping() async throws {
        try await query("SELECT 1")
    }

    public var statistics: PoolStatistics { pool.statistics }

    public func run() async throws { try await pool.run() }

    public func close() async { await pool.close() }
}
