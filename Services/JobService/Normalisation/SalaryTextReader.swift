/// A salary as one passage of text states it, before `SalaryParser` checks it.
struct SalaryStatement: Equatable, Sendable {
    var min: Double?
    var max: Double?
    var currency: String?
    var interval: SalaryPeriod.Interval?
    /// Written among pay words ("salary", "pay", "Gehalt", "hourly") or with a
    /// pay period: money a posting pays, not money it mentions.
    var aboutPay: Bool
    /// Written with a "k"/"M" multiplier ("$120K"), which only yearly figures use.
    var suffixed: Bool
}

/// Reads the salaries a text states: "$120K – $150K", "€50.000–60.000 p.a.",
/// "USD 100000-120000", "$45 - $60 an hour", "up to $90k", "from €4.000 monthly",
/// "Gehalt: 60.000 – 75.000 € brutto/Jahr".
///
/// The text is cut into numbers, currencies, words and punctuation in one pass;
/// a number's separators say whether it is written the US way ("150,000.50") or
/// the European way ("60.000,50"), and a grouping no one writes ("555.123.4567")
/// is not a number. A bare four-digit year ("2024") is never an amount unless a
/// currency sits next to it, and numbers chained like a phone number
/// ("555-123-4567", "+49 30 …") are skipped.
enum SalaryTextReader {
    struct Number: Equatable {
        var value: Double
        /// 1, or what a "k"/"M" suffix multiplied by.
        var multiplier: Double
        /// Digits only: no separators, no suffix.
        var plain: Bool

        var yearLike: Bool { plain && value >= 1900 && value <= 2100 && value == value.rounded() }
    }

    enum Token: Equatable {
        case number(Number)
        case currency(String)
        case word(String)
        case dash
        case slash
        case plus
        case lineBreak
        case punctuation
    }

    /// Words that mark a passage about pay.
    static let payWords: Set<String> = [
        "salary", "salaries", "pay", "paid", "paying", "compensation", "comp", "base", "range", "wage", "wages",
        "rate", "ote", "earn", "earning", "earnings", "gehalt", "gehaltsspanne", "jahresgehalt", "jahresbrutto",
        "vergütung", "lohn", "stundenlohn", "bezahlung", "remuneration", "stipend", "income", "brutto", "gross",
        "salario", "salaire", "rémunération",
    ]

    /// Words between an amount and its period: "per", "an", "brutto", "base salary".
    static let fillerWords: Set<String> = [
        "per", "a", "an", "pro", "im", "each", "every", "brutto", "gross", "netto", "net", "base", "salary", "pay",
        "in", "the", "total", "fixed", "approx", "approximately", "plus", "euro", "eur", "usd", "gbp",
    ]

    /// Interval words that precede the amount: "annual salary of", "hourly rate".
    static let leadingIntervalWords: Set<String> = [
        "annual", "annually", "yearly", "hourly", "monthly", "weekly", "daily", "jahresgehalt", "jahresbrutto",
        "monatsgehalt", "monatlich", "stundenlohn", "stundensatz", "tagessatz", "jährlich",
    ]

    static let upperBoundPhrases: [[String]] = [["up", "to"], ["upto"], ["bis", "zu"], ["max"], ["maximum"]]
    static let lowerBoundPhrases: [[String]] = [
        ["from"], ["ab"], ["starting", "at"], ["starting", "from"], ["at", "least"], ["min"], ["minimum"],
        ["von"], ["starts", "at"],
    ]
    static let rangeWords: Set<String> = ["to", "bis", "until", "à"]
    static let lakhWords: Set<String> = ["lpa", "lakh", "lakhs", "lac", "lacs"]

    /// Every salary statement in `text`, in order, at most `limit`.
    static func statements(in text: String, limit: Int = 20) -> [SalaryStatement] {
        var found: [SalaryStatement] = []
        _ = first(in: text) { statement -> Bool? in
            found.append(statement)
            return found.count >= limit ? true : nil
        }
        return found
    }

    /// The first statement `accept` makes something of, reading line by line
    /// (a statement never spans lines) and stopping there.
    static func first<Result>(in text: String, _ accept: (SalaryStatement) -> Result?) -> Result? {
        let scalars = Array(text.unicodeScalars)
        let lines = scalars.split { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" }
        var afterPayHeading = false
        for line in lines {
            guard line.contains(where: isDigit) else {
                afterPayHeading = isPayHeading(line)
                continue
            }
            let underHeading = afterPayHeading
            afterPayHeading = false
            let tokens = tokens(in: Array(line))
            var index = 0
            while index < tokens.count {
                guard case .number(let first) = tokens[index] else {
                    index += 1
                    continue
                }
                if let after = phoneNumberEnd(in: tokens, at: index) {
                    index = after
                    continue
                }
                var (statement, end) = statement(in: tokens, at: index, first: first)
                if underHeading { statement?.aboutPay = true }
                if let statement, let result = accept(statement) { return result }
                index = max(end, index + 1)
            }
        }
        return nil
    }

    /// A short line naming pay ("Salary Range", "Compensation:"), whose amounts
    /// come on the next line, as Greenhouse's pay-transparency block lays them out.
    static func isPayHeading(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
        guard line.count <= 80 else { return false }
        let words = tokens(in: Array(line)).compactMap { token -> String? in
            if case .word(let word) = token { return word }
            return nil
        }
        return words.count <= 8 && words.contains(where: payWords.contains)
    }

    /// The statement whose first number is at `index`, and the index after it.
    private static func statement(
        in tokens: [Token], at index: Int, first: Number
    ) -> (SalaryStatement?, Int) {
        let currencyBefore = currency(in: tokens, at: index - 1)
        var end = index + 1
        let currencyAfter = currency(in: tokens, at: end)
        if currencyAfter != nil { end += 1 }
        var firstCurrency = currencyBefore ?? currencyAfter
        var lower = first
        var upper: Number?
        var secondCurrency: String?

        if end < tokens.count, isRangeConnector(tokens, at: end, firstNumberAt: index) {
            var next = end + 1
            let leading = currency(in: tokens, at: next)
            if leading != nil { next += 1 }
            if next < tokens.count, case .number(let second) = tokens[next], !second.yearLike || leading != nil {
                upper = second
                end = next + 1
                let trailing = currency(in: tokens, at: end)
                if trailing != nil { end += 1 }
                secondCurrency = leading ?? trailing
                // "$120-150K": the suffix on the upper bound covers the lower.
                if second.multiplier > 1, lower.multiplier == 1, lower.value * second.multiplier <= second.value {
                    lower.value *= second.multiplier
                    lower.multiplier = second.multiplier
                }
            }
        }
        if first.yearLike, currencyBefore == nil, currencyAfter == nil { return (nil, index + 1) }
        if firstCurrency == nil { firstCurrency = secondCurrency }

        var statement = SalaryStatement(
            currency: firstCurrency, aboutPay: false,
            suffixed: lower.multiplier > 1 || (upper?.multiplier ?? 1) > 1)
        let before = wordsBefore(tokens, index: currencyBefore == nil ? index : index - 1)
        if let upper {
            statement.min = lower.value
            statement.max = upper.value
        } else if upperBoundPhrases.contains(where: { before.reversed().starts(with: $0.reversed()) }) {
            statement.max = lower.value
        } else if lowerBoundPhrases.contains(where: { before.reversed().starts(with: $0.reversed()) }) {
            statement.min = lower.value
        } else {
            statement.min = lower.value
            statement.max = lower.value
        }
        // "$120k+": an open upper bound.
        if upper == nil, statement.max != nil, statement.min != nil, end < tokens.count, tokens[end] == .plus,
            end + 1 == tokens.count || [.punctuation, .lineBreak].contains(tokens[end + 1])
        {
            statement.max = nil
        }
        // "₹12 LPA", "8-12 lakhs": Indian salaries in lakhs (100,000).
        if end < tokens.count, case .word(let word) = tokens[end], lakhWords.contains(word) {
            statement.min = statement.min.map { $0 * 100_000 }
            statement.max = statement.max.map { $0 * 100_000 }
            if word == "lpa" { statement.interval = .every(.year) }
            if statement.currency == nil { statement.currency = "INR" }
            end += 1
        }
        let (intervalAfter, payAfter) = trailingInterval(in: tokens, from: end)
        statement.interval =
            statement.interval ?? intervalAfter
            ?? before.suffix(6).reversed().lazy.compactMap { word in
                leadingIntervalWords.contains(word) ? SalaryPeriod.interval(named: word) : nil
            }.first
        statement.aboutPay =
            statement.interval != nil || payAfter || before.suffix(10).contains { payWords.contains($0) }
        return (statement, end)
    }

    /// "-", "–", "to", "bis"; "and" only after "between".
    private static func isRangeConnector(_ tokens: [Token], at index: Int, firstNumberAt start: Int) -> Bool {
        switch tokens[index] {
        case .dash: return true
        case .word(let word) where rangeWords.contains(word): return true
        case .word("and"), .word("und"):
            return wordsBefore(tokens, index: start).suffix(3).contains { $0 == "between" || $0 == "zwischen" }
        default: return false
        }
    }

    /// The period after an amount ("per year", "/hr", "an hour", "p.a.",
    /// "brutto/Jahr"), and whether a pay word came with it ("base salary").
    private static func trailingInterval(in tokens: [Token], from start: Int) -> (SalaryPeriod.Interval?, Bool) {
        var words: [(word: String, afterSlash: Bool)] = []
        var index = start
        var afterSlash = false
        while index < tokens.count, words.count < 5 {
            switch tokens[index] {
            case .word(let word):
                words.append((word, afterSlash))
                afterSlash = false
            case .slash:
                afterSlash = true
            case .punctuation, .currency:
                break
            case .number, .dash, .plus, .lineBreak:
                index = tokens.count
                continue
            }
            index += 1
        }
        var sawPayWord = false
        var position = 0
        while position < words.count {
            let word = words[position].word
            if position + 1 < words.count,
                let interval = SalaryPeriod.intervalWords["\(word) \(words[position + 1].word)"]
            {
                return (interval, true)
            }
            if word.count > 1 || words[position].afterSlash, let interval = SalaryPeriod.intervalWords[word] {
                return (interval, true)
            }
            if words[position].afterSlash, word == "h" { return (.every(.hour), true) }
            if payWords.contains(word) { sawPayWord = true }
            guard fillerWords.contains(word) else { break }
            position += 1
        }
        return (nil, sawPayWord)
    }

    /// Up to ten words before `index` on the same line, nearest last.
    private static func wordsBefore(_ tokens: [Token], index: Int) -> [String] {
        var words: [String] = []
        var position = index - 1
        var seen = 0
        while position >= 0, seen < 14, words.count < 10 {
            if case .lineBreak = tokens[position] { break }
            if case .word(let word) = tokens[position] { words.append(word) }
            position -= 1
            seen += 1
        }
        return words.reversed()
    }

    private static func currency(in tokens: [Token], at index: Int) -> String? {
        guard index >= 0, index < tokens.count, case .currency(let code) = tokens[index] else { return nil }
        return code
    }

    /// After "555-123-4567" or a number opened by "+": where its digits end.
    private static func phoneNumberEnd(in tokens: [Token], at index: Int) -> Int? {
        if index > 0, tokens[index - 1] == .plus {
            var end = index + 1
            while end < tokens.count {
                if case .number = tokens[end] {
                    end += 1
                } else if tokens[end] == .dash, end + 1 < tokens.count, case .number = tokens[end + 1] {
                    end += 1
                } else {
                    break
                }
            }
            return end
        }
        guard index + 4 < tokens.count, tokens[index + 1] == .dash, tokens[index + 3] == .dash else { return nil }
        for offset in [0, 2, 4] {
            guard case .number(let number) = tokens[index + offset], number.plain else { return nil }
        }
        return index + 5
    }

    // MARK: Tokens

    static let separators: Set<Unicode.Scalar> = [",", ".", "'", "’", "\u{00A0}", "\u{202F}", "\u{2009}"]
    static let dashes: Set<Unicode.Scalar> = ["-", "–", "—", "‒", "−", "~"]

    /// The tokens of one line. Reads Unicode scalars, with ASCII checked by
    /// value, so a long line costs little.
    static func tokens(in scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                tokens.append(.lineBreak)
                index += 1
            } else if isSpace(scalar) {
                index += 1
            } else if isDigit(scalar) {
                let (token, next) = number(in: scalars, at: index)
                tokens.append(token)
                index = next
            } else if isLetter(scalar) {
                var end = index
                while end < scalars.count, isLetter(scalars[end]) { end += 1 }
                let run = String(String.UnicodeScalarView(scalars[index..<end]))
                if end < scalars.count, scalars[end] == "$", let code = SalaryCurrency.symbols[run.uppercased() + "$"] {
                    tokens.append(.currency(code))
                    end += 1
                } else if let code = currencyWord(run) {
                    tokens.append(.currency(code))
                } else {
                    tokens.append(.word(run.lowercased()))
                }
                index = end
            } else if let code = SalaryCurrency.symbols[String(scalar)] {
                tokens.append(.currency(code))
                index += 1
            } else if dashes.contains(scalar) {
                tokens.append(.dash)
                index += 1
            } else if scalar == "/" {
                tokens.append(.slash)
                index += 1
            } else if scalar == "+" {
                tokens.append(.plus)
                index += 1
            } else {
                tokens.append(.punctuation)
                index += 1
            }
        }
        return tokens
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { (0x30...0x39).contains(scalar.value) }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A: true
        case 0...0x7F: false
        default: scalar.properties.isAlphabetic
        }
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar == " " || scalar == "\t" || scalar == "\u{0C}" : scalar.properties.isWhitespace
    }

    /// A code in capitals ("USD", not "usd", which may be a word), "zł", "Kč", or "euros".
    private static func currencyWord(_ run: String) -> String? {
        if run.utf8.count == 3, run == run.uppercased(), SalaryCurrency.codes.contains(run) {
            return run == "RMB" ? "CNY" : run
        }
        if let symbol = SalaryCurrency.symbols[run] { return symbol }
        return SalaryCurrency.words[run.lowercased()]
    }

    /// The number at `start` with its separators and "k"/"M" suffix, or
    /// punctuation when its grouping is not one a salary is written in.
    private static func number(in scalars: [Unicode.Scalar], at start: Int) -> (Token, Int) {
        var index = start
        while index < scalars.count {
            let scalar = scalars[index]
            let continues =
                isDigit(scalar)
                || (separators.contains(scalar) && index + 1 < scalars.count && isDigit(scalars[index + 1]))
                || spaceGroupFollows(scalars, at: index, numberStart: start)
            guard continues else { break }
            index += 1
        }
        // "45 000": a space between groups is a thousands separator.
        let raw = scalars[start..<index].map { $0 == " " ? "\u{00A0}" : $0 }
        guard let value = numericValue(raw) else { return (.punctuation, index) }
        var suffixEnd = index
        while suffixEnd < scalars.count, isLetter(scalars[suffixEnd]), suffixEnd - index < 4 { suffixEnd += 1 }
        let followedByLetter = suffixEnd < scalars.count && isLetter(scalars[suffixEnd])
        let suffix = followedByLetter ? "" : String(String.UnicodeScalarView(scalars[index..<suffixEnd])).lowercased()
        let multiplier: Double =
            switch suffix {
            case "k": 1_000
            case "m", "mn", "mio": 1_000_000
            default: 1
            }
        let plain = multiplier == 1 && raw.allSatisfy(isDigit)
        return (
            .number(Number(value: value * multiplier, multiplier: multiplier, plain: plain)),
            multiplier == 1 ? index : suffixEnd
        )
    }

    /// A space at `index` followed by exactly three digits, after a group of one
    /// to three digits: French and Swiss "45 000", not "5 100 people".
    private static func spaceGroupFollows(_ scalars: [Unicode.Scalar], at index: Int, numberStart: Int) -> Bool {
        guard scalars[index] == " ", index + 3 < scalars.count,
            (index + 1...index + 3).allSatisfy({ isDigit(scalars[$0]) })
        else { return false }
        if index + 4 < scalars.count, isDigit(scalars[index + 4]) { return false }
        var groupStart = index
        while groupStart > numberStart, isDigit(scalars[groupStart - 1]) { groupStart -= 1 }
        guard (1...3).contains(index - groupStart) else { return false }
        // The group before is the number's first, or itself follows a space.
        return groupStart == numberStart || scalars[groupStart - 1] == " "
    }

    /// Digits and separators as a value: "150,000" and "60.000" are thousands,
    /// "12.50" and "22,50" decimals, "1.234,56" and "1,234.56" both; "25,00,000"
    /// is Indian grouping. Nil when the grouping is not a number's.
    static func numericValue(_ raw: some Collection<Unicode.Scalar>) -> Double? {
        var groups: [String.UnicodeScalarView] = [String.UnicodeScalarView()]
        var marks: [Unicode.Scalar] = []
        for scalar in raw {
            if isDigit(scalar) {
                groups[groups.count - 1].append(scalar)
            } else {
                marks.append(scalar)
                groups.append(String.UnicodeScalarView())
            }
        }
        var integerGroups = groups
        var fraction = String.UnicodeScalarView()
        if let last = marks.last, last == "." || last == "," {
            let lastIsOnly = marks.filter { $0 == last }.count == 1
            let mixed = Set(marks).count > 1
            let lastGroup = groups[groups.count - 1]
            if mixed ? lastIsOnly : (lastIsOnly && lastGroup.count != 3) {
                guard (1...2).contains(lastGroup.count) else { return nil }
                fraction = lastGroup
                integerGroups.removeLast()
                marks.removeLast()
            }
        }
        if integerGroups.count > 1 {
            let sizes = integerGroups.map(\.count)
            let western = (1...3).contains(sizes[0]) && sizes.dropFirst().allSatisfy { $0 == 3 }
            let indian =
                marks.allSatisfy { $0 == "," } && (1...2).contains(sizes[0]) && sizes.last == 3
                && sizes.dropFirst().dropLast().allSatisfy { $0 == 2 }
            guard western || indian, Set(marks).count == 1 else { return nil }
        }
        let digits = integerGroups.map { String($0) }.joined() + (fraction.isEmpty ? "" : "." + String(fraction))
        return Double(digits)
    }
}
