import Taxonomy

/// Finds the taxonomy role a free-text job title means, by word overlap with
/// role titles and aliases.
///
/// Titles are compared as word sets after normalising: lower case, "Sr." is
/// senior, "developer"/"dev"/"eng" are "engineer", "back end"/"back-end" is
/// "backend" (also front end, full stack). Each role scores the best Jaccard
/// overlap |query ∩ phrase| ÷ |query ∪ phrase| over its title and aliases, computed
/// for the query as written and for the query without seniority words ("Senior
/// Backend Engineer" is "backend engineer"), so "Staff Engineer" still finds the
/// staff role. A match needs an overlap of at least 0.5 and, unless the phrase is
/// matched exactly, a shared word that is not generic ("engineer", "manager", …),
/// so "Marine Engineer" or "Manager" match nothing. Ties go to the as-written
/// query, then more shared words, then the role id.
public struct RoleTitleMatcher: Sendable {
    public struct Match: Sendable, Equatable {
        public var roleId: String
        public var title: String
        /// Seniority the title asks for: its seniority word, else the role's level.
        public var level: Int
        public var overlap: Double
    }

    public static let minimumOverlap = 0.5

    public static let genericWords: Set<String> = [
        "engineer", "engineering", "specialist", "analyst", "manager", "designer", "administrator", "architect",
        "scientist", "consultant", "officer", "technician", "development", "senior", "junior", "lead",
    ]

    public static let stopWords: Set<String> = ["the", "a", "an", "of", "and", "for", "in", "at", "to", "with", "on"]

    public static let synonyms: [String: String] = [
        "developer": "engineer", "dev": "engineer", "eng": "engineer", "sr": "senior", "snr": "senior",
        "jr": "junior",
    ]

    public static let compounds: [(String, String, String)] = [
        ("back", "end", "backend"), ("front", "end", "frontend"), ("full", "stack", "fullstack"),
    ]

    /// Words that say how senior, not which role; roman numerals as in "Engineer II".
    public static let seniorityOnly: Set<String> = Set(ExperienceLevels.seniority.keys).union([
        "level", "i", "ii", "iii", "iv",
    ])

    private struct Phrase: Sendable {
        public var roleId: String
        public var words: Set<String>
    }

    private let phrases: [Phrase]
    private let taxonomy: Taxonomy

    public init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        var phrases: [Phrase] = []
        for id in taxonomy.roles.keys.sorted() {
            guard let role = taxonomy.role(id) else { continue }
            for text in [role.title] + role.aliases {
                let words = Set(Self.words(text))
                if !words.isEmpty { phrases.append(Phrase(roleId: id, words: words)) }
            }
        }
        self.phrases = phrases
    }

    public static func words(_ text: String) -> [String] {
        var words = TextWords.words(text).map { synonyms[$0] ?? $0 }.filter { !stopWords.contains($0) }
        for (first, second, joined) in compounds {
            var index = 0
            while index + 1 < words.count {
                if words[index] == first, words[index + 1] == second {
                    words.replaceSubrange(index...index + 1, with: [joined])
                }
                index += 1
            }
        }
        return words
    }

    public func match(_ title: String) -> Match? {
        let written = Self.words(title)
        let asWritten = Set(written)
        let withoutSeniority = asWritten.filter { !Self.seniorityOnly.contains($0) }
        guard !asWritten.isEmpty else { return nil }

        struct Candidate {
            var phrase: Phrase
            var overlap: Double
            var asWritten: Bool
            var shared: Int
        }
        var best: Candidate?
        for phrase in phrases {
            for (query, isAsWritten) in [(asWritten, true), (withoutSeniority, false)] where !query.isEmpty {
                let shared = query.intersection(phrase.words)
                let overlap = Double(shared.count) / Double(query.union(phrase.words).count)
                guard overlap >= Self.minimumOverlap else { continue }
                guard overlap == 1 || shared.contains(where: { !Self.genericWords.contains($0) }) else { continue }
                let candidate = Candidate(
                    phrase: phrase, overlap: overlap, asWritten: isAsWritten, shared: shared.count)
                if let current = best {
                    let better =
                        (candidate.overlap, candidate.asWritten ? 1 : 0, candidate.shared)
                        > (current.overlap, current.asWritten ? 1 : 0, current.shared)
                    // Phrases are in role-id order: an equal candidate keeps the earlier role.
                    if better { best = candidate }
                } else {
                    best = candidate
                }
            }
        }
        guard let best, let role = taxonomy.role(best.phrase.roleId) else { return nil }
        // A phrase that carries the seniority word ("staff engineer") is the role's own level.
        let extraWords = asWritten.subtracting(best.phrase.words)
        let level = ExperienceLevels.seniorityLevel(in: extraWords.sorted()) ?? role.level
        return Match(roleId: role.id, title: role.title, level: level, overlap: best.overlap)
    }
}
