import Foundation

/// A figure as a comparison key: "40 %", "40%" and "40 percent" meet, as do
/// "2M", "$2M" and "2 million", "10,000" and "10k", "3x" and "3×".
struct NumberKey: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case plain
        case percent
        case multiple
    }

    var kind: Kind
    /// The value in plain decimal form ("2000000", "1.5").
    var value: String
}

/// A figure written in text, with what follows it (for "7 years of experience").
struct StatedNumber: Sendable, Equatable {
    var key: NumberKey
    /// As written, unit included ("40%", "$2M", "10,000").
    var raw: String
    /// Up to four lower-cased words after the figure.
    var followingWords: [String]

    /// "7 years", "7+ yrs of experience": a span of time in years.
    var countsYears: Bool {
        key.kind == .plain && ["year", "years", "yrs", "yr"].contains(followingWords.first ?? "")
    }

    /// "7 years of experience", "7+ years' professional experience".
    var isYearsOfExperience: Bool {
        countsYears && followingWords.dropFirst().contains { $0.hasPrefix("experience") }
    }

    var integerValue: Int? { Int(key.value) }
}

/// Finds figures in running text. A digit glued to letters is part of a name, not
/// a figure ("k8s", "EC2", "3D", "5G"), and `masked` ranges (skill names such as
/// "Python 3") are skipped: skills are checked on their own.
enum NumberScanner {
    static func numbers(in text: String, masked: [Range<String.Index>] = []) -> [StatedNumber] {
        let characters = Array(text)
        let indices = Array(text.indices) + [text.endIndex]
        var found: [StatedNumber] = []
        var position = 0
        while position < characters.count {
            guard isDigit(characters[position]) else {
                position += 1
                continue
            }
            let start = position
            if start > 0, characters[start - 1].isLetter || characters[start - 1].isNumber {
                position = skipWord(characters, from: position)
                continue
            }
            var digits = ""
            var end = start
            while end < characters.count {
                let character = characters[end]
                if isDigit(character) {
                    digits.append(character)
                    end += 1
                } else if character == ",", groupOfThree(characters, after: end), !digits.contains(".") {
                    end += 1
                } else if character == ".", end + 1 < characters.count, isDigit(characters[end + 1]),
                    !digits.contains(".")
                {
                    digits.append(".")
                    end += 1
                } else {
                    break
                }
            }
            guard let unit = readUnit(characters, at: end) else {
                position = skipWord(characters, from: end)
                continue
            }
            position = unit.end
            let startIndex = indices[start]
            guard !masked.contains(where: { $0.contains(startIndex) }),
                let value = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX"))
            else { continue }
            var rawStart = start
            if start > 0, "$€£¥".contains(characters[start - 1]) { rawStart -= 1 }
            found.append(
                StatedNumber(
                    key: NumberKey(kind: unit.kind, value: "\(value * unit.multiplier)"),
                    raw: String(characters[rawStart..<unit.rawEnd]).trimmingCharacters(in: .whitespaces),
                    followingWords: words(characters, from: unit.end, limit: 4)))
        }
        return found
    }

    /// Every figure's key in `texts`.
    static func keys(in texts: [String]) -> Set<NumberKey> {
        Set(texts.flatMap { numbers(in: $0).map(\.key) })
    }

    private struct Unit {
        var kind: NumberKey.Kind
        var multiplier: Decimal
        /// Where the figure as written ends.
        var rawEnd: Int
        /// Where scanning goes on.
        var end: Int
    }

    private static let attachedUnits: [String: (NumberKey.Kind, Decimal)] = [
        "k": (.plain, 1000), "m": (.plain, 1_000_000), "mm": (.plain, 1_000_000), "mn": (.plain, 1_000_000),
        "b": (.plain, 1_000_000_000), "bn": (.plain, 1_000_000_000), "x": (.multiple, 1),
        // Ordinals and decades are figures too ("1st", "1990s").
        "st": (.plain, 1), "nd": (.plain, 1), "rd": (.plain, 1), "th": (.plain, 1), "s": (.plain, 1),
    ]

    private static let spacedUnits: [String: (NumberKey.Kind, Decimal)] = [
        "percent": (.percent, 1), "thousand": (.plain, 1000), "million": (.plain, 1_000_000),
        "billion": (.plain, 1_000_000_000), "bn": (.plain, 1_000_000_000), "mn": (.plain, 1_000_000),
        "times": (.multiple, 1), "x": (.multiple, 1), "k": (.plain, 1000),
    ]

    /// The unit right after the digits, or nil when letters glued to them make a name.
    private static func readUnit(_ characters: [Character], at end: Int) -> Unit? {
        guard end < characters.count else { return Unit(kind: .plain, multiplier: 1, rawEnd: end, end: end) }
        let next = characters[end]
        if next == "%" { return Unit(kind: .percent, multiplier: 1, rawEnd: end + 1, end: end + 1) }
        if next == "×" { return Unit(kind: .multiple, multiplier: 1, rawEnd: end + 1, end: end + 1) }
        if next.isLetter {
            let wordEnd = skipWord(characters, from: end)
            let word = String(characters[end..<wordEnd]).lowercased()
            guard let (kind, multiplier) = attachedUnits[word] else { return nil }
            return Unit(kind: kind, multiplier: multiplier, rawEnd: wordEnd, end: wordEnd)
        }
        var afterPlus = end
        if next == "+" { afterPlus += 1 }
        guard afterPlus < characters.count, characters[afterPlus] == " " else {
            return Unit(kind: .plain, multiplier: 1, rawEnd: afterPlus, end: afterPlus)
        }
        let wordStart = afterPlus + 1
        if wordStart < characters.count, characters[wordStart] == "%" {
            return Unit(kind: .percent, multiplier: 1, rawEnd: wordStart + 1, end: wordStart + 1)
        }
        let wordEnd = skipWord(characters, from: wordStart)
        let word = String(characters[wordStart..<wordEnd]).lowercased()
        if let (kind, multiplier) = spacedUnits[word] {
            return Unit(kind: kind, multiplier: multiplier, rawEnd: wordEnd, end: wordEnd)
        }
        if word == "per", words(characters, from: wordEnd, limit: 1) == ["cent"] {
            let centEnd = skipWord(characters, from: wordEnd + 1)
            return Unit(kind: .percent, multiplier: 1, rawEnd: centEnd, end: centEnd)
        }
        return Unit(kind: .plain, multiplier: 1, rawEnd: afterPlus, end: afterPlus)
    }

    private static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }

    /// "10,000": a comma followed by exactly three digits is a thousands separator.
    private static func groupOfThree(_ characters: [Character], after comma: Int) -> Bool {
        guard comma + 3 < characters.count, (1...3).allSatisfy({ isDigit(characters[comma + $0]) }) else {
            return false
        }
        return comma + 4 >= characters.count || !isDigit(characters[comma + 4])
    }

    private static func skipWord(_ characters: [Character], from start: Int) -> Int {
        var end = start
        while end < characters.count, characters[end].isLetter || characters[end].isNumber { end += 1 }
        return end
    }

    private static func words(_ characters: [Character], from start: Int, limit: Int) -> [String] {
        var words: [String] = []
        var position = start
        while words.count < limit, position < characters.count {
            if characters[position].isLetter {
                let end = skipWord(characters, from: position)
                words.append(String(characters[position..<end]).lowercased())
                position = end
            } else if ".;!?\n".contains(characters[position]) {
                break
            } else {
                position += 1
            }
        }
        return words
    }
}
