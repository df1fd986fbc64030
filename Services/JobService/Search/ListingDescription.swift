/// Descriptions in result lists are shortened: a list shows a glimpse of each
/// posting, and `GET /jobs/{id}` serves the whole text (and its HTML).
enum ListingDescription {
    /// The most characters a listed description keeps, before its ellipsis.
    static let maximumLength = 500

    /// `text` when short enough; else cut at the last word break within the
    /// limit (mid-word only for a single enormous word) and ended with "…".
    static func shortened(_ text: String) -> String {
        guard text.count > maximumLength else { return text }
        let head = text.prefix(maximumLength)
        var cut = head.lastIndex(where: \.isWhitespace).map { head[..<$0] } ?? head
        while let last = cut.last, last.isWhitespace || last.isPunctuation { cut = cut.dropLast() }
        return String(cut.isEmpty ? head : cut) + "…"
    }
}
