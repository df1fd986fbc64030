/// Why a pool could not lend a connection.
public struct PoolError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// Every connection stayed leased until the acquire timeout.
        case acquireTimeout
        /// The pool is shutting down.
        case closed
    }

    public let code: Code
    public let message: String

    public var description: String { "PoolError(\(code)): \(message)" }
}
