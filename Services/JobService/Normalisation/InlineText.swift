/// A one-line field as boards send it (a title, company, location or tag), as
/// plain text: tags and character references resolved ("R&amp;D" is "R&D"),
/// invisible characters dropped, whitespace collapsed to single spaces and trimmed.
enum InlineText {
    static func clean(_ raw: String) -> String {
        let scalars = Array(raw.unicodeScalars.prefix(HTMLSanitizer.maximumInputLength))
        let text =
            HTMLSanitizer.containsMarkup(scalars)
            ? HTMLSanitizer.sanitize(raw).text : HTMLEntities.decode(String(String.UnicodeScalarView(scalars)))
        var cleaned = ""
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !cleaned.isEmpty
            } else if !PlainTextWriter.isInvisible(character) {
                if pendingSpace { cleaned.append(" ") }
                pendingSpace = false
                cleaned.append(character)
            }
        }
        return cleaned
    }
}
