import Foundation

/// A repository search's `q` as GitHub reads it: free words (matched in the
/// name, description and topics) and the qualifiers `topic:`, `language:`
/// (a Linguist name or alias: `cpp`, `csharp`, `"C++"`), `stars:` (`>=50`,
/// `>50`, `<10`, `10..50`, `10..*`, `42`), `archived:`, `fork:` (`true`
/// includes forks, `only` wants them; without it forks are left out, as on
/// GitHub), `user:`/`org:`, and `is:public`.
struct FakeGitHubSearchQuery: Sendable {
    var words: [String] = []
    var topics: [String] = []
    var languages: [String] = []
    var stars: ClosedRange<Int>?
    var archived: Bool?
    var forks = "false"
    var owners: [String] = []

    /// Linguist aliases GitHub accepts for `language:`, to the language's name (lowercased).
    static let languageAliases: [String: String] = [
        "cpp": "c++", "csharp": "c#", "fsharp": "f#", "objc": "objective-c", "sh": "shell", "bash": "shell",
        "golang": "go", "js": "javascript", "ts": "typescript", "py": "python", "rb": "ruby",
    ]

    /// Nil for a query with nothing in it (GitHub answers 422).
    init?(_ text: String) {
        let terms = Self.terms(text)
        guard !terms.isEmpty else { return nil }
        for term in terms {
            guard let colon = term.firstIndex(of: ":") else {
                words.append(term.lowercased())
                continue
            }
            let name = term[..<colon].lowercased()
            let value = String(term[term.index(after: colon)...]).trimmingCharacters(
                in: CharacterSet(charactersIn: "\""))
            switch name {
            case "topic": topics.append(value.lowercased())
            case "language": languages.append(Self.language(value))
            case "stars": stars = Self.range(value)
            case "archived": archived = value.lowercased() == "true"
            case "fork": forks = value.lowercased()
            case "user", "org": owners.append(value.lowercased())
            case "is": continue
            default: words.append(term.lowercased())
            }
        }
    }

    func matches(_ repository: FakeGitHub.Repository, owner: FakeGitHub.User) -> Bool {
        let topicSet = Set(repository.topics.map { $0.lowercased() })
        let language = repository.language.map { Self.language($0) }
        let haystack = ([repository.name, repository.description ?? ""] + repository.topics).joined(separator: " ")
            .lowercased()
        if !topics.allSatisfy(topicSet.contains) { return false }
        if !languages.isEmpty, !languages.contains(where: { $0 == language }) { return false }
        if let stars, !stars.contains(repository.stars) { return false }
        if let archived, repository.archived != archived { return false }
        switch forks {
        case "only": if !repository.fork { return false }
        case "true": break
        default: if repository.fork { return false }
        }
        if !owners.isEmpty, !owners.contains(owner.login.lowercased()) { return false }
        return words.allSatisfy(haystack.contains)
    }

    static func language(_ value: String) -> String {
        let lowered = value.lowercased()
        return languageAliases[lowered] ?? lowered
    }

    /// `>=50`, `>50`, `<=9`, `<10`, `10..50`, `10..*`, `*..10`, `42`.
    static func range(_ value: String) -> ClosedRange<Int>? {
        if value.hasPrefix(">=") { return Int(value.dropFirst(2)).map { $0...Int.max } }
        if value.hasPrefix(">") { return Int(value.dropFirst()).map { ($0 + 1)...Int.max } }
        if value.hasPrefix("<=") { return Int(value.dropFirst(2)).map { Int.min...$0 } }
        if value.hasPrefix("<") { return Int(value.dropFirst()).map { Int.min...($0 - 1) } }
        let bounds = value.components(separatedBy: "..")
        if bounds.count == 2 {
            let lower = bounds[0] == "*" ? Int.min : Int(bounds[0])
            let upper = bounds[1] == "*" ? Int.max : Int(bounds[1])
            guard let lower, let upper, lower <= upper else { return nil }
            return lower...upper
        }
        return Int(value).map { $0...$0 }
    }

    /// Whitespace-separated terms; a double-quoted stretch stays one term.
    static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if character.isWhitespace, !quoted {
                if !current.isEmpty { terms.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { terms.append(current) }
        return terms
    }
}
