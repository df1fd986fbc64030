/// Why taxonomy data was refused at load: the data ships with the code, so any
/// of these is a defect to fix before release, never something to skip.
public struct TaxonomyError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case unreadable
        case duplicateId
        case unknownReference
        case prerequisiteCycle
        case ambiguousAlias
        case invalidValue
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "TaxonomyError(\(code)): \(message)" }
}
