import Contracts

/// One CSV of the export, read row by row into its report: a row the body
/// throws `Skip` for is left out with that reason and the import goes on.
struct LinkedInRows {
    /// Why a row was left out.
    struct Skip: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// Rows read per file. LinkedIn keeps at most 100 skills, and a long career
    /// has dozens of positions; thousands of rows are not a real export.
    static let maximumRows = 1_000
    /// Characters per field. LinkedIn's longest field (a description) takes
    /// 2,000; the margin is for exports from older limits.
    static let maximumFieldLength = 20_000

    let file: LinkedInFile
    private let table: CSVTable
    private(set) var report: ImportFileReport

    init(file: LinkedInFile, bytes: [UInt8]) {
        self.file = file
        table = CSVTable(bytes, knownColumns: file.columns)
        report = ImportFileReport(name: file.name, rows: table.rowCount)
        if table.header == nil {
            report.problem =
                table.isEmpty
                ? "the file is empty"
                : "no header row naming any of \(file.columns.joined(separator: ", ")) was found"
            return
        }
        report.missingColumns = file.columns.filter { !table.has($0) }
        report.skipped = table.malformedRows.filter { $0.number <= Self.maximumRows }
            .map { SkippedRow(file: file.name, row: $0.number, reason: $0.reason) }
        if table.rowCount > Self.maximumRows {
            report.skipped.append(
                SkippedRow(
                    file: file.name, row: Self.maximumRows + 1,
                    reason: "only the first \(Self.maximumRows) rows are read; the \(table.rowCount - Self.maximumRows)"
                        + " rows after them were left out"))
        }
    }

    func has(_ column: String) -> Bool { table.has(column) }

    /// Runs `body` on each well-formed row; a row it throws for is recorded as skipped.
    mutating func forEach(_ body: (CSVTable.Row) throws(Skip) -> Void) {
        for row in table.rows where row.number <= Self.maximumRows {
            do throws(Skip) {
                if let long = row.fields.firstIndex(where: { $0.count > Self.maximumFieldLength }) {
                    throw Skip(
                        "\(table.header?[long] ?? "a field") holds more than \(Self.maximumFieldLength) characters")
                }
                try body(row)
                report.imported += 1
            } catch {
                report.skipped.append(SkippedRow(file: file.name, row: row.number, reason: error.reason))
            }
        }
        sortSkipped()
    }

    /// Records a field left out of a row that is otherwise imported.
    mutating func skipField(row: Int, reason: String) {
        report.skipped.append(SkippedRow(file: file.name, row: row, reason: reason))
        sortSkipped()
    }

    /// In row order; a row's own entries keep the order they were found in.
    private mutating func sortSkipped() {
        report.skipped = report.skipped.enumerated()
            .sorted { ($0.element.row, $0.offset) < ($1.element.row, $1.offset) }
            .map(\.element)
    }
}

extension CSVTable.Row {
    /// The ISO partial date in `column`; nil when empty. A date that is there but
    /// unreadable skips the row: the row is damaged, and guessing would misdate a job.
    func date(_ column: String) throws(LinkedInRows.Skip) -> String? {
        guard let text = self[column] else { return nil }
        guard let date = LinkedInDate.partialDate(text) else {
            throw LinkedInRows.Skip("\(column) '\(Self.shortened(text))' is not a date (like \"Jan 2020\" or \"2019\")")
        }
        return date
    }

    /// The web address in `column`; nil when empty. A malformed one skips the row.
    func webAddress(_ column: String) throws(LinkedInRows.Skip) -> String? {
        guard let text = self[column] else { return nil }
        guard let url = WebAddress.normalised(text) else {
            throw LinkedInRows.Skip("\(column) '\(Self.shortened(text))' is not a web address")
        }
        return url
    }

    static func shortened(_ text: String) -> String {
        text.count > 80 ? String(text.prefix(80)) + "…" : text
    }
}
