/// A failure talking to Redis.
public struct RedisError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case connectionFailed
        /// The connection broke mid-command; whether the command ran is unknown.
        case connectionLost
        /// No reply within the command timeout (the connection is then discarded:
        /// its late reply would answer the next command).
        case timeout
        /// Redis answered with an error reply (`ERR ...`, `WRONGTYPE ...`, `NOSCRIPT ...`).
        case serverError
        /// A reply had a shape the typed command did not expect.
        case unexpectedReply
        case acquireTimeout
        case poolClosed
        case invalidConfiguration
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "RedisError(\(code)): \(message)" }
}
