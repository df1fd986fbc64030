/// What an uploaded résumé file turned out to be, judged by its bytes (never by
/// its name alone).
enum DocumentKind: String, Sendable, Codable {
    case pdf, docx, text, markdown
}

/// The text of an uploaded document, normalised (see `ExtractedText`) and ready
/// for the résumé parser. Markdown keeps its markup: the parser reads links and
/// headings from it.
struct ExtractedDocument: Sendable, Equatable {
    var kind: DocumentKind
    var text: String
    /// Pages of a PDF; nil for formats without fixed pages.
    var pageCount: Int?
}
