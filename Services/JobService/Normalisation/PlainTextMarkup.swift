/// A description a board sent as plain text, laid out as HTML: blank lines
/// separate paragraphs, lines within one are kept with `<br>`, and lines
/// opened by "-", "*", "•" or "·" become list items.
enum PlainTextMarkup {
    static let bulletMarkers: Set<Character> = ["-", "*", "•", "·", "–", "▪", "◦"]

    private enum Line {
        case text(Substring)
        case bullet(Substring)
    }

    /// `text` has its character references decoded already.
    static func render(_ text: String) -> HTMLSanitizer.Output {
        var html = ""
        var plain = PlainTextWriter()
        var paragraph: [Line] = []

        func flush() {
            guard !paragraph.isEmpty else { return }
            var index = 0
            while index < paragraph.count {
                if case .bullet = paragraph[index] {
                    html += "<ul>"
                    while index < paragraph.count, case .bullet(let item) = paragraph[index] {
                        html += "<li>"
                        HTMLSanitizer.escapeText(item, into: &html)
                        html += "</li>"
                        plain.startListItem()
                        plain.write(item)
                        index += 1
                    }
                    html += "</ul>"
                    plain.requestBreak(.line)
                } else {
                    html += "<p>"
                    var first = true
                    while index < paragraph.count, case .text(let line) = paragraph[index] {
                        if !first {
                            html += "<br>"
                            plain.lineBreak()
                        }
                        HTMLSanitizer.escapeText(line, into: &html)
                        plain.write(line)
                        first = false
                        index += 1
                    }
                    html += "</p>"
                    plain.requestBreak(.line)
                }
            }
            plain.requestBreak(.paragraph)
            paragraph = []
        }

        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingPrefix(while: \.isWhitespace)
            guard line.contains(where: { !$0.isWhitespace && !PlainTextWriter.isInvisible($0) }) else {
                flush()
                continue
            }
            if let marker = line.first, bulletMarkers.contains(marker), line.dropFirst().first?.isWhitespace == true {
                paragraph.append(.bullet(line.dropFirst().trimmingPrefix(while: \.isWhitespace)))
            } else {
                paragraph.append(.text(line))
            }
        }
        flush()
        return HTMLSanitizer.Output(html: html, text: plain.text)
    }
}
