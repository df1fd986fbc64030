/// Turns extracted text (pdftotext, DOCX paragraphs, Markdown, plain text) into
/// `ResumeLine`s: one pass per line, no regular expressions, so the cost stays
/// linear in the input however it is shaped.
enum ResumeLines {
    static func lines(from text: String) -> [ResumeLine] {
        var lines: [ResumeLine] = []
        // Form feeds separate pdftotext's pages; each page is laid out on its own.
        for page in text.split(separator: "\u{0C}", omittingEmptySubsequences: false) {
            let raw = page.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(cleaned)
            var blank = true
            for text in ColumnLayout.linearized(raw) {
                guard let line = line(from: text, followsBlank: blank) else {
                    blank = true
                    continue
                }
                lines.append(line)
                blank = false
            }
        }
        return lines
    }

    /// Tabs as wide gaps, odd spaces as spaces, ligatures spelt out, invisible
    /// characters dropped, Markdown emphasis and links reduced to their text.
    static func cleaned(_ raw: Substring) -> String {
        var result = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 0x09: result.append(contentsOf: "    ".unicodeScalars)
            case 0x200B, 0x200C, 0x200D, 0xFEFF, 0x00AD, 0x0C: continue
            case 0xFB00: result.append(contentsOf: "ff".unicodeScalars)
            case 0xFB01: result.append(contentsOf: "fi".unicodeScalars)
            case 0xFB02: result.append(contentsOf: "fl".unicodeScalars)
            case 0xFB03: result.append(contentsOf: "ffi".unicodeScalars)
            case 0xFB04: result.append(contentsOf: "ffl".unicodeScalars)
            case 0x2010, 0x2011: result.append("-")
            case 0x2018, 0x2019: result.append("'")
            case 0x20, 0x21...0x7E: result.append(scalar)
            default: result.append(scalar.properties.isWhitespace ? " " : scalar)
            }
        }
        return MarkdownText.plain(String(result))
    }

    /// The line, or nil when it is blank, a rule or a page number.
    static func line(from raw: String, followsBlank: Bool) -> ResumeLine? {
        let indent = raw.utf8.prefix { $0 == 0x20 }.count
        let cells = cells(of: raw)
        guard !cells.isEmpty else { return nil }
        let text = cells.joined(separator: " ")
        if isRule(text) || isPageMarker(text) { return nil }
        let (isBullet, content) = bulletContent(text)
        guard !content.isEmpty else { return nil }
        var contentCells = cells
        if isBullet {
            let firstContent = bulletContent(cells[0]).content
            if firstContent.isEmpty {
                contentCells.removeFirst()
            } else {
                contentCells[0] = firstContent
            }
            if contentCells.isEmpty { contentCells = [content] }
        }
        return ResumeLine(
            text: text, content: content, cells: contentCells, isBullet: isBullet, followsBlank: followsBlank,
            indent: indent)
    }

    /// Runs of text separated by three or more spaces, each with its own spaces collapsed.
    static func cells(of raw: String) -> [String] {
        var cells: [String] = []
        var current = String.UnicodeScalarView()
        var spaces = 0
        for scalar in raw.unicodeScalars {
            if scalar == " " {
                spaces += 1
                continue
            }
            if spaces > 0, !current.isEmpty {
                if spaces >= 3 {
                    cells.append(String(current))
                    current = String.UnicodeScalarView()
                } else {
                    current.append(" ")
                }
            }
            spaces = 0
            current.append(scalar)
        }
        if !current.isEmpty { cells.append(String(current)) }
        return cells
    }

    /// "-----", "=====", "_____", "───": drawn rules, not text.
    static func isRule(_ text: String) -> Bool {
        text.count >= 3 && text.allSatisfy { "-=_*~─━—–·•. ".contains($0) }
    }

    /// "Page 1 of 2", "Seite 2 von 3", "2 / 3", "- 2 -", "2".
    static func isPageMarker(_ text: String) -> Bool {
        guard text.utf8.count <= 24 else { return false }
        let words = text.lowercased().split { $0 == " " || $0 == "-" || $0 == "/" || $0 == "|" }
        guard !words.isEmpty, words.count <= 4 else { return false }
        let allowed: Set<Substring> = ["page", "seite", "of", "von"]
        var numbers = 0
        for word in words {
            if word.allSatisfy(\.isNumber), word.count <= 3 {
                numbers += 1
            } else if !allowed.contains(word) {
                return false
            }
        }
        return numbers >= 1
    }

    static let bulletGlyphs: Set<Character> = [
        "•", "◦", "▪", "▫", "■", "□", "●", "○", "‣", "⁃", "∙", "·", "➢", "➤", "►", "▶", "▸", "▹", "✓", "✔", "❖", "◆",
        "◇", "♦", "→", "⇒", "\u{F0B7}", "\u{F0A7}", "\u{F076}", "\u{F0D8}", "\u{F0FC}", "\u{F0A8}", "\u{2043}",
        "\u{25AA}", "\u{2219}",
    ]
    /// Glyphs that open a list item only when a space follows ("- item", "* item").
    static let spacedBulletGlyphs: Set<Character> = ["-", "*", "–", "—", "+", ">", "o"]

    /// Whether the text opens with a bullet glyph or a list number, and the text after it.
    static func bulletContent(_ text: String) -> (isBullet: Bool, content: String) {
        guard let first = text.first else { return (false, text) }
        let rest = text.dropFirst()
        if bulletGlyphs.contains(first) {
            return (true, trimmedBullets(rest))
        }
        if spacedBulletGlyphs.contains(first), rest.first == " " {
            if first == "o", rest.dropFirst().first?.isUppercase != true { return (false, text) }
            return (true, trimmedBullets(rest))
        }
        // "1. Built ...", "2) Led ...": a list number, not "1.5 years" or "01.2020".
        let digits = text.prefix { $0.isNumber }
        if (1...2).contains(digits.count) {
            let after = text.dropFirst(digits.count)
            if let mark = after.first, mark == "." || mark == ")", after.dropFirst().first == " ",
                after.dropFirst(2).first?.isLetter == true
            {
                return (true, String(after.dropFirst(2)).trimmingSpaces)
            }
        }
        return (false, text)
    }

    private static func trimmedBullets(_ text: Substring) -> String {
        var rest = text
        while let first = rest.first, first == " " || bulletGlyphs.contains(first) { rest = rest.dropFirst() }
        return String(rest).trimmingSpaces
    }
}
