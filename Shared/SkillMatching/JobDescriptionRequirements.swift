import Contracts
import Foundation
import Taxonomy

/// The skills a job description asks for, read without a model.
///
/// Skills are found with `Taxonomy.extractSkills` (precision first). Each is
/// required or preferred by the words around it, most specific first:
/// 1. its clause (text between commas or semicolons; "ideally", "preferably",
///    "bonus" also open a clause): a preferred cue ("nice to have", "preferred",
///    "a plus", "bonus", "ideally", …) makes it preferred, else an explicit
///    required cue ("required", "must", "mandatory", "minimum", …) required;
/// 2. a clause without cues takes the previous clause's in the same sentence, or
///    the next one's ("Python, Go and Rust are a plus") unless that one opens with
///    its cue ("Docker, and ideally Kubernetes");
/// 3. otherwise the section: a heading line ("Requirements", "Nice to have:",
///    "## Preferred qualifications") applies to the lines after it, until the next;
/// 4. otherwise required;
/// 5. the second of "A or B" is only preferred: an alternative, not a second must-have.
/// Skills under headings about the employer ("Benefits", "About us") are skipped.
///
/// Levels: "N years" in the clause, else in the sentence, gives
/// `ExperienceLevels.level(forYears:)` ("5+ years of Go" → 4). Without one, a
/// required skill needs the posting's seniority and a preferred one a level less:
/// the seniority word of the first line ("Senior …" → 4), else the years of a
/// general experience sentence ("5+ years of experience building …"), else unknown.
public struct JobDescriptionRequirements: Sendable, Equatable {
    public struct Requirement: Sendable, Equatable {
        public var skillId: String
        public var importance: SkillImportance
        public var level: Int?
        public var spans: [TextSpan]
    }

    /// In order of first mention.
    public var requirements: [Requirement]
    /// The first non-empty line, where postings put the job title.
    public var titleLine: String?
    /// The seniority the posting asks for overall, when it says.
    public var level: Int?

    private enum Section: Equatable {
        case neutral
        case importance(SkillImportance)
        case ignored
    }

    /// A stretch of one line, in UTF-16 offsets of the whole text, with its words.
    private struct Clause {
        public var range: Range<Int>
        public var words: [String]
        public var cue: SkillImportance?
    }

    public static func extract(
        from text: String, taxonomy: Taxonomy, pointer: String = "/jobDescription"
    )
        -> JobDescriptionRequirements
    {
        let mentions = taxonomy.extractSkills(from: text)
        var section = Section.neutral
        var titleLine: String?
        var generalYears: [Double] = []
        var order: [String] = []
        var merged: [String: (importance: SkillImportance, level: Int?, spans: [TextSpan])] = [:]

        for line in lines(of: text) {
            let lineText = String(line.map(\.character))
            guard !lineText.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let lineRange = line[0].offset..<(line[line.count - 1].offset + line[line.count - 1].character.utf16.count)
            let lineMentions = mentions.filter { lineRange.contains($0.start) }
            if titleLine == nil {
                titleLine = lineText.trimmingCharacters(in: .whitespaces)
            }
            if let heading = headingSection(lineText, hasMentions: !lineMentions.isEmpty) { section = heading }
            if section == .ignored { continue }

            for sentence in sentences(of: line) {
                let clauses = resolveCues(clauses(of: sentence))
                let sentenceWords = clauses.flatMap(\.words)
                let sentenceYears = ExperienceLevels.yearsMentioned(in: sentenceWords)
                let sentenceRange = (clauses.first?.range.lowerBound ?? 0)..<(clauses.last?.range.upperBound ?? 0)
                let inSentence = lineMentions.filter { sentenceRange.contains($0.start) }
                if inSentence.isEmpty {
                    if sentenceWords.contains("experience") { generalYears.append(contentsOf: sentenceYears) }
                    continue
                }
                for (position, mention) in inSentence.enumerated() {
                    guard let clause = clauses.first(where: { $0.range.contains(mention.start) }) else { continue }
                    var importance: SkillImportance
                    if let cue = clause.cue {
                        importance = cue
                    } else if case .importance(let sectionImportance) = section {
                        importance = sectionImportance
                    } else {
                        importance = .required
                    }
                    if position > 0, isAlternative(mention, after: inSentence[position - 1], in: text) {
                        importance = .preferred
                    }
                    let years = ExperienceLevels.yearsMentioned(in: clause.words).max() ?? sentenceYears.max()
                    let level = years.map(ExperienceLevels.level(forYears:))
                    let span = TextSpan(
                        pointer: pointer, text: mention.text, start: mention.start, length: mention.length)
                    if var existing = merged[mention.skillId] {
                        if importance == .required { existing.importance = .required }
                        existing.level = [existing.level, level].compactMap { $0 }.max()
                        existing.spans.append(span)
                        merged[mention.skillId] = existing
                    } else {
                        merged[mention.skillId] = (importance, level, [span])
                        order.append(mention.skillId)
                    }
                }
            }
        }

        let overall =
            titleLine.flatMap { ExperienceLevels.seniorityLevel(in: TextWords.words($0)) }
            ?? generalYears.max().map(ExperienceLevels.level(forYears:))
        let requirements = order.compactMap { id -> Requirement? in
            guard let found = merged[id] else { return nil }
            let fallback = found.importance == .required ? overall : overall.map { max(1, $0 - 1) }
            return Requirement(
                skillId: id, importance: found.importance, level: found.level ?? fallback, spans: found.spans)
        }
        return JobDescriptionRequirements(requirements: requirements, titleLine: titleLine, level: overall)
    }

    /// "Python or Go": the second is an alternative to the first, so it counts as
    /// preferred; requiring both would fail everyone who has only one.
    private static func isAlternative(_ mention: SkillMention, after previous: SkillMention, in text: String) -> Bool {
        let utf16 = text.utf16
        let from = previous.start + previous.length
        guard from <= mention.start,
            let lower = utf16.index(utf16.startIndex, offsetBy: from, limitedBy: utf16.endIndex),
            let upper = utf16.index(utf16.startIndex, offsetBy: mention.start, limitedBy: utf16.endIndex),
            let between = String(utf16[lower..<upper])
        else { return false }
        return TextWords.words(between) == ["or"]
    }

    /// The text's lines, each character with its UTF-16 offset in the whole text.
    private static func lines(of text: String) -> [[(character: Character, offset: Int)]] {
        var lines: [[(character: Character, offset: Int)]] = []
        var current: [(character: Character, offset: Int)] = []
        var offset = 0
        for character in text {
            if character.isNewline {
                if !current.isEmpty { lines.append(current) }
                current = []
            } else {
                current.append((character, offset))
            }
            offset += character.utf16.count
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// A line cut after sentence ends (". ", "! ", "? ") and semicolons.
    private static func sentences(
        of line: [(character: Character, offset: Int)]
    )
        -> [[(character: Character, offset: Int)]]
    {
        var sentences: [[(character: Character, offset: Int)]] = []
        var current: [(character: Character, offset: Int)] = []
        for (index, item) in line.enumerated() {
            current.append(item)
            let next = index + 1 < line.count ? line[index + 1].character : nil
            let ends = item.character == ";" || (".!?".contains(item.character) && (next?.isWhitespace ?? true))
            if ends {
                sentences.append(current)
                current = []
            }
        }
        if !current.isEmpty { sentences.append(current) }
        return sentences
    }

    /// A sentence cut after commas, and before a leading preferred cue ("ideally").
    private static func clauses(of sentence: [(character: Character, offset: Int)]) -> [Clause] {
        var pieces: [[(character: Character, offset: Int)]] = []
        var current: [(character: Character, offset: Int)] = []
        for item in sentence {
            current.append(item)
            if item.character == "," {
                pieces.append(current)
                current = []
            }
        }
        if !current.isEmpty { pieces.append(current) }

        var clauses: [Clause] = []
        for piece in pieces {
            let positioned = TextWords.positioned(piece.map(\.character))
            let words = positioned.map(\.word)
            // Split before each leading preferred cue that is not at the start, and
            // does not end a statement about what comes before it ("Go is a bonus").
            var cuts: [Int] = []
            for cue in JobDescriptionCues.leadingPreferred {
                guard let index = TextWords.firstIndex(of: cue, in: words), index > 0,
                    !JobDescriptionCues.predicateWords.contains(words[index - 1])
                else { continue }
                cuts.append(positioned[index].start)
            }
            let bounds = [0] + Set(cuts).sorted() + [piece.count]
            for (start, end) in zip(bounds, bounds.dropFirst()) where start < end {
                let part = Array(piece[start..<end])
                let partWords = TextWords.words(String(part.map(\.character)))
                let range = part[0].offset..<(part[part.count - 1].offset + part[part.count - 1].character.utf16.count)
                clauses.append(Clause(range: range, words: partWords, cue: cue(in: partWords)))
            }
        }
        return clauses
    }

    private static func cue(in words: [String]) -> SkillImportance? {
        if TextWords.containsAny(words, of: JobDescriptionCues.preferred) { return .preferred }
        if TextWords.containsAny(words, of: JobDescriptionCues.required) { return .required }
        return nil
    }

    /// Clauses without a cue take the previous clause's, or the first one after
    /// them unless that one opens with its cue ("Docker, and ideally Kubernetes":
    /// "ideally" says nothing about Docker).
    private static func resolveCues(_ clauses: [Clause]) -> [Clause] {
        var resolved = clauses
        var current: SkillImportance?
        for index in resolved.indices {
            if let cue = resolved[index].cue {
                current = cue
            } else {
                resolved[index].cue = current
            }
        }
        var following: SkillImportance?
        for index in resolved.indices.reversed() {
            if clauses[index].cue != nil {
                following = opensWithCue(clauses[index].words) ? nil : clauses[index].cue
            } else if resolved[index].cue == nil {
                resolved[index].cue = following
            }
        }
        return resolved
    }

    private static func opensWithCue(_ words: [String]) -> Bool {
        JobDescriptionCues.leadingPreferred.contains { words.starts(with: $0) }
    }

    /// The section a heading line starts, or nil when the line is not a heading.
    /// A heading is a Markdown heading, a short line ending in a colon, or a short
    /// bare line naming no skill that reads like a section name ("Nice to have").
    private static func headingSection(_ line: String, hasMentions: Bool) -> Section? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let decoration: Set<Character> = ["#", "*", "_", "-", "•", "·", ">", "–", "—", " "]
        var core = Substring(trimmed)
        while let first = core.first, decoration.contains(first) { core = core.dropFirst() }
        while let last = core.last, decoration.contains(last) { core = core.dropLast() }
        let endsWithColon = core.hasSuffix(":")
        if endsWithColon { core = core.dropLast() }
        let words = TextWords.words(core)
        guard !words.isEmpty, words.count <= 8 else { return nil }

        let section: Section?
        if TextWords.containsAny(words, of: JobDescriptionCues.ignoredHeadings) {
            section = .ignored
        } else if TextWords.containsAny(words, of: JobDescriptionCues.preferred) || words == ["plus"] {
            section = .importance(.preferred)
        } else if TextWords.containsAny(words, of: JobDescriptionCues.requiredHeadings) {
            section = .importance(.required)
        } else if TextWords.containsAny(words, of: JobDescriptionCues.neutralHeadings) {
            section = .neutral
        } else {
            section = nil
        }

        if trimmed.hasPrefix("#") || endsWithColon { return section ?? .neutral }
        let bare = words.count <= 6 && !hasMentions && !core.contains(where: { ".,;".contains($0) })
        return bare ? section : nil
    }
}
