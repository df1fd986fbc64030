import Foundation
import ServiceKit

/// A CSV file as a header and data rows, looked up by column name.
///
/// The header is the first record naming one of the columns the caller knows:
/// LinkedIn opens some files (Connections.csv) with "Notes:" lines before it,
/// so whatever precedes the header is ignored rather than taken for it.
struct CSVTable: Sendable {
    struct Row: Sendable {
        /// 1-based data row: the first row after the header is 1. Blank lines don't count.
        var number: Int
        var fields: [String]
        fileprivate var columns: [String: Int]

        /// The trimmed value in `column` (matched case-insensitively), or nil when
        /// the file has no such column or the value is empty.
        subscript(column: String) -> String? {
            guard let index = columns[CSVTable.key(column)], index < fields.count else { return nil }
            let value = fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }
    }

    /// The header's names as written (trimmed), or nil when no record named a known column.
    let header: [String]?
    /// Data rows whose field count matches the header.
    let rows: [Row]
    /// Data rows that couldn't be split into the header's columns (a wrong field
    /// count; a quote never closed, which swallows the rest of the file), with a reason each.
    let malformedRows: [(number: Int, reason: String)]
    /// Whether the file holds nothing but blank lines.
    let isEmpty: Bool
    private let columns: [String: Int]

    init(_ bytes: [UInt8], knownColumns: [String]) {
        let parsed = CSVRecords(bytes)
        let known = Set(knownColumns.map(Self.key))
        let headerIndex = parsed.records.firstIndex { record in
            record.fields.contains { known.contains(Self.key($0)) }
        }
        var columns: [String: Int] = [:]
        var rows: [Row] = []
        var malformed: [(Int, String)] = []
        if let headerIndex {
            let header = parsed.records[headerIndex].fields
            for (index, name) in header.enumerated() where columns[Self.key(name)] == nil {
                columns[Self.key(name)] = index
            }
            var number = 0
            for record in parsed.records[(headerIndex + 1)...] where !record.isBlank {
                number += 1
                if record.fields.count == header.count {
                    rows.append(Row(number: number, fields: record.fields, columns: columns))
                } else {
                    malformed.append(
                        (
                            number,
                            "line \(record.line) has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s")"
                                + " where the header has \(header.count)"
                        ))
                }
            }
            if let line = parsed.unterminatedQuoteLine {
                malformed.append(
                    (
                        number + 1,
                        "a quoted field opened on line \(line) is never closed, so the file could not be read past it"
                    ))
            }
            self.header = header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        } else {
            self.header = nil
        }
        self.rows = rows
        self.malformedRows = malformed
        self.columns = columns
        self.isEmpty = parsed.unterminatedQuoteLine == nil && parsed.records.allSatisfy(\.isBlank)
    }

    /// Data rows read, well-formed or not.
    var rowCount: Int { rows.count + malformedRows.count }

    func has(_ column: String) -> Bool { columns[Self.key(column)] != nil }

    /// Column names compare without case, surrounding space or a stray BOM.
    static func key(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}\"")))
            .lowercased()
    }
}
