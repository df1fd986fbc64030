import Foundation

/// A Codable value stored in a `jsonb` column. Encoding happens when the wrapper
/// is made, so a value that cannot be encoded fails there, never as a silent NULL.
public struct JSONB<Value: Codable & Sendable>: PostgresCodable {
    public let value: Value
    private let text: String

    public init(_ value: Value) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.value = value
        self.text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private init(value: Value, text: String) {
        self.value = value
        self.text = text
    }

    public static var postgresType: PostgresType { .jsonb }
    public var postgresText: String? { text }

    public static func decode(postgresText text: Substring, type: PostgresType) throws -> JSONB<Value> {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return JSONB(value: try decoder.decode(Value.self, from: Data(text.utf8)), text: String(text))
        } catch {
            throw DatabaseError(.decodingFailed, "jsonb does not decode as \(Value.self): \(error)")
        }
    }
}
