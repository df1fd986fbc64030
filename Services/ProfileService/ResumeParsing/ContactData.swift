/// E-mail addresses, phone numbers and web addresses in a line, found by bounded
/// character scans (no regular expressions, so a hostile line stays linear).
enum ContactData {
    /// The first e-mail address in the text.
    static func email(in text: String) -> String? {
        let characters = Array(text)
        for (index, character) in characters.enumerated() where character == "@" {
            var start = index
            while start > 0, index - start < 64, isLocalCharacter(characters[start - 1]) { start -= 1 }
            var end = index + 1
            while end < characters.count, end - index < 255, isDomainCharacter(characters[end]) { end += 1 }
            while end > index + 1, characters[end - 1] == "." || characters[end - 1] == "-" { end -= 1 }
            guard start < index, end > index + 1 else { continue }
            let domain = characters[(index + 1)..<end]
            guard let dot = domain.lastIndex(of: "."), dot > index + 1,
                domain[(dot + 1)...].count >= 2, domain[(dot + 1)...].allSatisfy(\.isLetter)
            else { continue }
            return String(characters[start..<end])
        }
        return nil
    }

    private static func isLocalCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "._%+-".contains(character))
    }

    private static func isDomainCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || ".-".contains(character))
    }

    static let topLevelDomains: Set<String> = [
        "com", "org", "net", "io", "dev", "de", "app", "me", "co", "ai", "eu", "ch", "at", "uk", "info", "xyz", "tech",
        "page", "site", "blog", "online", "cloud", "design", "codes", "sh", "so", "fr", "nl", "es", "it", "pl", "se",
        "us", "ca", "in", "work", "software", "digital", "studio",
    ]

    /// The web addresses in the text ("https://…", "www.…", "github.com/jane",
    /// "jane.dev"), without trailing punctuation.
    static func urls(in text: String) -> [String] {
        var found: [String] = []
        for raw in text.split(whereSeparator: { $0 == " " || $0 == "|" || $0 == "," || $0 == ";" || $0 == "·" }) {
            var token = Substring(raw)
            while let first = token.first, "(<[\"'".contains(first) { token = token.dropFirst() }
            while let last = token.last, ")>].,;:\"'".contains(last) { token = token.dropLast() }
            if isURL(token) { found.append(String(token)) }
        }
        return found
    }

    static func isURL(_ token: some StringProtocol) -> Bool {
        guard token.count >= 4, token.count <= 300, !token.contains("@") else { return false }
        let lowered = token.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("www.") { return true }
        let host = lowered.split(separator: "/", maxSplits: 1).first ?? ""
        let labels = host.split(separator: ".")
        guard labels.count >= 2, let tld = labels.last, topLevelDomains.contains(String(tld)),
            labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } })
        else { return false }
        // "Node.js" and "ASP.NET" are names, not hosts: a host has a known TLD and
        // is lower-case or carries a path.
        return token.contains("/") || token == lowered
    }

    /// The first phone number in the text: 7 to 15 digits in the characters phone
    /// numbers are written with, not a date or a range of years.
    static func phone(in text: String) -> String? {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let opens = character == "+" || character == "(" || character.isASCII && character.isNumber
            if !opens || index > 0 && (characters[index - 1].isLetter || characters[index - 1].isNumber) {
                index += 1
                continue
            }
            var end = index
            var digits = 0
            while end < characters.count, isPhoneCharacter(characters[end]) {
                if characters[end].isNumber { digits += 1 }
                end += 1
            }
            while end > index, !(characters[end - 1].isNumber || characters[end - 1] == ")") { end -= 1 }
            let candidate = String(characters[index..<end]).trimmingSpaces
            if (7...15).contains(digits), !looksLikeDate(candidate),
                end >= characters.count || !characters[end].isLetter
            {
                return candidate
            }
            index = max(end, index + 1)
        }
        return nil
    }

    private static func isPhoneCharacter(_ character: Character) -> Bool {
        (character.isASCII && character.isNumber) || " +-./()".contains(character)
    }

    private static func looksLikeDate(_ candidate: String) -> Bool {
        if candidate.hasPrefix("+") { return false }
        let spans = DateScanner.spans(in: candidate, referenceYear: 2100)
        return spans.contains { $0.range.count * 2 >= candidate.count }
    }

    /// The digits of a phone number, for comparing numbers written differently.
    static func digits(_ text: String) -> String { text.filter { $0.isASCII && $0.isNumber } }
}
