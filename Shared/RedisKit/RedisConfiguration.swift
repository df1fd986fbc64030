import Foundation

/// How a service reaches Redis and sizes its pool.
public struct RedisConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var database: Int
    public var minConnections: Int
    public var maxConnections: Int
    /// Deadline of one command (socket read/write timeout). A slow Redis must not
    /// stall a request: the default is 100 ms.
    public var commandTimeout: Duration
    public var connectTimeout: Duration
    public var acquireTimeout: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 6379, username: String? = nil, password: String? = nil,
        database: Int = 0, minConnections: Int = 1, maxConnections: Int = 16,
        commandTimeout: Duration = .milliseconds(100), connectTimeout: Duration = .seconds(1),
        acquireTimeout: Duration = .seconds(2)
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.minConnections = minConnections
        self.maxConnections = maxConnections
        self.commandTimeout = commandTimeout
        self.connectTimeout = connectTimeout
        self.acquireTimeout = acquireTimeout
    }

    /// Reads `redis://[[user]:password@]host[:port][/db]`.
    public init(url: String) throws {
        guard let components = URLComponents(string: url), components.scheme == "redis",
            let host = components.host, !host.isEmpty
        else {
            throw RedisError(.invalidConfiguration, "expected redis://[:password@]host[:port][/db], got '\(url)'")
        }
        let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard path.isEmpty || Int(path) != nil else {
            throw RedisError(.invalidConfiguration, "database in '\(url)' must be a number")
        }
        self.init(
            host: host, port: components.port ?? 6379,
            username: components.user.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding },
            password: components.password?.removingPercentEncoding, database: Int(path) ?? 0)
    }
}
