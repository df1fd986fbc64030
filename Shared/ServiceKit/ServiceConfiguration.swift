import Database
import Logging
import RedisKit

/// The settings every service reads, each from an environment variable with a
/// documented default (README, "Configuration").
public struct ServiceConfiguration: Sendable {
    public enum LogFormat: String, Sendable, CaseIterable {
        case json
        case text
    }

    public var service: ServiceDescriptor
    public var host: String
    public var port: Int
    public var database: DatabaseConfiguration
    public var redis: RedisConfiguration
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    /// Request bodies above this size get 413 before they are read.
    public var maxBodyBytes: Int
    /// Base URLs of the services this one calls, by service name.
    public var serviceURLs: [String: String]
    /// How long `/ready` waits for one dependency.
    public var readinessTimeout: Duration
    /// Signs and verifies the tokens services send each other (`INTERNAL_SECRET`, ≥ 32 bytes).
    public var internalSecret: [UInt8]
    /// Connections idle this long are closed (keep-alive and stalled requests).
    public var idleTimeout: Duration
    /// How long a response cache (`GenerationCache`) waits for Redis before
    /// answering without it.
    public var cacheTimeout: Duration

    /// Reads the common settings; service-specific ones are read from the same
    /// `reader` afterwards, so every variable read is recorded in one place.
    public static func load(
        for service: ServiceDescriptor, from reader: inout EnvironmentReader
    ) throws -> ServiceConfiguration {
        let host = reader.string("HOST", default: "127.0.0.1")
        let port = try reader.int("PORT", default: service.defaultPort, in: 0...65_535)
        let databaseURL = try reader.url(
            "DATABASE_URL", default: "postgres://careergini:careergini@127.0.0.1:5432/careergini",
            schemes: ["postgres", "postgresql"])
        let poolMin = try reader.int("DATABASE_POOL_MIN", default: 1, in: 0...100)
        let poolMax = try reader.int("DATABASE_POOL_MAX", default: 10, in: 1...200)
        guard poolMin <= poolMax else {
            throw ConfigurationError(
                variable: "DATABASE_POOL_MIN", reason: "must not exceed DATABASE_POOL_MAX (\(poolMax))")
        }
        let statementTimeout = try reader.milliseconds("DATABASE_STATEMENT_TIMEOUT_MS", default: .seconds(30))
        let redisURL = try reader.url("REDIS_URL", default: "redis://127.0.0.1:6379/0", schemes: ["redis"])
        var redis: RedisConfiguration
        do {
            redis = try RedisConfiguration(url: redisURL)
        } catch let error as RedisError {
            throw ConfigurationError(variable: "REDIS_URL", reason: error.message)
        }
        redis.maxConnections = try reader.int("REDIS_POOL_MAX", default: 16, in: 1...512)
        redis.commandTimeout = try reader.milliseconds(
            "REDIS_COMMAND_TIMEOUT_MS", default: .milliseconds(100), in: 1...60_000)
        let level = try reader.choice("LOG_LEVEL", default: LogLevel.info)
        let format = try reader.choice("LOG_FORMAT", default: LogFormat.json)
        let maxBody = try reader.int("MAX_BODY_BYTES", default: 1_048_576, in: 1_024...1_073_741_824)
        var urls: [String: String] = [:]
        for name in service.calls {
            guard let callee = ServiceDescriptor.named(name) else { continue }
            urls[name] = try reader.url(callee.urlVariable, default: callee.defaultURL, schemes: ["http", "https"])
        }
        let readiness = try reader.milliseconds("READINESS_TIMEOUT_MS", default: .milliseconds(1500), in: 50...60_000)
        let idleTimeout = try reader.milliseconds("HTTP_IDLE_TIMEOUT_MS", default: .seconds(30), in: 1_000...3_600_000)
        let cacheTimeout = try reader.milliseconds("CACHE_TIMEOUT_MS", default: .milliseconds(250), in: 1...60_000)
        guard let internalSecret = try reader.secret("INTERNAL_SECRET", minimumBytes: 32) else {
            throw ConfigurationError(
                variable: "INTERNAL_SECRET",
                reason: "is required (at least 32 random bytes, shared by all services; `openssl rand -hex 32`)")
        }
        return ServiceConfiguration(
            service: service, host: host, port: port,
            database: DatabaseConfiguration(
                url: databaseURL, minConnections: poolMin, maxConnections: poolMax, statementTimeout: statementTimeout,
                searchPath: [service.schema], applicationName: service.name),
            redis: redis, logLevel: level.level, logFormat: format, maxBodyBytes: maxBody, serviceURLs: urls,
            readinessTimeout: readiness, internalSecret: internalSecret, idleTimeout: idleTimeout,
            cacheTimeout: cacheTimeout)
    }

    enum LogLevel: String, CaseIterable {
        case trace, debug, info, notice, warning, error, critical

        var level: Logger.Level { Logger.Level(rawValue: rawValue) ?? .info }
    }
}
