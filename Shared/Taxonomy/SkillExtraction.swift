/// A skill found in running text, with where it was found (UTF-16 offsets, as a
/// browser or JSON consumer counts them).
public struct SkillMention: Codable, Sendable, Hashable {
    public var skillId: String
    /// The text as written ("k8s", "Node.js").
    public var text: String
    public var start: Int
    public var length: Int
}

extension Taxonomy {
    /// Skill names that are also common English words or letters: they count only
    /// written exactly as the name ("Go", "R", "Rust") and outside the contexts that
    /// make them prose ("go-to-market", "R&D", "a C-level audience", "Rust Belt").
    static let ambiguousNames: Set<String> = [
        "c", "r", "d", "go", "rust", "swift", "ruby", "julia", "dart", "elm", "spark", "chef", "puppet", "express",
        "react", "flutter", "shell", "scheme", "hive", "pig", "ember", "meteor", "backbone", "crystal", "ada",
        "basic", "pascal", "logo", "excel", "access", "word", "teams", "jira", "salt", "gin", "echo", "next.js",
        "nest", "storm", "flask", "falcon", "keras", "jest", "mocha", "chai", "sinatra", "rails", "unity", "unreal",
        "vue", "svelte", "solid", "redux", "ansible", "vault", "consul", "terraform", "kafka", "presto", "druid",
        "sketch", "helm", "ray", "combine",
    ]

    /// Ambiguous names that are not English words in their own right: a line or
    /// bullet may open with them ("Terraform or other IaC tools") and still mean the skill.
    static let namesThatAreNotWords: Set<String> = [
        "terraform", "kafka", "ansible", "keras", "jira", "druid", "svelte", "redux", "vue", "sinatra", "consul",
        "next.js", "flutter",
    ]

    /// Words after a line-opening name that show it is the skill being listed
    /// ("- Rust is a plus", "- React and TypeScript"), not a sentence's first word.
    static let listingFollowers: Set<String> = [
        "and", "or", "is", "are", "experience", "skills", "knowledge", "programming", "expertise",
    ]

    /// Words after which an ambiguous name is prose, not a skill.
    static let proseFollowers: [String: Set<String>] = [
        "go": ["to", "ahead", "live", "back", "beyond", "through", "over", "for", "with", "on", "out", "further"],
        "rust": ["belt", "stain", "stains", "proof", "resistant"],
        "swift": ["delivery", "response", "action", "turnaround", "resolution", "decisions", "pace"],
        "c": ["level", "suite", "corp"],
        "spark": ["joy", "curiosity", "innovation", "ideas", "change"],
        "express": ["interest", "yourself", "concerns", "ideas"],
        "react": ["to", "quickly", "fast"],
    ]

    /// Words before or after a one-letter name that say a language is meant.
    static let languageCues: Set<String> = [
        "language", "languages", "programming", "using", "in", "with", "experience", "knowledge", "proficiency",
        "proficient", "developer", "development", "code", "coding", "scripts", "scripting",
    ]

    /// Skill ids mentioned in `text`, longest phrase first, in order of appearance.
    /// Precision over recall: an ambiguous name is dropped when in doubt.
    public func extractSkills(from text: String) -> [SkillMention] {
        let tokens = SkillTokenizer.tokens(in: text)
        // Each word lower-cased once; a candidate phrase's key is its words joined,
        // trimmed at the ends as `phraseKey` trims (tokens hold no whitespace).
        let lowered = tokens.map { $0.text.lowercased() }
        var mentions: [SkillMention] = []
        var index = 0
        while index < tokens.count {
            var matched = false
            let opensPhrase = phraseOpeners.contains(SkillText.phraseKey(lowered[index]))
            let longest = opensPhrase ? min(longestPhrase, tokens.count - index) : 1
            for length in stride(from: longest, through: 1, by: -1) {
                let words = tokens[index..<index + length]
                let key = SkillText.phraseKey(lowered[index..<index + length].joined(separator: " "))
                guard let id = phrases[key] else { continue }
                if length == 1, !acceptsSingleWord(id: id, at: index, in: tokens) { continue }
                let range = words.first!.range.lowerBound..<words.last!.range.upperBound
                mentions.append(
                    SkillMention(
                        skillId: id, text: String(text[range]),
                        start: text.utf16.distance(from: text.startIndex, to: range.lowerBound),
                        length: text.utf16.distance(from: range.lowerBound, to: range.upperBound)))
                index += length
                matched = true
                break
            }
            if !matched { index += 1 }
        }
        return mentions
    }

    /// The checks an ambiguous one-word name must pass.
    func acceptsSingleWord(id: String, at index: Int, in tokens: [SkillToken]) -> Bool {
        guard let skill = skills[id] else { return false }
        let token = tokens[index]
        let lowered = token.text.lowercased()
        let ambiguous = Self.ambiguousNames.contains(skill.name.lowercased()) || skill.name.count == 1
        guard ambiguous, lowered == skill.name.lowercased() || lowered == id else { return true }
        // Written exactly as the name: "Go", not "go"; "R", not "r".
        guard token.text == skill.name else { return false }
        if token.before == "&" || token.after == "&" { return false }
        let next = index + 1 < tokens.count ? tokens[index + 1] : nil
        if let next, Self.proseFollowers[id]?.contains(next.text.lowercased()) == true { return false }
        // A capitalised word opening a sentence and followed by ordinary lower-case
        // prose is a word, not a name ("Go to the docs", "Swift delivery matters").
        if token.startsSentence, !Self.namesThatAreNotWords.contains(skill.name.lowercased()), let next,
            next.text.first?.isLowercase == true, !Self.listingFollowers.contains(next.text.lowercased()),
            phrases[SkillText.phraseKey(next.text)] == nil
        {
            return false
        }
        if skill.name.count == 1 {
            let window = tokens[max(0, index - 3)..<min(tokens.count, index + 4)]
            let cue = window.contains { Self.languageCues.contains($0.text.lowercased()) }
            let neighbour = window.contains { other in
                other.range != token.range
                    && phrases[SkillText.phraseKey(other.text)].map { skills[$0]?.name.count ?? 0 > 1 } == true
            }
            return cue || neighbour
        }
        return true
    }
}

/// A word of running text as skills are written: letters and digits, with the
/// `+`, `#`, `.`, `/`, `-` that names like "C++", "C#", ".NET", "CI/CD" and
/// "go-to-market" carry inside them.
struct SkillToken: Sendable {
    var text: Substring
    var range: Range<String.Index>
    var before: Character?
    var after: Character?
    var startsSentence: Bool
}

enum SkillTokenizer {
    static func tokens(in text: String) -> [SkillToken] {
        var tokens: [SkillToken] = []
        var start: String.Index?
        var index = text.startIndex
        var sentenceStart = true
        func close(at end: String.Index) {
            guard let begin = start else { return }
            var last = end
            // Trailing dots and hyphens belong to the sentence, not the word.
            while last > begin, ".-/_".contains(text[text.index(before: last)]) { last = text.index(before: last) }
            if last > begin {
                tokens.append(
                    SkillToken(
                        text: text[begin..<last], range: begin..<last,
                        before: begin > text.startIndex ? text[text.index(before: begin)] : nil,
                        after: last < text.endIndex ? text[last] : nil, startsSentence: sentenceStart))
                sentenceStart = false
            }
            start = nil
        }
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            let following: Character? = next < text.endIndex ? text[next] : nil
            let followedByWord = following.map { $0.isLetter || $0.isNumber } ?? false
            if character.isLetter || character.isNumber {
                if start == nil { start = index }
            } else if start != nil, character == "+" || character == "#" {
                // part of C++, C#, F#
            } else if start != nil, ".-/_".contains(character), followedByWord {
                // inside Node.js, CI/CD, go-to-market
            } else if start == nil, character == ".", followedByWord {
                start = index  // .NET
            } else {
                close(at: index)
                if ".!?\n".contains(character) { sentenceStart = true }
            }
            index = next
        }
        close(at: text.endIndex)
        return tokens
    }
}
