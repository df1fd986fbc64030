import SkillMatching

/// The distinct strings of the indexed postings, numbered: companies, places,
/// skills, title words. Postings carry the numbers (`IndexedPosting`), so
/// building a snapshot, filtering and counting compare and index integers
/// rather than hash strings. Numbers are only ever added, so a posting
/// numbered against an older copy of the terms is still right in a newer one;
/// a replica restarting starts afresh.
struct SearchTerms: Sendable {
    /// Numbers strings in order of first appearance.
    struct Table: Sendable {
        private(set) var strings: [String] = []
        private(set) var numbers: [String: Int32] = [:]

        mutating func number(_ string: String) -> Int32 {
            if let known = numbers[string] { return known }
            let number = Int32(strings.count)
            strings.append(string)
            numbers[string] = number
            return number
        }

        subscript(number: Int32) -> String { strings[Int(number)] }
        var count: Int { strings.count }
    }

    /// Lower-cased companies, and companies as written.
    var companies = Table()
    var spellings = Table()
    var employmentTypes = Table()
    /// Lower-cased locations.
    var places = Table()
    var skills = Table()
    /// Title words as `RoleTitleMatcher.words` reads them.
    var titleWords = Table()
    /// Boards repeat titles: each distinct one is split into words once.
    private var wordsOfTitle: [String: [Int32]] = [:]

    /// The numbered words of `title`, each once.
    mutating func words(ofTitle title: String) -> [Int32] {
        if let known = wordsOfTitle[title] { return known }
        let words = Set(RoleTitleMatcher.words(title)).sorted().map { titleWords.number($0) }
        wordsOfTitle[title] = words
        return words
    }
}
