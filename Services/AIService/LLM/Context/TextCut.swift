/// Where to cut a text so what is kept reads as whole lines or sentences.
enum TextCut {
    /// The longest prefix of at most `limit` characters that ends at a line end,
    /// else after a sentence's closing mark, else at a word break; a hard cut
    /// only when none of those lies in the second half of the allowed length
    /// (giving up more than half to end neatly would waste the context).
    static func prefix(of text: Substring, atMost limit: Int) -> Substring {
        guard limit > 0 else { return text[text.startIndex..<text.startIndex] }
        guard let end = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), end < text.endIndex
        else { return text }
        let head = text[..<end]
        let floor = head.index(head.startIndex, offsetBy: limit / 2)

        if let newline = head.lastIndex(of: "\n"), newline >= floor {
            return trimmedEnd(head[..<newline])
        }
        // A sentence ends at . ! ? followed by whitespace (or by the cut itself).
        var index = head.endIndex
        while index > floor {
            let mark = head.index(before: index)
            if ".!?".contains(head[mark]), index == head.endIndex ? text[end].isWhitespace : head[index].isWhitespace {
                return head[...mark]
            }
            index = mark
        }
        if let space = head.lastIndex(where: \.isWhitespace), space >= floor {
            return trimmedEnd(head[..<space])
        }
        return head
    }

    /// 3214 → "3,214": the notice is read by people and models, not parsed.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return number < 0 ? "-" + result : result
    }

    private static func trimmedEnd(_ text: Substring) -> Substring {
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)].isWhitespace { end = text.index(before: end) }
        return text[..<end]
    }
}
