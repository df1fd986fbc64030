/// The `aud` claim, which RFC 7519 §4.1.3 allows as one string or an array of strings.
/// A single value encodes as a plain string, the form most verifiers expect.
public struct Audience: Codable, Sendable, Equatable, ExpressibleByStringLiteral {
    public var values: [String]

    public init(_ values: [String]) { self.values = values }

    public init(_ value: String) { self.values = [value] }

    public init(stringLiteral value: String) { self.values = [value] }

    public func contains(_ audience: String) -> Bool { values.contains(audience) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let single = try? container.decode(String.self) {
            values = [single]
        } else {
            values = try container.decode([String].self)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if values.count == 1 {
            try container.encode(values[0])
        } else {
            try container.encode(values)
        }
    }
}
