/// A Swift value that can travel as a query parameter. Parameters always go to the
/// server separately from the SQL text (`PQexecParams`), in PostgreSQL's text format.
public protocol PostgresEncodable: Sendable {
    /// The type the server should read the parameter as; `.unknown` lets it infer.
    static var postgresType: PostgresType { get }
    /// Text representation, or `nil` for SQL NULL.
    var postgresText: String? { get }
}

/// A Swift value that can be read from a column in text format.
public protocol PostgresDecodable: Sendable {
    static func decode(postgresText text: Substring, type: PostgresType) throws -> Self
    /// What a NULL column becomes: an error for everything but `Optional`.
    static func decodeNull(type: PostgresType) throws -> Self
}

extension PostgresDecodable {
    public static func decodeNull(type: PostgresType) throws -> Self {
        throw DatabaseError(.decodingFailed, "unexpected NULL for \(Self.self)")
    }
}

/// Both directions, for values stored and read back.
public typealias PostgresCodable = PostgresEncodable & PostgresDecodable

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresType: PostgresType { Wrapped.postgresType }
    public var postgresText: String? { self?.postgresText }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(postgresText text: Substring, type: PostgresType) throws -> Self {
        try Wrapped.decode(postgresText: text, type: type)
    }
    public static func decodeNull(type: PostgresType) throws -> Self { nil }
}

func decodingError<T>(_ text: Substring, as type: T.Type, _ pgType: PostgresType) -> DatabaseError {
    let shown = text.count > 64 ? text.prefix(64) + "…" : text
    return DatabaseError(.decodingFailed, "cannot decode '\(shown)' (type oid \(pgType.rawValue)) as \(T.self)")
}
