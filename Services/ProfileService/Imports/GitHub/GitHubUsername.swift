import Foundation

/// GitHub's rules for account names, checked before any request so a typo or an
/// injection attempt never reaches the API (or a URL path).
enum GitHubUsername {
    static let maximumLength = 39

    /// The name without surrounding whitespace when it follows GitHub's rules:
    /// 1 to 39 ASCII letters, digits or hyphens, no hyphen first, last or twice in a row.
    static func validated(_ raw: String) -> String? {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let characters = Array(name.utf8)
        guard (1...maximumLength).contains(characters.count) else { return nil }
        guard characters.first != UInt8(ascii: "-"), characters.last != UInt8(ascii: "-") else { return nil }
        var previousWasHyphen = false
        for character in characters {
            switch character {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousWasHyphen = false
            case UInt8(ascii: "-"):
                if previousWasHyphen { return nil }
                previousWasHyphen = true
            default:
                return nil
            }
        }
        return name
    }
}
