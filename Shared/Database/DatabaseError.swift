/// A failure talking to PostgreSQL. The server's SQLSTATE travels with it, so a
/// caller can tell a unique violation (a 409 for the user) from an outage (a 503).
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// Could not open a connection (server down, bad credentials, unknown database).
        case connectionFailed
        /// The connection broke while a statement ran; the statement's outcome is unknown.
        case connectionLost
        /// The server rejected the statement; `sqlState` says why.
        case serverError
        /// No connection became free within the pool's acquire timeout.
        case acquireTimeout
        /// The pool is shutting down.
        case poolClosed
        /// A column held a value the requested Swift type cannot represent.
        case decodingFailed
        /// A migration file is malformed or an applied one was edited.
        case migrationFailed
    }

    public let code: Code
    public let message: String
    /// Five-character SQLSTATE from the server, e.g. `23505` for a unique violation.
    public let sqlState: String?
    public let detail: String?
    public let constraint: String?

    public init(
        _ code: Code, _ message: String, sqlState: String? = nil, detail: String? = nil, constraint: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.constraint = constraint
    }

    public var isUniqueViolation: Bool { sqlState == "23505" }
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    public var isCheckViolation: Bool { sqlState == "23514" }
    public var isSerializationFailure: Bool { sqlState == "40001" || sqlState == "40P01" }
    /// True when the failure says nothing about the statement itself and a retry on a
    /// fresh connection may succeed (server restarting, network broken, pool starved).
    public var isTransient: Bool {
        switch code {
        case .connectionFailed, .connectionLost, .acquireTimeout: true
        case .serverError: sqlState?.hasPrefix("08") == true || sqlState == "57P01" || isSerializationFailure
        default: false
        }
    }

    public var description: String {
        var text = "DatabaseError(\(code)): \(message)"
        if let sqlState { text += " [SQLSTATE \(sqlState)]" }
        if let detail { text += " — \(detail)" }
        return text
    }
}
