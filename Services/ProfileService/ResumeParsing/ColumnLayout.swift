/// Two-column pages as `pdftotext -layout` prints them: each line holds a piece of
/// the sidebar and a piece of the main column side by side. When a page shows a
/// gutter (a band of spaces that most lines have text on both sides of and
/// almost none cross), its left column is read first and then its right one, so
/// each column's sections stay whole. Other pages pass through unchanged.
enum ColumnLayout {
    static func linearized(_ lines: [String]) -> [String] {
        guard let gutter = gutter(in: lines) else { return lines }
        var left: [String] = []
        var right: [String] = []
        for line in lines {
            let scalars = Array(line.unicodeScalars)
            // Text across the gutter (a full-width name or heading) stays whole.
            guard scalars.count > gutter, scalars[gutter] == " ", scalars[gutter - 1] == " " else {
                left.append(line)
                continue
            }
            left.append(String(String.UnicodeScalarView(scalars[..<gutter])))
            right.append(String(String.UnicodeScalarView(scalars[gutter...])))
        }
        return left + [""] + right
    }

    /// The column of the gutter, or nil for a single-column page.
    static func gutter(in lines: [String]) -> Int? {
        // Cheap first: two columns put a wide gap inside most lines.
        let gapped = lines.count { line in
            var seenText = false
            var spaces = 0
            for byte in line.utf8 {
                if byte == 0x20 {
                    spaces += 1
                    if spaces >= 2, seenText { return true }
                } else {
                    seenText = true
                    spaces = 0
                }
            }
            return false
        }
        let filled = lines.count { $0.utf8.contains { $0 != 0x20 } }
        guard gapped >= max(4, filled / 5) else { return nil }
        // Each line as "is a space" per column.
        let rows = lines.map { $0.unicodeScalars.map { $0 == " " } }.filter { $0.contains(false) }
        let width = rows.map(\.count).max() ?? 0
        // Layout output is at most a few hundred columns wide; anything else is not a page.
        guard rows.count >= 8, (50...400).contains(width) else { return nil }
        let first = rows.map { $0.firstIndex(of: false) ?? 0 }
        let last = rows.map { $0.lastIndex(of: false) ?? 0 }
        var candidates: [(column: Int, both: Int)] = []
        for column in 12..<(width - 12) {
            var both = 0
            var crossing = 0
            for (index, row) in rows.enumerated() where row.count > column {
                if !row[column] || !row[column - 1] {
                    crossing += 1
                } else if first[index] < column - 1, last[index] > column {
                    both += 1
                }
            }
            if crossing <= max(1, rows.count / 12), both >= max(4, rows.count / 4) {
                candidates.append((column, both))
            }
        }
        // A right-aligned date or place is a line of one column, not a second column.
        let texts = lines.map { Array($0.unicodeScalars) }.filter { $0.contains { $0 != " " } }
        for candidate in candidates.sorted(by: { $0.both > $1.both }).prefix(3) {
            let textRight = texts.count { row in
                guard row.count > candidate.column, row[..<candidate.column].contains(where: { $0 != " " }) else {
                    return false
                }
                let text = String(String.UnicodeScalarView(row[candidate.column...])).trimmingSpaces
                return !text.isEmpty && !isMarginNote(text)
            }
            if textRight >= 4 { return candidate.column }
        }
        return nil
    }

    /// Text a single-column résumé puts at the right margin: dates and places.
    private static func isMarginNote(_ text: String) -> Bool {
        let dates = DateScanner.spans(in: text, referenceYear: 2100)
        if let span = dates.first, span.range.count * 2 >= text.count { return true }
        return PlaceNames.isPlace(text)
    }
}
