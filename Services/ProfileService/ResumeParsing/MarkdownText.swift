/// Markdown résumés read as the text they render to: heading marks, emphasis and
/// code ticks dropped, a link as its text (or its address when the text only
/// says "LinkedIn" or "Website"). Plain text passes through unchanged.
enum MarkdownText {
    /// Generic link texts ("LinkedIn", "Website") that stand for the address rather than say something.
    static let genericLinkTexts: Set<String> = [
        "linkedin", "github", "gitlab", "website", "homepage", "portfolio", "blog", "web", "profile", "link", "url",
        "xing", "twitter", "x", "mastodon", "stackoverflow", "stack overflow", "email", "e-mail", "mail",
    ]

    static func plain(_ line: String) -> String {
        guard
            line.utf8.contains(where: {
                $0 == 0x23 || $0 == 0x2A || $0 == 0x5F || $0 == 0x60 || $0 == 0x5B || $0 == 0x7C
            })
        else { return line }
        var text = Substring(line)
        // "## Experience" → "Experience"; "#hashtag" is left alone.
        let hashes = text.prefix { $0 == "#" }.count
        if (1...6).contains(hashes), text.dropFirst(hashes).first == " " { text = text.dropFirst(hashes + 1) }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "*" || character == "_", next < text.endIndex, text[next] == character {
                index = text.index(after: next)  // ** or __
                continue
            }
            if character == "`" {
                index = next
                continue
            }
            if character == "[", let (linkText, address, end) = link(in: text, at: index) {
                let label = linkText.trimmingSpaces
                if address.hasPrefix("mailto:") {
                    result += label.contains("@") ? label : String(address.dropFirst("mailto:".count))
                } else if genericLinkTexts.contains(label.lowercased()) || label.isEmpty {
                    result += address
                } else {
                    result += label
                }
                index = end
                continue
            }
            result.append(character)
            index = next
        }
        // Table rows: "| a | b |" → cells.
        if result.hasPrefix("|") {
            let cells = result.split(separator: "|").map(\.trimmingSpaces).filter { !$0.isEmpty }
            if cells.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) { return "" }
            return cells.joined(separator: "   ")
        }
        // "Text *emphasis* text": single stars around words.
        if result.hasPrefix("*"), !result.hasPrefix("* ") { result.removeFirst() }
        if result.hasSuffix("*") { result.removeLast() }
        return result
    }

    /// "[text](address)" opening at `start`: its text, address and end. The scan is
    /// bounded so a line of unmatched brackets stays linear.
    private static func link(in text: Substring, at start: Substring.Index) -> (Substring, String, Substring.Index)? {
        var index = text.index(after: start)
        var steps = 0
        while index < text.endIndex, text[index] != "]" {
            if text[index] == "[" || steps > 200 { return nil }
            index = text.index(after: index)
            steps += 1
        }
        guard index < text.endIndex else { return nil }
        let linkText = text[text.index(after: start)..<index]
        let open = text.index(after: index)
        guard open < text.endIndex, text[open] == "(" else { return nil }
        var close = text.index(after: open)
        steps = 0
        while close < text.endIndex, text[close] != ")" {
            if text[close] == " " || steps > 500 { return nil }
            close = text.index(after: close)
            steps += 1
        }
        guard close < text.endIndex else { return nil }
        return (linkText, String(text[text.index(after: open)..<close]), text.index(after: close))
    }
}
