import Contracts

/// One row of an import as sent, before validation: field values by lower-cased
/// field name, so "externalId", "externalid" and "ExternalID" are one field.
/// CSV cells arrive as strings; JSON keeps its types.
struct PostingImportRow: Sendable, Equatable {
    /// CSV line or JSON array index, as `PostingImportReport.Rejection.row`.
    var number: Int
    var values: [String: JSONValue]

    init(number: Int, values: [String: JSONValue]) {
        self.number = number
        self.values = Dictionary(values.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
    }

    /// The value of `field`, nil when absent or JSON null.
    subscript(field: PostingImportField) -> JSONValue? {
        guard let value = values[field.rawValue.lowercased()], value != .null else { return nil }
        return value
    }
}
