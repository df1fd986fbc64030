import Foundation

/// How the claim check compares free text: names normalised, prose split into
/// sentences, and sentences matched back to their source by shared words.
enum TextMatching {
    /// Legal-form words that do not tell two employers apart.
    static let corporateSuffixes: Set<String> = [
        "inc", "incorporated", "ltd", "limited", "llc", "llp", "gmbh", "ag", "corp", "corporation", "co", "plc",
        "sa", "sas", "bv", "oy", "ab", "pty", "srl", "company",
    ]

    /// Lower-cased words only: "Lumen Payments GmbH" and "lumen payments" meet.
    static func nameKey(_ text: String?) -> String {
        let words = self.words(text ?? "")
        let trimmed = words.count > 1 ? words.filter { !corporateSuffixes.contains($0) } : words
        return trimmed.joined(separator: " ")
    }

    /// Lower-cased runs of letters and digits.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    static let stopWords: Set<String> = [
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "from", "as", "into",
        "our", "my", "we", "i", "is", "was", "were", "be", "been", "that", "this", "it", "its", "their", "than",
        "per", "via", "across", "over", "using", "while",
    ]

    static func contentWords(_ text: String) -> Set<String> {
        Set(words(text).filter { !stopWords.contains($0) })
    }

    /// Shared content words over all content words (Jaccard), 0...1.
    static func overlap(_ first: String, _ second: String) -> Double {
        let left = contentWords(first)
        let right = contentWords(second)
        let union = left.union(right)
        guard !union.isEmpty else { return 0 }
        return Double(left.intersection(right).count) / Double(union.count)
    }

    /// Sentences of prose, each trimmed. A full stop ends one only when space and
    /// a capital, digit or end of text follow, so "Node.js" and "2.5x" stay whole.
    static func sentences(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character == "\n" {
                sentences.append(current)
                current = ""
                continue
            }
            current.append(character)
            guard ".!?".contains(character) else { continue }
            let rest = characters[(index + 1)...].drop { $0 == " " || $0 == "\t" }
            let spaced = index + 1 == characters.count || characters[index + 1] == " " || characters[index + 1] == "\n"
            if spaced, rest.first.map({ $0.isUppercase || $0.isNumber || $0 == "\n" }) ?? true {
                sentences.append(current)
                current = ""
            }
        }
        sentences.append(current)
        return sentences.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}
