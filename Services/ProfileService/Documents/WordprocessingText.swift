/// The text of a WordprocessingML part (`word/document.xml`, a header or a
/// footer), read by one linear scan of its bytes rather than a DOM: paragraphs
/// become lines, `<w:tab/>` a tab, `<w:br/>` a line break, list paragraphs get a
/// "• " (Word keeps the bullet glyph in numbering.xml, not in the text). Table
/// rows read cell after cell (see `closeRow`), so a two-cell layout table
/// (sidebar | main column) reads column by column and a date | entry row
/// starts with "date<TAB>first line". Text boxes are read once: the VML copy
/// in `mc:Fallback` is skipped. A DTD is refused (no entity expansion).
struct WordprocessingText {
    enum Failure: Error, Equatable {
        case notWellFormed
        case documentTypeDeclaration
    }

    /// One open paragraph: its text so far and whether it is a list item.
    private struct Paragraph {
        var text = ""
        var isListItem = false
    }

    /// One open table row: the lines of each cell.
    private struct Row {
        var cells: [[String]] = []
        var isOpenCell = false
    }

    private var finishedLines: [String] = []
    private var paragraphs: [Paragraph] = []
    /// Open rows of (possibly nested) tables, innermost last.
    private var rows: [Row] = []
    private var inText = false
    private var inTabStops = 0
    private var inFallback = 0

    static func lines(of xml: [UInt8]) throws(Failure) -> [String] {
        var reader = WordprocessingText()
        try reader.scan(xml)
        return reader.finishedLines
    }

    private mutating func scan(_ xml: [UInt8]) throws(Failure) {
        var index = 0
        let count = xml.count
        while index < count {
            guard xml[index] == UInt8(ascii: "<") else {
                let start = index
                while index < count, xml[index] != UInt8(ascii: "<") { index += 1 }
                if inText, inFallback == 0 { appendText(Self.decodedText(xml[start..<index])) }
                continue
            }
            index = try scanMarkup(xml, from: index)
        }
        // A truncated part: keep what was read.
        while !paragraphs.isEmpty { closeParagraph() }
        while !rows.isEmpty { closeRow() }
    }

    /// Reads one tag, comment, CDATA section or processing instruction starting
    /// at `start` (a "<"); returns the index after it.
    private mutating func scanMarkup(_ xml: [UInt8], from start: Int) throws(Failure) -> Int {
        let count = xml.count
        var index = start + 1
        guard index < count else { throw .notWellFormed }
        if xml[index] == UInt8(ascii: "!") {
            if Self.matches(xml, at: index + 1, "--") {
                return try Self.index(after: "-->", in: xml, from: index + 3)
            }
            if Self.matches(xml, at: index + 1, "[CDATA[") {
                let end = try Self.index(after: "]]>", in: xml, from: index + 8)
                if inText, inFallback == 0 { appendText(String(decoding: xml[(index + 8)..<(end - 3)], as: UTF8.self)) }
                return end
            }
            throw .documentTypeDeclaration
        }
        if xml[index] == UInt8(ascii: "?") {
            return try Self.index(after: "?>", in: xml, from: index + 1)
        }
        let closing = xml[index] == UInt8(ascii: "/")
        if closing { index += 1 }
        let nameStart = index
        while index < count, !Self.isNameEnd(xml[index]) { index += 1 }
        let nameEnd = index
        // Attributes: a quoted value may hold ">".
        var quote: UInt8 = 0
        while index < count {
            let byte = xml[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                break
            }
            index += 1
        }
        guard index < count else { throw .notWellFormed }
        let selfClosing = !closing && index > nameStart && xml[index - 1] == UInt8(ascii: "/")
        let localName = Self.localName(xml[nameStart..<nameEnd])
        handle(localName, closing: closing, selfClosing: selfClosing, attributes: xml[nameEnd..<index])
        return index + 1
    }

    private mutating func handle(
        _ name: ArraySlice<UInt8>, closing: Bool, selfClosing: Bool, attributes: ArraySlice<UInt8>
    ) {
        if name.elementsEqual("Fallback".utf8) {
            if closing { inFallback = max(0, inFallback - 1) } else if !selfClosing { inFallback += 1 }
            return
        }
        guard inFallback == 0 else { return }
        switch String(decoding: name, as: UTF8.self) {
        case "p":
            if closing {
                closeParagraph()
            } else {
                paragraphs.append(Paragraph())
                if selfClosing { closeParagraph() }
            }
        case "t":
            inText = !closing && !selfClosing
        case "tabs":
            if closing { inTabStops = max(0, inTabStops - 1) } else if !selfClosing { inTabStops += 1 }
        case "tab", "ptab":
            if !closing, inTabStops == 0 { appendText("\t") }
        case "br", "cr":
            if !closing { appendText("\n") }
        case "noBreakHyphen":
            if !closing { appendText("-") }
        case "numPr":
            if !closing, !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].isListItem = true }
        case "pStyle":
            if !closing, !paragraphs.isEmpty, let style = Self.attribute("val", in: attributes),
                style.hasPrefix("List")
            {
                paragraphs[paragraphs.count - 1].isListItem = true
            }
        case "tr":
            if closing { closeRow() } else if !selfClosing { rows.append(Row()) }
        case "tc":
            guard !rows.isEmpty else { return }
            if closing {
                rows[rows.count - 1].isOpenCell = false
            } else {
                rows[rows.count - 1].cells.append([])
                rows[rows.count - 1].isOpenCell = !selfClosing
            }
        default:
            break
        }
    }

    private mutating func appendText(_ text: String) {
        guard !paragraphs.isEmpty else { return }
        paragraphs[paragraphs.count - 1].text += text
    }

    private mutating func closeParagraph() {
        guard let paragraph = paragraphs.popLast() else { return }
        let text = paragraph.text
        let hasText = text.contains { !$0.isWhitespace }
        emit(paragraph.isListItem && hasText ? "• " + text : text)
    }

    /// A finished line goes into the innermost open table cell, or the document.
    private mutating func emit(_ line: String) {
        if let last = rows.indices.last, rows[last].isOpenCell, !rows[last].cells.isEmpty {
            rows[last].cells[rows[last].cells.count - 1].append(line)
        } else {
            finishedLines.append(line)
        }
    }

    /// A row's cells in order. A one-line cell (a date, a label) goes in front of
    /// the next cell's first line, tab-separated, as a PDF of the same table
    /// reads; cells of several lines (the columns of a layout table) are set
    /// apart by an empty line, and so is the row from what follows.
    private mutating func closeRow() {
        guard let row = rows.popLast() else { return }
        var lines: [String] = []
        var pending: [String] = []
        for cell in row.cells.map({ $0.filter { $0.contains { !$0.isWhitespace } } }) where !cell.isEmpty {
            if cell.count == 1 {
                pending.append(cell[0])
                continue
            }
            if !lines.isEmpty { lines.append("") }
            lines.append((pending + [cell[0]]).joined(separator: "\t"))
            lines += cell.dropFirst()
            pending = []
        }
        if !pending.isEmpty { lines.append(pending.joined(separator: "\t")) }
        guard !lines.isEmpty else { return }
        let multiline = lines.count > 1
        for line in lines { emit(line) }
        if multiline { emit("") }
    }

    // MARK: - Bytes

    private static func isNameEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == 0x09
            || byte == 0x0A || byte == 0x0D
    }

    /// "w:t" → "t": Word writes the `w` prefix, other producers may choose another.
    private static func localName(_ name: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let colon = name.lastIndex(of: UInt8(ascii: ":")) else { return name }
        return name[(colon + 1)...]
    }

    private static func matches(_ xml: [UInt8], at index: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= xml.count else { return false }
        return literal.withUTF8Buffer { xml[index..<index + count].elementsEqual($0) }
    }

    private static func index(after literal: StaticString, in xml: [UInt8], from start: Int) throws(Failure) -> Int {
        var index = start
        while index < xml.count {
            if matches(xml, at: index, literal) { return index + literal.utf8CodeUnitCount }
            index += 1
        }
        throw .notWellFormed
    }

    /// The value of attribute `name` (any prefix) in a tag's attribute bytes.
    static func attribute(_ name: String, in attributes: ArraySlice<UInt8>) -> String? {
        var index = attributes.startIndex
        let end = attributes.endIndex
        while index < end {
            while index < end, Self.isNameEnd(attributes[index]) { index += 1 }
            let keyStart = index
            while index < end, attributes[index] != UInt8(ascii: "="), !Self.isNameEnd(attributes[index]) {
                index += 1
            }
            let key = localName(attributes[keyStart..<index])
            guard index < end, attributes[index] == UInt8(ascii: "="), index + 1 < end else {
                index += 1
                continue
            }
            let quote = attributes[index + 1]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
            let valueStart = index + 2
            guard let valueEnd = attributes[valueStart...].firstIndex(of: quote) else { return nil }
            if key.elementsEqual(name.utf8) { return decodedText(attributes[valueStart..<valueEnd]) }
            index = valueEnd + 1
        }
        return nil
    }

    /// Character data with its entity and character references resolved.
    static func decodedText(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var result = ""
        result.reserveCapacity(bytes.count)
        var segmentStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard bytes[index] == UInt8(ascii: "&"),
                let semicolon = bytes[index..<min(bytes.endIndex, index + 12)].firstIndex(of: UInt8(ascii: ";"))
            else {
                index += 1
                continue
            }
            let name = String(decoding: bytes[(index + 1)..<semicolon], as: UTF8.self)
            guard let replacement = entity(name) else {
                index += 1
                continue
            }
            result += String(decoding: bytes[segmentStart..<index], as: UTF8.self)
            result.unicodeScalars.append(replacement)
            index = semicolon + 1
            segmentStart = index
        }
        result += String(decoding: bytes[segmentStart..<bytes.endIndex], as: UTF8.self)
        return result
    }

    private static func entity(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value =
                digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap { $0 == 0 ? nil : Unicode.Scalar($0) }
        }
    }
}
