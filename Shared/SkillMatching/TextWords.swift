/// Text as lower-case words, for matching cue phrases and titles: punctuation
/// and hyphens separate words ("nice-to-have" is "nice to have"), curly
/// apostrophes are straight, and a decimal point stays inside its number ("1.5").
public enum TextWords {
    public static func words(_ text: some StringProtocol) -> [String] {
        positioned(Array(text)).map(\.word)
    }

    /// The words of `characters`, each with the index of its first character.
    public static func positioned(_ characters: [Character]) -> [(word: String, start: Int)] {
        var words: [(word: String, start: Int)] = []
        var current = ""
        var start = 0
        for (index, character) in characters.enumerated() {
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if character.isLetter || character.isNumber {
                if current.isEmpty { start = index }
                current.append(contentsOf: character.lowercased())
            } else if character == "'" || character == "\u{2019}", !current.isEmpty, next?.isLetter == true {
                current.append("'")
            } else if character == ".", current.last?.isNumber == true, next?.isNumber == true {
                current.append(".")
            } else if !current.isEmpty {
                words.append((current, start))
                current = ""
            }
        }
        if !current.isEmpty { words.append((current, start)) }
        return words
    }

    /// Whether `phrase` (in word form: "nice to have") occurs in `words` as whole words.
    public static func contains(_ words: [String], phrase: [String]) -> Bool {
        firstIndex(of: phrase, in: words) != nil
    }

    public static func firstIndex(of phrase: [String], in words: [String]) -> Int? {
        guard !phrase.isEmpty, phrase.count <= words.count else { return nil }
        for start in 0...(words.count - phrase.count) where words[start..<start + phrase.count].elementsEqual(phrase) {
            return start
        }
        return nil
    }

    /// Whether any of the phrases occurs in `words`.
    public static func containsAny(_ words: [String], of phrases: [[String]]) -> Bool {
        phrases.contains { contains(words, phrase: $0) }
    }
}
