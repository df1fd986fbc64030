import Foundation

/// LinkedIn's export dates ("Jan 2020", "2019", "Mar 2018"; ISO and "03/2018"
/// in files a spreadsheet re-saved; German month names in a German export)
/// as the ISO 8601 partial dates JSON Resume uses: "2020-01", "2019".
enum LinkedInDate {
    /// The ISO partial date `text` means, or nil when it isn't one of the forms above.
    static func partialDate(_ text: String) -> String? {
        let words = text.replacingOccurrences(of: ".", with: " ").split(whereSeparator: \.isWhitespace)
        switch words.count {
        case 1:
            let word = String(words[0])
            if let year = year(word) { return pad(year, 4) }
            return numeric(word)
        case 2:
            guard let month = months[words[0].lowercased()], let year = year(String(words[1])) else { return nil }
            return "\(pad(year, 4))-\(pad(month, 2))"
        default:
            return nil
        }
    }

    /// "2020-03", "2020-03-14", "03/2018".
    private static func numeric(_ word: String) -> String? {
        if word.contains("/") {
            let parts = word.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count <= 2, let month = Int(parts[0]), (1...12).contains(month),
                let year = year(String(parts[1]))
            else { return nil }
            return "\(pad(year, 4))-\(pad(month, 2))"
        }
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), let year = year(String(parts[0])), parts[1].count == 2,
            let month = Int(parts[1]), (1...12).contains(month)
        else { return nil }
        if parts.count == 2 { return "\(pad(year, 4))-\(pad(month, 2))" }
        guard parts[2].count == 2, let day = Int(parts[2]), (1...daysIn(month, year)).contains(day) else { return nil }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// A four-digit year in a range a career can have.
    private static func year(_ word: String) -> Int? {
        guard word.count == 4, word.allSatisfy(\.isASCII), let year = Int(word), (1900...2100).contains(year) else {
            return nil
        }
        return year
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// English and German month names and abbreviations, lower-cased.
    private static let months: [String: Int] = {
        let names: [[String]] = [
            ["jan", "january", "januar", "jän", "jänner"], ["feb", "february", "februar"],
            ["mar", "march", "mär", "mrz", "märz"], ["apr", "april"], ["may", "mai"], ["jun", "june", "juni"],
            ["jul", "july", "juli"], ["aug", "august"], ["sep", "sept", "september"],
            ["oct", "october", "okt", "oktober"], ["nov", "november"], ["dec", "december", "dez", "dezember"],
        ]
        var months: [String: Int] = [:]
        for (index, words) in names.enumerated() {
            for word in words { months[word] = index + 1 }
        }
        return months
    }()
}
