import Foundation

extension StringProtocol {
    /// Without leading and trailing whitespace.
    var trimmingSpaces: String {
        guard let start = firstIndex(where: { !$0.isWhitespace }),
            let end = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[start...end])
    }

    /// Without any of `characters` at either end.
    func trimming(_ characters: String) -> String {
        var text = Substring(self)
        while let first = text.first, characters.contains(first) { text = text.dropFirst() }
        while let last = text.last, characters.contains(last) { text = text.dropLast() }
        return String(text)
    }
}

extension String {
    /// The text with the last occurrence of `target` replaced.
    func replacingLast(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, let range = range(of: target, options: .backwards) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }

    /// The text with the characters at `offsets` (Character offsets) removed.
    func removing(_ offsets: Range<Int>) -> String {
        let characters = Array(self)
        let lower = max(0, min(offsets.lowerBound, characters.count))
        let upper = max(lower, min(offsets.upperBound, characters.count))
        return String(characters[..<lower]) + String(characters[upper...])
    }
}

extension StringProtocol {
    /// Whether the text opens with a lower-case word ("analysts, replacing …"), the
    /// mark of a wrapped line; "iOS" and "iSAQB" are names, not lower-case words.
    var opensInLowerCase: Bool {
        let word = prefix { !$0.isWhitespace }
        return word.first?.isLowercase == true && !word.contains(where: \.isUppercase)
    }
}
