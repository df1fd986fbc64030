import CurlHTTP
import Database
import Logging
import RedisKit

/// What a service's controllers get: its configuration, storage and HTTP client.
public struct ServiceDependencies: Sendable {
    public let configuration: ServiceConfiguration
    public let logger: Logger
    public let database: DatabasePool
    public let redis: RedisClient
    public let http: CurlHTTPClient
    public let metrics: ServiceMetrics
    /// Mints tokens for calls to other services (and verifies incoming ones).
    public let internalTokens: InternalTokens
}
