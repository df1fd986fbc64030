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
        guard let value = parse(text.utf8) else { throw decodingError(text, as: UUID.self, type) }
        return value
    }

    /// The server's form, `8-4-4-4-12` hex digits: read directly, since
    /// `UUID(uuidString:)` goes through `sscanf` and was a tenth of the time
    /// of reading ten thousand ids.
    static func parse(_ text: Substring.UTF8View) -> UUID? {
        guard text.count == 36 else { return nil }
        // The 32 digits as one 128-bit big-endian number, in two halves.
        var halves: (UInt64, UInt64) = (0, 0)
        var digits = 0
        for (offset, character) in text.enumerated() {
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                guard character == UInt8(ascii: "-") else { return nil }
                continue
            }
            let digit: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = character - UInt8(ascii: "A") + 10
            default: return nil
            }
            if digits < 16 {
                halves.0 = halves.0 << 4 | UInt64(digit)
            } else {
                halves.1 = halves.1 << 4 | UInt64(digit)
            }
            digits += 1
        }
        var bytes = (halves.0.bigEndian, halves.1.bigEndian)
        return withUnsafeBytes(of: &bytes) { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
    }
}
