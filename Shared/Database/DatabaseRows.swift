/// The rows a statement returned, copied out of libpq's result so the C result
/// can be freed at once.
public struct DatabaseRows: Sendable, RandomAccessCollection {
    public struct Column: Sendable {
        public let name: String
        public let type: PostgresType
    }

    public let columns: [Column]
    /// Rows touched by INSERT / UPDATE / DELETE (libpq's `PQcmdTuples`).
    public let affectedRows: Int
    let values: [String?]
    let columnIndex: [String: Int]

    init(columns: [Column], values: [String?], affectedRows: Int) {
        self.columns = columns
        self.values = values
        self.affectedRows = affectedRows
        var index: [String: Int] = [:]
        for (position, column) in columns.enumerated() where index[column.name] == nil {
            index[column.name] = position
        }
        self.columnIndex = index
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { columns.isEmpty ? 0 : values.count / columns.count }
    public subscript(position: Int) -> DatabaseRow { DatabaseRow(rows: self, row: position) }
}

/// One row; columns are read by name or position into any `PostgresDecodable` type.
public struct DatabaseRow: Sendable {
    let rows: DatabaseRows
    let row: Int

    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws -> T {
        guard column >= 0, column < rows.columns.count else {
            throw DatabaseError(.decodingFailed, "column \(column) out of range (\(rows.columns.count) columns)")
        }
        let pgType = rows.columns[column].type
        guard let text = rows.values[row * rows.columns.count + column] else {
            do { return try T.decodeNull(type: pgType) } catch {
                throw DatabaseError(.decodingFailed, "column '\(rows.columns[column].name)' is NULL")
            }
        }
        do {
            return try T.decode(postgresText: text[...], type: pgType)
        } catch let error as DatabaseError {
            throw DatabaseError(.decodingFailed, "column '\(rows.columns[column].name)': \(error.message)")
        }
    }

    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ column: String) throws -> T {
        guard let index = rows.columnIndex[column] else {
            throw DatabaseError(.decodingFailed, "no column named '\(column)'")
        }
        return try decode(type, at: index)
    }

    /// The named column as the type the caller expects: `let id: UUID = try row.decode("id")`.
    public func decode<T: PostgresDecodable>(_ column: String) throws -> T {
        try decode(T.self, column)
    }

    /// Whether the query selected a column of this name.
    public func hasColumn(_ column: String) -> Bool { rows.columnIndex[column] != nil }

    public func isNull(_ column: String) -> Bool {
        guard let index = rows.columnIndex[column] else { return true }
        return rows.values[row * rows.columns.count + index] == nil
    }
}
