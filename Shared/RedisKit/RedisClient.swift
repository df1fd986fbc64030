import ConnectionPool
import Logging
import ServiceLifecycle

/// A service's Redis client: a pool of hiredis connections whose blocking calls
/// run on threads reserved for the pool. Typed commands live in extensions.
///
/// Run it in a `ServiceGroup`, or call `close()` when used on its own.
public final class RedisClient: Service, Sendable {
    public let configuration: RedisConfiguration
    let pool: BlockingConnectionPool<RedisConnection>

    public init(configuration: RedisConfiguration, logger: Logger) {
        self.configuration = configuration
        self.pool = BlockingConnectionPool(
            configuration: .init(
                name: "redis", minConnections: configuration.minConnections,
                maxConnections: configuration.maxConnections, acquireTimeout: configuration.acquireTimeout),
            logger: logger,
            open: { _ in try RedisConnection(configuration: configuration) })
    }

    /// Sends one command. `timeout` overrides the default command timeout (blocking reads).
    @discardableResult
    public func send(_ arguments: [any RedisArgument], timeout: Duration? = nil) async throws -> RESPValue {
        let encoded = arguments.map(\.redisBytes)
        return try await withConnection { connection in try connection.command(encoded, timeout: timeout) }
    }

    @discardableResult
    public func send(_ command: String, _ arguments: any RedisArgument...) async throws -> RESPValue {
        try await send([command] + arguments)
    }

    /// Sends a batch in one round trip. Error replies come back in place as `.error`.
    public func pipeline(_ commands: [[any RedisArgument]], timeout: Duration? = nil) async throws -> [RESPValue] {
        let encoded = commands.map { $0.map(\.redisBytes) }
        return try await withConnection { connection in try connection.pipeline(encoded, timeout: timeout) }
    }

    public var statistics: PoolStatistics { pool.statistics }

    public func run() async throws { try await pool.run() }

    public func close() async { await pool.close() }

    private func withConnection<T: Sendable>(
        _ work: @escaping @Sendable (RedisConnection) throws -> T
    ) async throws -> T {
        let connection: RedisConnection
        do {
            connection = try await pool.lease()
        } catch let error as PoolError {
            throw RedisError(error.code == .acquireTimeout ? .acquireTimeout : .poolClosed, error.message)
        }
        defer { pool.release(connection) }
        do {
            return try await pool.runBlocking { try work(connection) }
        } catch let error as PoolError {
            throw RedisError(.poolClosed, error.message)
        }
    }
}
