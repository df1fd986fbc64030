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

    static func parse(_ text: Substring) throws -> [String?] {
        var scalars = text.unicodeScalars[...]
        // Arrays with explicit bounds print as `[0:1]={...}`.
        if scalars.first == "[", let equals = scalars.firstIndex(of: "=") {
            scalars = scalars[scalars.index(after: equals)...]
        }
        guard scalars.first == "{", scalars.last == "}" else {
            throw DatabaseError(.decodingFailed, "not an array literal: \(text.prefix(64))")
        }
        scalars = scalars.dropFirst().dropLast()
        if scalars.isEmpty { return [] }
        if scalars.contains("{") {
            throw DatabaseError(.decodingFailed, "multi-dimensional arrays are not supported")
        }
        var items: [String?] = []
        var current = String.UnicodeScalarView()
        var quoted = false
        var wasQuoted = false
        var escaped = false
        for scalar in scalars {
            if escaped {
                current.append(scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == "\"" {
                quoted.toggle()
                wasQuoted = true
            } else if scalar == "," && !quoted {
                items.append(finish(current, wasQuoted))
                current = String.UnicodeScalarView()
                wasQuoted = false
            } else {
                current.append(scalar)
            }
        }
        items.append(finish(current, wasQuoted))
        return items
    }

    private static func finish(_ scalars: String.UnicodeScalarView, _ wasQuoted: Bool) -> String? {
        let value = String(scalars)
        if !wasQuoted && value.uppercased() == "NULL" { return nil }
        return wasQuoted ? value : value.trimmingCharacters(in: .whitespaces)
    }
}
