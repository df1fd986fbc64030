import Foundation

/// What an import made of one file of an upload (a CSV of a LinkedIn export):
/// how many data rows it held, how many became part of the profile, and every
/// row or field it left out with the reason, so the user can fix and re-upload.
public struct ImportFileReport: Codable, Sendable, Equatable {
    /// The file's name as the export names it ("Positions.csv").
    public var name: String
    /// Data rows read (the header and blank lines not counted).
    public var rows: Int
    /// Rows that became part of the profile.
    public var imported: Int
    /// Rows left out, and fields left out of rows that were imported (their
    /// reason names the column); in file order.
    public var skipped: [SkippedRow]
    /// Columns the reader knows that the file lacks; their values are simply absent.
    public var missingColumns: [String]
    /// Why nothing of the file could be read (no header row, say), when that is so.
    public var problem: String?

    public init(
        name: String, rows: Int = 0, imported: Int = 0, skipped: [SkippedRow] = [], missingColumns: [String] = [],
        problem: String? = nil
    ) {
        self.name = name
        self.rows = rows
        self.imported = imported
        self.skipped = skipped
        self.missingColumns = missingColumns
        self.problem = problem
    }

    /// Reports stored before `missingColumns` existed decode with none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        rows = try container.decode(Int.self, forKey: .rows)
        imported = try container.decode(Int.self, forKey: .imported)
        skipped = try container.decode([SkippedRow].self, forKey: .skipped)
        missingColumns = try container.decodeIfPresent([String].self, forKey: .missingColumns) ?? []
        problem = try container.decodeIfPresent(String.self, forKey: .problem)
    }
}

/// A row (or a field of a row) an import left out, and why.
public struct SkippedRow: Codable, Sendable, Equatable {
    public var file: String
    /// 1-based data row: the first row after the header is 1.
    public var row: Int
    public var reason: String

    public init(file: String, row: Int, reason: String) {
        self.file = file
        self.row = row
        self.reason = reason
    }
}
