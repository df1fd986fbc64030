/// How levels 1 (aware) … 5 (expert) are read from what people and postings
/// write: years of experience, seniority words and proficiency words. One table
/// for résumés and job descriptions, so "5+ years" means the same on both sides.
public enum ExperienceLevels {
    /// Years of experience → level:
    ///
    /// | years      | level | e.g. a posting's |
    /// |------------|-------|------------------|
    /// | under 1    | 1     |                  |
    /// | 1 to < 2   | 2     | "1+ years"       |
    /// | 2 to < 4   | 3     | "2+", "3+ years" |
    /// | 4 to < 7   | 4     | "5+ years"       |
    /// | 7 and more | 5     | "8+", "10+ years"|
    public static func level(forYears years: Double) -> Int {
        switch years {
        case ..<1: 1
        case ..<2: 2
        case ..<4: 3
        case ..<7: 4
        default: 5
        }
    }

    /// Seniority words in titles and postings → the level they ask for.
    public static let seniority: [String: Int] = [
        "intern": 1, "internship": 1, "trainee": 1, "apprentice": 1,
        "junior": 2, "jr": 2, "entry": 2, "graduate": 2, "associate": 2,
        "mid": 3, "intermediate": 3,
        "senior": 4, "sr": 4, "snr": 4, "lead": 4,
        "staff": 5, "principal": 5, "distinguished": 5,
    ]

    /// The highest seniority the words name ("Senior Staff Engineer" → 5), or nil.
    public static func seniorityLevel(in words: [String]) -> Int? {
        words.compactMap { seniority[$0] }.max()
    }

    /// JSON Resume's free-text skill `level` ("Master", "Advanced", "4/5") → a level.
    public static func proficiencyLevel(_ text: String) -> Int? {
        let words = TextWords.words(text)
        if let first = words.first, let number = Int(first), (1...5).contains(number) { return number }
        for word in words {
            if let level = proficiencyWords[word] { return level }
        }
        return nil
    }

    public static let proficiencyWords: [String: Int] = [
        "master": 5, "expert": 5, "fluent": 5, "native": 5,
        "advanced": 4, "proficient": 4, "strong": 4, "senior": 4,
        "intermediate": 3, "competent": 3, "working": 3, "experienced": 3,
        "elementary": 2, "basic": 2, "familiar": 2, "junior": 2,
        "beginner": 1, "novice": 1, "aware": 1, "awareness": 1, "learning": 1,
    ]

    /// The lower bound of every "N years" phrase in the words: "5+ years", "3-5 years"
    /// (3), "at least 4 years", "5 or more years", "two years".
    public static func yearsMentioned(in words: [String]) -> [Double] {
        var found: [Double] = []
        for (index, word) in words.enumerated() where ["year", "years", "yrs", "yr"].contains(word) {
            var cursor = index - 1
            if cursor >= 1, words[cursor] == "more", words[cursor - 1] == "or" { cursor -= 2 }
            guard cursor >= 0, var value = number(words[cursor]) else { continue }
            // "3-5 years" and "3 to 5 years": the lower bound.
            if cursor >= 1, let lower = number(words[cursor - 1]) {
                value = min(value, lower)
            } else if cursor >= 2, words[cursor - 1] == "to", let lower = number(words[cursor - 2]) {
                value = min(value, lower)
            }
            found.append(value)
        }
        return found
    }

    public static func number(_ word: String) -> Double? {
        if let value = Double(word), value >= 0, value < 60 { return value }
        return numberWords[word]
    }

    public static let numberWords: [String: Double] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "twelve": 12, "fifteen": 15,
    ]
}
