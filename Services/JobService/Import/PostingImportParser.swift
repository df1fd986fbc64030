import Contracts
import Foundation
import HTTPTypes
import ServiceKit

/// Reads an import body into rows: a JSON array of objects, or CSV whose first
/// non-blank line is a header naming the fields. A body that is neither (not
/// JSON, not an array, a CSV without the required columns or with a quote
/// that never closes) is refused whole, so nothing is written; a bad row is
/// only reported.
enum PostingImportParser {
    enum Format: Sendable, Equatable {
        case json
        case csv

        /// The format a `Content-Type` names: JSON (`application/json`, `…+json`)
        /// or CSV (`text/csv`, `application/csv`); nil for anything else.
        init?(contentType: String?) {
            guard let contentType else { return nil }
            let mediaType = (contentType.split(separator: ";", maxSplits: 1).first ?? "")
                .trimmingCharacters(in: .whitespaces).lowercased()
            if mediaType == "application/json"
                || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
            {
                self = .json
            } else if mediaType == "text/csv" || mediaType == "application/csv" {
                self = .csv
            } else {
                return nil
            }
        }
    }

    /// The rows of one import, and the rows that could not even be read as one.
    struct Parsed: Sendable, Equatable {
        var rows: [PostingImportRow] = []
        var rejected: [PostingImportReport.Rejection] = []

        var received: Int { rows.count + rejected.count }
    }

    /// One import is at most this many rows; more is refused with 413.
    static let maximumRows = 10_000

    static func parse(_ bytes: [UInt8], format: Format) throws -> Parsed {
        switch format {
        case .json: try parseJSON(bytes)
        case .csv: try parseCSV(bytes)
        }
    }

    static func parseJSON(_ bytes: [UInt8]) throws -> Parsed {
        let elements: [JSONValue]
        do {
            elements = try JSONDecoder().decode([JSONValue].self, from: Data(bytes))
        } catch {
            throw ServiceError.badRequest("the body is not a JSON array of postings")
        }
        try checkCount(elements.count)
        var parsed = Parsed()
        for (index, element) in elements.enumerated() {
            if case .object(let values) = element {
                parsed.rows.append(PostingImportRow(number: index, values: values))
            } else {
                parsed.rejected.append(.init(row: index, field: nil, reason: "is not a JSON object"))
            }
        }
        return parsed
    }

    static func parseCSV(_ bytes: [UInt8]) throws -> Parsed {
        let file = CSVRecords(bytes)
        if let line = file.unterminatedQuoteLine {
            throw ServiceError.badRequest("the CSV is malformed: the quoted field opened on line \(line) never closes")
        }
        var records = file.records.drop { $0.isBlank }
        guard let header = records.popFirst() else {
            throw ServiceError.badRequest("the CSV is empty: it needs a header row naming the columns")
        }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let named = Set(columns.map { $0.lowercased() })
        let missing = PostingImportField.requiredColumns.filter { !named.contains($0.rawValue.lowercased()) }
        guard missing.isEmpty else {
            throw ServiceError.badRequest(
                "the CSV header must name the columns externalId, title and company; missing: "
                    + missing.map(\.rawValue).joined(separator: ", "))
        }
        let data = records.filter { !$0.isBlank }
        try checkCount(data.count)
        var parsed = Parsed()
        for record in data {
            guard record.fields.count <= columns.count else {
                parsed.rejected.append(
                    .init(
                        row: record.line, field: nil,
                        reason: "has \(record.fields.count) cells but the header names \(columns.count) columns"))
                continue
            }
            var values: [String: JSONValue] = [:]
            for (column, cell) in zip(columns, record.fields) where !column.isEmpty {
                let trimmed = cell.trimmingCharacters(in: .whitespacesAndNewlines)
                // An empty cell is an absent value; the first of two same-named columns wins.
                if values[column.lowercased()] == nil, !trimmed.isEmpty { values[column.lowercased()] = .string(cell) }
            }
            parsed.rows.append(PostingImportRow(number: record.line, values: values))
        }
        return parsed
    }

    private static func checkCount(_ count: Int) throws {
        guard count <= maximumRows else {
            throw ServiceError(
                .contentTooLarge, detail: "an import holds at most \(maximumRows) rows; this one has \(count)")
        }
    }
}
