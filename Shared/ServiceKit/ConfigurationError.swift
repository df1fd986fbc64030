/// A configuration value that cannot be used. The service refuses to start and
/// says which variable to fix.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let variable: String
    public let reason: String

    public init(variable: String, reason: String) {
        self.variable = variable
        self.reason = reason
    }

    public var description: String { "invalid configuration: \(variable): \(reason)" }
}
