import SkillMatching

/// How close a posting's title is to the titles a person aims for, by the word
/// overlap `RoleTitleMatcher` uses to match titles to roles: words normalised
/// ("Sr." is senior, "developer" is engineer, "back end" is backend), Jaccard
/// overlap |a ∩ b| ÷ |a ∪ b|, the better of the titles as written and without
/// seniority words ("Senior iOS Engineer" is "ios engineer"). Sharing only
/// generic words ("engineer", "manager") counts for nothing, as in the matcher,
/// unless the titles are the same.
struct TitleSimilarity: Sendable {
    struct Match: Sendable, Equatable {
        /// 0 … 1.
        var similarity: Double
        /// The person's title it is closest to.
        var phrase: RecommendationProfile.TitlePhrase
    }

    private struct Phrase: Sendable {
        var phrase: RecommendationProfile.TitlePhrase
        var asWritten: Set<String>
        var withoutSeniority: Set<String>
    }

    private let phrases: [Phrase]
    /// Text a posting title must contain to share a word that counts with one
    /// of the person's titles: their words that are not generic (a joined
    /// compound by its first part, "back" for "backend"). Nil when some title
    /// has only generic words, which can still match exactly.
    private let needles: [[UInt8]]?

    init(_ titles: [RecommendationProfile.TitlePhrase]) {
        phrases = titles.map { title in
            let words = Set(RoleTitleMatcher.words(title.text))
            return Phrase(phrase: title, asWritten: words, withoutSeniority: Self.withoutSeniority(words))
        }
        var needles: [[UInt8]]? = []
        for phrase in phrases {
            let distinctive = phrase.asWritten.filter { !RoleTitleMatcher.genericWords.contains($0) }
            guard !distinctive.isEmpty else {
                needles = nil
                break
            }
            for word in distinctive.sorted() {
                needles?.append(Array((RoleTitleMatcher.compounds.first { $0.2 == word }?.0 ?? word).utf8))
            }
        }
        self.needles = needles
    }

    /// Whether there is any title to compare with.
    var isEmpty: Bool { phrases.isEmpty }

    /// The closest of the person's titles; nil when they have none.
    func match(_ title: String) -> Match? {
        guard let first = phrases.first else { return nil }
        // Most candidates share no word that counts: a text search settles
        // them without splitting the title into words (ASCII titles, where
        // lowercasing the whole title is lowercasing each word).
        if let needles, title.utf8.allSatisfy({ $0 < 0x80 }) {
            let lowercased = Array(title.lowercased().utf8)
            if !needles.contains(where: { Self.bytes(lowercased, contain: $0) }) {
                return Match(similarity: 0, phrase: first.phrase)
            }
        }
        let asWritten = Set(RoleTitleMatcher.words(title))
        let withoutSeniority = Self.withoutSeniority(asWritten)
        var best: Match?
        for phrase in phrases {
            let similarity = max(
                Self.overlap(asWritten, phrase.asWritten),
                Self.overlap(withoutSeniority, phrase.withoutSeniority))
            if similarity > best?.similarity ?? -1 { best = Match(similarity: similarity, phrase: phrase.phrase) }
        }
        return best
    }

    /// Whether `needle` occurs in `haystack`: titles are short, and comparing
    /// bytes costs a fraction of the generic `String.contains`.
    static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start] == needle[0] && haystack[start..<start + needle.count].elementsEqual(needle) {
            return true
        }
        return false
    }

    static func overlap(_ first: Set<String>, _ second: Set<String>) -> Double {
        guard !first.isEmpty, !second.isEmpty else { return 0 }
        let shared = first.intersection(second)
        if first == second { return 1 }
        guard shared.contains(where: { !RoleTitleMatcher.genericWords.contains($0) }) else { return 0 }
        return Double(shared.count) / Double(first.union(second).count)
    }

    static func withoutSeniority(_ words: Set<String>) -> Set<String> {
        words.filter { !RoleTitleMatcher.seniorityOnly.contains($0) }
    }

    /// The words of each searched title that say which job (not how senior,
    /// not generic), as `RoleTitleMatcher.words` reads them ("back end" is
    /// "backend"): a posting whose title has any of them is a candidate.
    static func searchedWords(_ titles: [RecommendationProfile.TitlePhrase], limit: Int = 8) -> [String] {
        var words: [String] = []
        for title in titles where title.searched {
            for word in RoleTitleMatcher.words(title.text)
            where !RoleTitleMatcher.genericWords.contains(word) && !RoleTitleMatcher.seniorityOnly.contains(word)
                && !words.contains(word)
            {
                words.append(word)
            }
        }
        return Array(words.prefix(limit))
    }
}
