/// One line of résumé text as the parser reads it: whitespace tidied, the wide
/// gaps that separate a right-aligned date or a table cell kept as cells, and a
/// leading bullet glyph or list number recognised and set aside.
struct ResumeLine: Sendable, Equatable {
    /// The whole line, whitespace collapsed, bullet glyph kept.
    var text: String
    /// The line without its bullet glyph or list number.
    var content: String
    /// Pieces of `content` that wide gaps (three or more spaces, a tab) separate.
    var cells: [String]
    var isBullet: Bool
    /// A blank line or a page break came before this line.
    var followsBlank: Bool
    /// Leading spaces in the extracted text (layout output indents wrapped lines).
    var indent: Int

    init(text: String, content: String, cells: [String], isBullet: Bool, followsBlank: Bool, indent: Int) {
        self.text = text
        self.content = content
        self.cells = cells
        self.isBullet = isBullet
        self.followsBlank = followsBlank
        self.indent = indent
    }

    /// A line made from a piece of another (an inline heading's remainder).
    init(content: String, followsBlank: Bool = false) {
        self.init(
            text: content, content: content, cells: [content], isBullet: false, followsBlank: followsBlank, indent: 0)
    }

    var words: [Substring] { content.split(separator: " ") }
}
