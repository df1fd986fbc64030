import Database
import Foundation
import Logging
import RedisKit

/// The real servers `scripts/careergini test` starts for the tests, found through
/// environment variables. Tests never mock our own storage.
public enum TestEnvironment {
    public struct Missing: Error, CustomStringConvertible {
        public let variable: String
        public init(variable: String) { self.variable = variable }
        public var description: String {
            "\(variable) is not set: run the tests with ./scripts/careergini test, which starts PostgreSQL and Redis"
        }
    }

    public static func require(_ variable: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
            throw Missing(variable: variable)
        }
        return value
    }

    public static func databaseURL() throws -> String { try require("TEST_DATABASE_URL") }

    /// The secrets every test-started service shares (fixed: tests mint tokens with them too).
    public static let internalSecret = "test-internal-secret-0123456789abcdef"
    public static let jwtSecret = "test-jwt-secret-0123456789abcdef-0123"
    public static func redisURL() throws -> String { try require("TEST_REDIS_URL") }

    public static let logger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return logger
    }()

    /// A pool on the shared test database; close it when done.
    public static func makeDatabase(
        maxConnections: Int = 5, acquireTimeout: Duration = .seconds(5)
    ) throws
        -> DatabasePool
    {
        DatabasePool(
            configuration: DatabaseConfiguration(
                url: try databaseURL(), minConnections: 0, maxConnections: maxConnections,
                acquireTimeout: acquireTimeout),
            logger: logger)
    }

    public static func makeRedis(
        url: String? = nil, commandTimeout: Duration = .milliseconds(100)
    ) throws
        -> RedisClient
    {
        var configuration = try RedisConfiguration(url: try url ?? redisURL())
        configuration.minConnections = 0
        configuration.commandTimeout = commandTimeout
        return RedisClient(configuration: configuration, logger: logger)
    }

    /// A name no other test uses (tables, keys, schemas).
    public static func uniqueName(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
    }
}

extension TestEnvironment {
    /// A new, empty database on the test server, for tests whose data is global
    /// (job postings) and must not see other tests' rows; returns its URL.
    /// With `template`, a copy of that database (which nobody may be connected to).
    public static func makeFreshDatabase(prefix: String = "test", template: String? = nil) async throws -> String {
        let name = uniqueName(prefix)
        let pool = try makeDatabase(maxConnections: 1)
        defer { Task { await pool.close() } }
        if let template {
            _ = try await pool.query("CREATE DATABASE \(identifier: name) TEMPLATE \(identifier: template)")
        } else {
            _ = try await pool.query("CREATE DATABASE \(identifier: name)")
        }
        guard var components = URLComponents(string: try databaseURL()) else {
            throw Missing(variable: "TEST_DATABASE_URL")
        }
        components.path = "/" + name
        return components.string ?? ""
    }
}
