/// How a service reaches PostgreSQL and sizes its pool.
public struct DatabaseConfiguration: Sendable {
    /// A libpq connection URI, e.g. `postgres://user:pass@host:5432/db`.
    public var url: String
    public var minConnections: Int
    public var maxConnections: Int
    /// How long a caller waits for a free connection before `acquireTimeout`.
    public var acquireTimeout: Duration
    /// libpq's `connect_timeout` (it counts whole seconds, minimum 2).
    public var connectTimeout: Duration
    /// Server-side `statement_timeout`: no statement runs unbounded.
    public var statementTimeout: Duration
    /// Idle connections above `minConnections` are closed after this long.
    public var idleTimeout: Duration
    /// Schemas first on the `search_path` (a service's own schema).
    public var searchPath: [String]
    public var applicationName: String

    public init(
        url: String, minConnections: Int = 1, maxConnections: Int = 10, acquireTimeout: Duration = .seconds(5),
        connectTimeout: Duration = .seconds(3), statementTimeout: Duration = .seconds(30),
        idleTimeout: Duration = .seconds(300), searchPath: [String] = [], applicationName: String = "careergini"
    ) {
        self.url = url
        self.minConnections = max(0, minConnections)
        self.maxConnections = max(1, maxConnections, minConnections)
        self.acquireTimeout = acquireTimeout
        self.connectTimeout = connectTimeout
        self.statementTimeout = statementTimeout
        self.idleTimeout = idleTimeout
        self.searchPath = searchPath
        self.applicationName = applicationName
    }

    /// libpq keywords: the URL first (expanded), then our overrides. Session settings
    /// travel in `options`, so a new connection needs no extra round trip.
    var libpqParameters: [(String, String)] {
        var options = [
            "-c TimeZone=UTC", "-c DateStyle=ISO,MDY", "-c IntervalStyle=iso_8601",
            "-c statement_timeout=\(statementTimeout.milliseconds)",
        ]
        if !searchPath.isEmpty {
            options.append("-c search_path=" + (searchPath + ["public"]).joined(separator: "\\,"))
        }
        return [
            ("dbname", url),
            ("connect_timeout", String(max(2, Int(connectTimeout.components.seconds)))),
            ("application_name", applicationName),
            ("client_encoding", "UTF8"),
            ("options", options.joined(separator: " ")),
            ("keepalives", "1"),
            ("keepalives_idle", "30"),
        ]
    }
}

extension Duration {
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
