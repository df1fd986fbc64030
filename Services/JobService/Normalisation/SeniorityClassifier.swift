import SkillMatching

/// How senior a posting's title is. The individual-contributor words are
/// `ExperienceLevels.seniority`'s, so a title means the same level here as in
/// the AI service's analysis:
///
/// | title says                                                  | seniority   |
/// |-------------------------------------------------------------|-------------|
/// | Intern, Internship, Trainee, Apprentice, Praktikant, Werkstudent | intern |
/// | Director, Head of, VP, Vice President, Chief, CTO/CIO/…     | director    |
/// | Manager, Engineering Manager (not Product/Project/Program/Account Manager) | manager |
/// | Principal, Distinguished, Fellow                            | principal   |
/// | Lead, Tech Lead, Staff, or a roman IV/V ("Engineer IV")     | lead        |
/// | Senior, Sr, Snr, or III                                     | senior      |
/// | Mid, Mid-level, Intermediate, or II                         | mid         |
/// | Junior, Jr, Entry-level, Graduate, Associate, or I          | junior      |
///
/// The first row that matches wins, so "Senior Engineering Manager" is a
/// manager, "Associate Director" a director and "Senior Staff Engineer" lead.
/// Nil when the title says nothing ("Software Engineer", "Product Manager").
enum SeniorityClassifier {
    static let order = ["intern", "director", "manager", "principal", "lead", "senior", "mid", "junior"]

    static let directorPhrases: [[String]] = [
        ["director"], ["head", "of"], ["vp"], ["svp"], ["evp"], ["vice", "president"], ["chief"], ["cto"], ["cio"],
        ["ciso"], ["cpo"], ["cfo"], ["coo"], ["ceo"], ["cmo"],
    ]
    static let managerWords: Set<String> = ["manager", "managers", "mgr"]
    /// "Product Manager" and its kin manage a product or accounts, not people.
    static let nonManagingPrefixes: Set<String> = [
        "product", "project", "program", "programme", "account", "accounts", "success", "relationship",
        "community", "office", "case", "content", "campaign", "category", "release", "delivery",
    ]
    /// Words beyond `ExperienceLevels.seniority` that say a level.
    static let extraWords: [String: String] = [
        "praktikant": "intern", "praktikantin": "intern", "werkstudent": "intern", "werkstudentin": "intern",
        "fellow": "principal", "grad": "junior",
    ]
    static let romanNumerals: [String: String] = [
        "i": "junior", "ii": "mid", "iii": "senior", "iv": "lead", "v": "lead",
    ]

    static func classify(title: String) -> String? {
        let words = TextWords.words(title)
        guard !words.isEmpty else { return nil }
        var found: Set<String> = []
        if directorPhrases.contains(where: { TextWords.contains(words, phrase: $0) }) { found.insert("director") }
        for (index, word) in words.enumerated() {
            if managerWords.contains(word), index == 0 || !nonManagingPrefixes.contains(words[index - 1]) {
                found.insert("manager")
            }
            if let level = ExperienceLevels.seniority[word] {
                found.insert(name(ofSeniorityWord: word, level: level))
            }
            if let named = extraWords[word] { found.insert(named) }
            // A numeral after the role ("Engineer II"), never a title's first word.
            if index > 0, let named = romanNumerals[word] { found.insert(named) }
        }
        return order.first(where: found.contains)
    }

    /// `ExperienceLevels.seniority`'s word as a seniority name: its level, but
    /// "lead" and "staff" are lead and "principal"/"distinguished" principal.
    static func name(ofSeniorityWord word: String, level: Int) -> String {
        switch word {
        case "lead", "staff": return "lead"
        case "principal", "distinguished": return "principal"
        default:
            switch level {
            case ...1: return "intern"
            case 2: return "junior"
            case 3: return "mid"
            default: return "senior"
            }
        }
    }
}
