/// A date or a date range found in a line of résumé text.
struct DateSpan: Sendable, Equatable {
    var start: ResumeDate?
    var end: ResumeDate?
    /// Ends with "Present", "heute", "now"; opens with "seit"/"since"; or is left open ("2020 –").
    var isCurrent: Bool
    /// Two dates, or a date and "present": the shape of a job's period.
    var isRange: Bool
    /// Character offsets in the line, with a following duration ("(4 years 11 months)")
    /// and enclosing brackets.
    var range: Range<Int>
}

/// Finds the dates résumés write, in English and German: "Jan 2020 – Present",
/// "January 2020 - Present (4 years 11 months)", "03/2018 - 12/2019", "2016–2018",
/// "2016–18", "Sept. 2019 – Mar 2021", "05/2015 to 08/2016", "2019/05 – present",
/// "März 2019 – heute", "seit 01/2020", "01.2018 bis 12.2019", "Mar '21".
/// One left-to-right pass over the line's tokens; nothing backtracks.
enum DateScanner {
    static func spans(in text: String, referenceYear: Int) -> [DateSpan] {
        let scanner = Scanner(tokens: tokens(of: text), latestYear: referenceYear + 10)
        return scanner.spans()
    }

    /// Whether the text is only a length of time: "5 years 2 months", "2 yrs", "1 Jahr 3 Monate".
    static func isDurationOnly(_ text: String) -> Bool {
        let tokens = tokens(of: text)
        guard !tokens.isEmpty else { return false }
        let scanner = Scanner(tokens: tokens, latestYear: 3000)
        return scanner.duration(at: 0).map { $0 == tokens.count } ?? false
    }

    static let months: [String: Int] = [
        "jan": 1, "january": 1, "januar": 1, "jänner": 1, "jaenner": 1, "feb": 2, "febr": 2, "february": 2,
        "februar": 2, "mar": 3, "mär": 3, "märz": 3, "maerz": 3, "mrz": 3, "march": 3, "apr": 4, "april": 4,
        "may": 5, "mai": 5, "jun": 6, "june": 6, "juni": 6, "jul": 7, "july": 7, "juli": 7, "aug": 8, "august": 8,
        "sep": 9, "sept": 9, "september": 9, "oct": 10, "okt": 10, "october": 10, "oktober": 10, "nov": 11,
        "november": 11, "dec": 12, "dez": 12, "december": 12, "dezember": 12,
    ]
    /// "Summer 2014": the year is all a season says.
    static let seasons: Set<String> = [
        "spring", "summer", "fall", "autumn", "winter", "frühjahr", "frühling", "sommer", "herbst", "wintersemester",
        "sommersemester", "ws", "ss",
    ]
    static let presentWords: Set<String> = [
        "present", "current", "currently", "now", "today", "ongoing", "heute", "aktuell", "jetzt", "dato", "laufend",
        "gegenwärtig", "derzeit", "date",
    ]
    static let connectorWords: Set<String> = ["to", "till", "til", "until", "through", "thru", "bis"]
    static let connectorSymbols: Set<String> = ["-", "–", "—", "‒", "―", "−", "~", "→"]
    static let openingWords: Set<String> = ["seit", "since", "ab"]
    static let durationUnits: Set<String> = [
        "year", "years", "yr", "yrs", "month", "months", "mo", "mos", "mth", "mths", "jahr", "jahre", "jahren",
        "monat", "monate", "monaten", "mnt",
    ]
    static let durationFillers: Set<String> = [
        "less", "than", "a", "an", "about", "ca", "and", "und", "weniger", "als",
    ]

    struct Token {
        enum Kind { case word, number, symbol }
        var kind: Kind
        var text: String
        var start: Int
        var end: Int
    }

    static func tokens(of text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var kind = Token.Kind.word
        var start = 0
        var offset = 0
        func flush() {
            if !current.isEmpty { tokens.append(Token(kind: kind, text: current, start: start, end: offset)) }
            current = ""
        }
        for character in text {
            // ASCII first: most résumé text is, and Unicode property look-ups are not cheap.
            let ascii = character.asciiValue
            let isLetter = ascii.map { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) } ?? character.isLetter
            let isDigit = ascii.map { (0x30...0x39).contains($0) } ?? false
            if isLetter {
                if kind != .word { flush() }
                if current.isEmpty { start = offset }
                kind = .word
                if let ascii {
                    current.unicodeScalars.append(Unicode.Scalar(ascii | (ascii < 0x61 ? 0x20 : 0)))
                } else {
                    current += character.lowercased()
                }
            } else if isDigit {
                if kind != .number { flush() }
                if current.isEmpty { start = offset }
                kind = .number
                current.append(character)
            } else {
                flush()
                if ascii != 0x20, !character.isWhitespace {
                    tokens.append(Token(kind: .symbol, text: String(character), start: offset, end: offset + 1))
                }
            }
            offset += 1
        }
        flush()
        return tokens
    }

    struct Scanner {
        let tokens: [Token]
        let latestYear: Int

        func spans() -> [DateSpan] {
            var spans: [DateSpan] = []
            var index = 0
            while index < tokens.count {
                if let (span, next) = span(at: index) {
                    spans.append(span)
                    index = max(next, index + 1)
                } else {
                    index += 1
                }
            }
            return spans
        }

        private func adjacent(_ first: Int, _ second: Int) -> Bool {
            first >= 0 && second < tokens.count && tokens[first].end == tokens[second].start
        }

        private func isYear(_ index: Int) -> Int? {
            guard index < tokens.count, tokens[index].kind == .number, tokens[index].text.count == 4,
                let year = Int(tokens[index].text), (1940...latestYear).contains(year)
            else { return nil }
            return year
        }

        private func number(_ index: Int, digits: ClosedRange<Int>) -> Int? {
            guard index < tokens.count, tokens[index].kind == .number, digits.contains(tokens[index].text.count)
            else { return nil }
            return Int(tokens[index].text)
        }

        private func isSymbol(_ index: Int, _ symbols: String) -> Bool {
            index < tokens.count && tokens[index].kind == .symbol && symbols.contains(tokens[index].text)
        }

        /// A date at `index`: the date, the index after it, and whether it is a month without a year.
        func date(at index: Int) -> (date: ResumeDate, next: Int, monthOnly: Bool)? {
            let token = tokens[index]
            // Glued to a word on the left ("Q2019", "v2020") is not a date.
            if index > 0, adjacent(index - 1, index), tokens[index - 1].kind == .word { return nil }
            switch token.kind {
            case .word:
                if seasons.contains(token.text), let year = isYear(index + 1), !gluedOnRight(index + 1) {
                    return (ResumeDate(year: year), index + 2, false)
                }
                guard let month = months[token.text] else { return nil }
                var next = index + 1
                if isSymbol(next, "."), adjacent(index, next) { next += 1 }
                if isSymbol(next, ",") { next += 1 }
                if let year = isYear(next), !gluedOnRight(next) {
                    return (ResumeDate(year: year, month: month), next + 1, false)
                }
                if isSymbol(next, "'’"), let short = number(next + 1, digits: 2...2), adjacent(next, next + 1) {
                    let year = short + (2000 + short <= latestYear ? 2000 : 1900)
                    return (ResumeDate(year: year, month: month), next + 2, false)
                }
                return (ResumeDate(year: 0, month: month), index + 1, true)
            case .number:
                // "1.000.000", "2,019": a part of a bigger number.
                if index > 1, isSymbol(index - 1, ".,"), adjacent(index - 1, index), adjacent(index - 2, index - 1),
                    tokens[index - 2].kind == .number
                {
                    return nil
                }
                if let year = isYear(index) {
                    let separator = index + 1
                    if isSymbol(separator, "/-."), adjacent(index, separator),
                        let month = number(separator + 1, digits: 1...2), adjacent(separator, separator + 1),
                        (1...12).contains(month), tokens[separator].text != "-" || tokens[separator + 1].text.count == 2
                    {
                        var next = separator + 2
                        // "2019-05-14": the day adds nothing a résumé needs.
                        if isSymbol(next, "-"), number(next + 1, digits: 2...2) != nil, adjacent(next, next + 1) {
                            next += 2
                        }
                        return (ResumeDate(year: year, month: month), next, false)
                    }
                    if gluedOnRight(index) { return nil }
                    return (ResumeDate(year: year), index + 1, false)
                }
                guard let first = number(index, digits: 1...2), isSymbol(index + 1, "/.-"), adjacent(index, index + 1)
                else { return nil }
                // "15.03.2018": day, month, year.
                if let month = number(index + 2, digits: 1...2), adjacent(index + 1, index + 2),
                    isSymbol(index + 3, "./-"), adjacent(index + 2, index + 3), let year = isYear(index + 4),
                    adjacent(index + 3, index + 4), (1...12).contains(month), (1...31).contains(first)
                {
                    return (ResumeDate(year: year, month: month), index + 5, false)
                }
                if (1...12).contains(first), let year = isYear(index + 2), adjacent(index + 1, index + 2),
                    !gluedOnRight(index + 2)
                {
                    return (ResumeDate(year: year, month: first), index + 3, false)
                }
                return nil
            case .symbol:
                return nil
            }
        }

        /// A year glued to letters or more digits on its right ("2019er", "2019.5").
        private func gluedOnRight(_ index: Int) -> Bool {
            guard index + 1 < tokens.count, adjacent(index, index + 1) else { return false }
            let next = tokens[index + 1]
            if next.kind == .word || next.kind == .number { return true }
            if next.kind == .symbol, next.text == "." || next.text == ",", index + 2 < tokens.count,
                tokens[index + 2].kind == .number, adjacent(index + 1, index + 2)
            {
                return true
            }
            return false
        }

        private func isConnector(_ index: Int) -> Bool {
            guard index < tokens.count else { return false }
            let token = tokens[index]
            return token.kind == .symbol ? connectorSymbols.contains(token.text) : connectorWords.contains(token.text)
        }

        /// "Present", "heute", "to date", "bis dato": the index after it.
        private func present(at index: Int) -> Int? {
            guard index < tokens.count, tokens[index].kind == .word, presentWords.contains(tokens[index].text) else {
                return nil
            }
            return index + 1
        }

        func span(at index: Int) -> (DateSpan, Int)? {
            var first = index
            var opening = false
            if tokens[index].kind == .word, openingWords.contains(tokens[index].text) {
                opening = true
                first = index + 1
                guard first < tokens.count else { return nil }
            } else if tokens[index].kind == .word, tokens[index].text == "from" || tokens[index].text == "von" {
                first = index + 1
                guard first < tokens.count, date(at: first)?.monthOnly == false else { return nil }
            }
            guard let (startDate, afterStart, monthOnly) = date(at: first) else { return nil }
            var start = startDate
            if opening {
                guard !monthOnly else { return nil }
                return finish(
                    DateSpan(start: start, end: nil, isCurrent: true, isRange: true, range: 0..<0), from: index,
                    to: afterStart)
            }
            var next = afterStart
            if isConnector(next) {
                var after = next + 1
                // "- bis", "to –": doubled connectors.
                if isConnector(after) { after += 1 }
                if let end = present(at: after) {
                    if monthOnly { return nil }
                    return finish(
                        DateSpan(start: start, end: nil, isCurrent: true, isRange: true, range: 0..<0),
                        from: first, to: end)
                }
                if after < tokens.count, let (endDate, afterEnd, endMonthOnly) = date(at: after), !endMonthOnly {
                    if monthOnly {
                        // "Jan – Mar 2020": the start shares the end's year.
                        guard let month = start.month, let endMonth = endDate.month else { return nil }
                        start = ResumeDate(year: month <= endMonth ? endDate.year : endDate.year - 1, month: month)
                    }
                    return finish(
                        DateSpan(start: start, end: endDate, isCurrent: false, isRange: true, range: 0..<0),
                        from: first, to: afterEnd)
                }
                if monthOnly { return nil }
                // "2016–18".
                if start.month == nil, let short = number(after, digits: 2...2), !gluedOnRight(after) {
                    var year = start.year - start.year % 100 + short
                    if year < start.year { year += 100 }
                    if year - start.year <= 60 {
                        return finish(
                            DateSpan(
                                start: start, end: ResumeDate(year: year), isCurrent: false, isRange: true,
                                range: 0..<0),
                            from: first, to: after + 1)
                    }
                }
                // "2020 –" with nothing after: still running.
                if after >= tokens.count || isSymbol(after, ")|]") {
                    if tokens[next].kind == .symbol {
                        return finish(
                            DateSpan(start: start, end: nil, isCurrent: true, isRange: true, range: 0..<0),
                            from: first, to: next + 1)
                    }
                }
                next = afterStart
            }
            if monthOnly { return nil }
            return finish(
                DateSpan(start: start, end: nil, isCurrent: false, isRange: false, range: 0..<0), from: first,
                to: next)
        }

        /// The span's character range, stretched over a following duration and enclosing brackets.
        private func finish(_ span: DateSpan, from first: Int, to next: Int) -> (DateSpan, Int) {
            var span = span
            var end = next
            var probe = end
            if isSymbol(probe, "(·|,•-–") { probe += 1 }
            if let afterDuration = duration(at: probe) {
                end = afterDuration
                if isSymbol(end, ")") { end += 1 }
            }
            var lower = tokens[first].start
            var upper = tokens[end - 1].end
            if first > 0, isSymbol(first - 1, "(["), isSymbol(end, ")]") {
                lower = tokens[first - 1].start
                upper = tokens[end].end
                end += 1
            }
            if first > 0, tokens[first - 1].kind == .word,
                openingWords.contains(tokens[first - 1].text)
                    || tokens[first - 1].text == "from" || tokens[first - 1].text == "von"
            {
                lower = min(lower, tokens[first - 1].start)
            }
            span.range = lower..<upper
            return (span, end)
        }

        /// A length of time at `index` ("4 years 11 months", "2 Jahre"): the index after it.
        func duration(at index: Int) -> Int? {
            var position = index
            var units = 0
            while position < tokens.count {
                let token = tokens[position]
                if token.kind == .number, token.text.count <= 2 {
                    position += 1
                } else if token.kind == .word, durationUnits.contains(token.text) {
                    units += 1
                    position += 1
                    if isSymbol(position, "."), adjacent(position - 1, position) { position += 1 }
                } else if token.kind == .word, durationFillers.contains(token.text) {
                    position += 1
                } else if token.kind == .symbol, token.text == "+" || token.text == "," {
                    position += 1
                } else {
                    break
                }
            }
            return units > 0 ? position : nil
        }
    }
}
