import Foundation

/// An element type that may sit in a PostgreSQL array parameter.
public protocol PostgresArrayElement: PostgresEncodable {
    static var postgresArrayType: PostgresType { get }
}

extension String: PostgresArrayElement { public static var postgresArrayType: PostgresType { .textArray } }
extension Int: PostgresArrayElement { public static var postgresArrayType: PostgresType { .int8Array } }
extension Int64: PostgresArrayElement { public static var postgresArrayType: PostgresType { .int8Array } }
extension Int32: PostgresArrayElement { public static var postgresArrayType: PostgresType { .int4Array } }
extension Double: PostgresArrayElement { public static var postgresArrayType: PostgresType { .float8Array } }
extension Bool: PostgresArrayElement { public static var postgresArrayType: PostgresType { .boolArray } }
extension UUID: PostgresArrayElement { public static var postgresArrayType: PostgresType { .uuidArray } }
extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement {
    public static var postgresArrayType: PostgresType { Wrapped.postgresArrayType }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresType: PostgresType { Element.postgresArrayType }

    /// Array literal with every element quoted, so commas, braces, quotes and
    /// backslashes inside values stay data.
    public var postgresText: String? {
        var text = "{"
        for (index, element) in enumerated() {
            if index > 0 { text += "," }
            guard let value = element.postgresText else {
                text += "NULL"
                continue
            }
            text += "\""
            for char in value.unicodeScalars {
                if char == "\"" || char == "\\" { text += "\\" }
                text.unicodeScalars.append(char)
            }
            text += "\""
        }
        return text + "}"
    }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    /// Reads a one-dimensional array literal: `{a,"b c",NULL}`.
    public static func decode(postgresText text: Substring, type: PostgresType) throws -> [Element] {
        let elementType = PostgresArrayParser.elementType(of: type)
        let items = try PostgresArrayParser.parse(text)
        return try items.map { item in
            guard let item else { return try Element.decodeNull(type: elementType) }
            return try Element.decode(postgresText: item[...], type: elementType)
        }
    }
}

enum PostgresArrayParser {
    static func elementType(of arrayType: PostgresType) -> PostgresType {
        switch arrayType {
        case .textArray, .varcharArray: .text
        case .int8Array: .int8
        case .int4Array: .int4
        case .int2Array: .int2
        case .float8Array: .float8
        case .boolArray: .bool
        case .uuidArray: .uuid
        default: .unknown
        }
    }

    /// Reads the literal byte by byte: every delimiter is ASCII and no byte
    /// of a multi-byte UTF-8 character is, and walking Unicode scalars with a
    /// Foundation trim per item made arrays most of the cost of reading a row.
    static func parse(_ text: Substring) throws -> [String?] {
        var bytes = Array(text.utf8)[...]
        // Arrays with explicit bounds print as `[0:1]={...}`.
        if bytes.first == UInt8(ascii: "["), let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
            bytes = bytes[(equals + 1)...]
        }
        guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else {
            throw DatabaseError(.decodingFailed, "not an array literal: \(text.prefix(64))")
        }
        bytes = bytes.dropFirst().dropLast()
        if bytes.isEmpty { return [] }
        if bytes.contains(UInt8(ascii: "{")) {
            throw DatabaseError(.decodingFailed, "multi-dimensional arrays are not supported")
        }
        var items: [String?] = []
        var current: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        var escaped = false
        for byte in bytes {
            if escaped {
                current.append(byte)
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                quoted.toggle()
                wasQuoted = true
            } else if byte == UInt8(ascii: ",") && !quoted {
                items.append(finish(current, wasQuoted))
                current.removeAll(keepingCapacity: true)
                wasQuoted = false
            } else {
                current.append(byte)
            }
        }
        items.append(finish(current, wasQuoted))
        return items
    }

    /// An item as written when quoted; else without surrounding whitespace, and
    /// nil for `NULL` in any case.
    private static func finish(_ bytes: [UInt8], _ wasQuoted: Bool) -> String? {
        if wasQuoted { return String(decoding: bytes, as: UTF8.self) }
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        let value = bytes[first...last]
        if value.count == 4, value.map({ $0 | 0x20 }) == Array("null".utf8) { return nil }
        return String(decoding: value, as: UTF8.self)
    }
}
