import Foundation

extension String: PostgresCodable {
    public static var postgresType: PostgresType { .unknown }
    public var postgresText: String? { self }
    public static func decode(postgresText text: Substring, type: PostgresType) throws -> String { String(text) }
}

extension Substring: PostgresEncodable {
    public static var postgresType: PostgresType { .unknown }
    public var postgresText: String? { String(self) }
}

extension Bool: PostgresCodable {
    public static var postgresType: PostgresType { .bool }
    public var postgresText: String? { self ? "true" : "false" }
    public static func decode(postgresText text: Substring, type: PostgresType) throws -> Bool {
        switch text {
        case "t", "true": return true
        case "f", "false": return false
        default: throw decodingError(text, as: Bool.self, type)
        }
    }
}

/// Integers travel as `int8`, which the server widens or narrows by assignment cast.
protocol PostgresInteger: FixedWidthInteger, PostgresCodable {}

extension PostgresInteger {
    public var postgresText: String? { String(self) }
    public static func decode(postgresText text: Substring, type: PostgresType) throws -> Self {
        guard let value = Self(text) else { throw decodingError(text, as: Self.self, type) }
        return value
    }
}

extension Int: PostgresInteger { public static var postgresType: PostgresType { .int8 } }
extension Int64: PostgresInteger { public static var postgresType: PostgresType { .int8 } }
extension Int32: PostgresInteger { public static var postgresType: PostgresType { .int4 } }
extension Int16: PostgresInteger { public static var postgresType: PostgresType { .int2 } }

extension Double: PostgresCodable {
    public static var postgresType: PostgresType { .float8 }
    public var postgresText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return description
    }
    public static func decode(postgresText text: Substring, type: PostgresType) throws -> Double {
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let value = Double(text) else { throw decodingError(text, as: Double.self, type) }
            return value
        }
    }
}

extension Float: PostgresCodable {
    public static var postgresType: PostgresType { .float4 }
    public var postgresText: String? { Double(self).postgresText }
    public static func decode(postgresText text: Substring, type: PostgresType) throws -> Float {
        Float(try Double.decode(postgresText: text, type: type))
    }
}

/// `numeric` keeps its exact decimal digits; `Double` would round money.
extension Decimal: PostgresCodable {
    public static var postgresType: PostgresType { .numeric }
    public var postgresText: String? { isNaN ? "NaN" : description }
    public static func decode(postgresText text: Substring, type: PostgresType) throws -> Decimal {
        if text == "NaN" { return .nan }
        guard let value = Decimal(string: String(text), locale: Locale(identifier: "en_US_POSIX")) else {
            throw decodingError(text, as: Decimal.self, type)
        }
        return value
    }
}

extension UUID: PostgresCodable {
    public static var postgresType: PostgresType { .uuid }
    /// Lower case, as the server prints it, so round trips compare equal as text too.
    public var postgresText: String? { uuidString.lowercased() }
    public static func decode(postgresText text: Substring, type: PostgresType) throws -> UUID {
        guard let value = UUID(uuidString: String(text)) else { throw decodingError(text, as: UUID.self, type) }
        return value
    }
}
