import Foundation

/// How skill names are compared: case-folded, whitespace collapsed, trailing
/// punctuation dropped, but the characters that tell C from C++ and C#, or Node.js
/// and CI/CD from prose, kept.
enum SkillText {
    static func phraseKey(_ text: some StringProtocol) -> String {
        var key = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        while let last = key.last, ",;:!?.)(\"'".contains(last) { key.removeLast() }
        while let first = key.first, "(\"'".contains(first) { key.removeFirst() }
        return key
    }

    /// Letters, digits, `+` and `#` only: "node js", "nodejs" and "node.js" meet.
    static func compactKey(_ text: some StringProtocol) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "#" })
    }

    /// "Python 3", "Vue 3.4", "Angular v17", "Java 8+" without their version; the
    /// text unchanged when nothing version-like ends it.
    static func withoutVersion(_ text: String) -> String {
        var characters = Array(text.trimmingCharacters(in: .whitespaces))
        if characters.last == "+" { characters.removeLast() }
        var end = characters.count
        var sawDigit = false
        while end > 0, characters[end - 1].isNumber || characters[end - 1] == "." || characters[end - 1] == "x" {
            if characters[end - 1].isNumber { sawDigit = true }
            end -= 1
        }
        guard sawDigit else { return text }
        if end > 0, characters[end - 1] == "v" || characters[end - 1] == "V" { end -= 1 }
        while end > 0, characters[end - 1] == " " || characters[end - 1] == "-" { end -= 1 }
        guard end > 0, characters[end - 1].isLetter || characters[end - 1] == "+" || characters[end - 1] == "#" else {
            return text
        }
        return String(characters[..<end])
    }
}
