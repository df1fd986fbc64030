import Foundation

/// A statement whose interpolated values become bound parameters (`$1`, `$2`, ...),
/// never SQL text: `"SELECT * FROM users WHERE email = \(email)"` cannot be injected.
public struct SQL: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    enum Part: Sendable {
        case text(String)
        case bind(Int)
    }

    var parts: [Part] = []
    public private(set) var binds: [any PostgresEncodable] = []

    public init(stringLiteral value: String) {
        parts = [.text(value)]
    }

    public init(stringInterpolation: StringInterpolation) {
        self = stringInterpolation.sql
    }

    /// Appends another fragment, renumbering its parameters after ours.
    public mutating func append(_ other: SQL) {
        let offset = binds.count
        for part in other.parts {
            switch part {
            case .text(let text): parts.append(.text(text))
            case .bind(let index): parts.append(.bind(index + offset))
            }
        }
        binds.append(contentsOf: other.binds)
    }

    public static func + (lhs: SQL, rhs: SQL) -> SQL {
        var result = lhs
        result.append(rhs)
        return result
    }

    /// Joins fragments with a separator, e.g. `AND` between filter conditions.
    public static func joined(_ fragments: [SQL], separator: String) -> SQL {
        var result = SQL(stringLiteral: "")
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { result.parts.append(.text(separator)) }
            result.append(fragment)
        }
        return result
    }

    /// The statement text with `$n` placeholders.
    public var text: String {
        var output = ""
        for part in parts {
            switch part {
            case .text(let text): output += text
            case .bind(let index): output += "$\(index + 1)"
            }
        }
        return output
    }

    public var description: String { text }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = SQL(stringLiteral: "")

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.parts.reserveCapacity(interpolationCount * 2 + 1)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql.parts.append(.text(literal))
        }

        /// A value: always a bound parameter.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            sql.parts.append(.bind(sql.binds.count))
            sql.binds.append(value)
        }

        /// An optional value: NULL when nil (an explicit overload, so the compiler
        /// knows the optional is intended).
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            sql.parts.append(.bind(sql.binds.count))
            sql.binds.append(value)
        }

        /// A nested fragment built elsewhere, its parameters renumbered.
        public mutating func appendInterpolation(_ fragment: SQL) {
            sql.append(fragment)
        }

        /// A schema, table or column name, double-quoted with quotes doubled.
        public mutating func appendInterpolation(identifier: String) {
            sql.parts.append(.text("\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""))
        }

        /// Trusted SQL text written by us (never user input), e.g. a sort direction.
        public mutating func appendInterpolation(unsafeRaw text: String) {
            sql.parts.append(.text(text))
        }
    }
}
