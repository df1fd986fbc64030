import Contracts
import Taxonomy

/// The taxonomy skills a résumé names, each with the text that names it (source
/// "resume", at most 200 characters, dated by the job it appears in) and, when
/// jobs name it, the years across those jobs and the month it was last used.
struct SkillEvidenceCollector {
    let taxonomy: Taxonomy
    let referenceMonth: Int
    private var order: [String] = []
    private var evidence: [String: [SkillEvidence]] = [:]
    private var periods: [String: [ClosedRange<Int>]] = [:]

    static let maximumEvidence = 8
    static let maximumTextLength = 200

    init(taxonomy: Taxonomy, referenceMonth: Int) {
        self.taxonomy = taxonomy
        self.referenceMonth = referenceMonth
    }

    var ids: [String] { order }

    /// Suffixes glued to a skill by a hyphen ("Kafka-based", "HIPAA-regulated"): read
    /// apart so the skill is found. Same length, so mention offsets still fit the text.
    static let hyphenSuffixes: Set<String> = [
        "based", "driven", "powered", "backed", "centric", "first", "heavy", "focused", "related", "specific",
        "enabled", "compatible", "oriented", "regulated", "compliant", "certified", "hosted", "managed", "ready",
        "aware", "friendly", "style", "like", "only", "savvy", "intensive", "basiert", "basierte", "basierten",
        "gestützt", "gestützte", "kenntnisse", "erfahrung", "entwicklung", "entwickler", "projekte", "umgebung",
        "api", "apis", "schnittstelle", "schnittstellen",
    ]

    static func separatingSuffixes(_ text: String) -> String {
        guard text.contains("-") else { return text }
        var characters = Array(text)
        var index = 1
        while index < characters.count - 1 {
            if characters[index] == "-", characters[index - 1].isLetter || characters[index - 1].isNumber {
                var end = index + 1
                while end < characters.count, characters[end].isLetter { end += 1 }
                let suffix = String(characters[(index + 1)..<end]).lowercased()
                if hyphenSuffixes.contains(suffix) { characters[index] = " " }
                index = end
            } else {
                index += 1
            }
        }
        return String(characters)
    }

    /// Skills named in running text.
    mutating func add(text: String, date: String? = nil, period: ClosedRange<Int>? = nil, onlyNew: Bool = false) {
        // As written ("event-driven architecture") and with glued suffixes apart ("Kafka-based").
        var mentions = taxonomy.extractSkills(from: text)
        let separated = Self.separatingSuffixes(text)
        if separated != text {
            let seen = Set(mentions.map(\.skillId))
            mentions += taxonomy.extractSkills(from: separated).filter { !seen.contains($0.skillId) }
        }
        for mention in mentions {
            if onlyNew, evidence[mention.skillId] != nil { continue }
            record(
                mention.skillId, text: Self.snippet(of: text, around: mention.start, length: mention.length),
                date: date, period: period)
        }
    }

    /// A skill list's item ("Postgres", "Node.js"), or failing that the skills the item names.
    mutating func add(listItem: String, context: String) {
        if let id = taxonomy.skillId(for: listItem) {
            record(id, text: Self.snippet(of: context, around: 0, length: 0), date: nil, period: nil)
        } else {
            add(text: listItem)
        }
    }

    private mutating func record(_ id: String, text: String, date: String?, period: ClosedRange<Int>?) {
        if evidence[id] == nil { order.append(id) }
        let item = SkillEvidence(source: "resume", text: text, date: date)
        var list = evidence[id, default: []]
        if list.count < Self.maximumEvidence, !list.contains(item) { list.append(item) }
        evidence[id] = list
        if let period { periods[id, default: []].append(period) }
    }

    func skills() -> [ProfileSkill] {
        order.map { id in
            let spans = periods[id] ?? []
            let years = spans.isEmpty ? nil : PartialDate.years(spans)
            let last = spans.map(\.upperBound).max().map { PartialDate.text(ofMonth: $0) }
            return ProfileSkill(id: id, years: years, lastUsed: last, evidence: evidence[id])
        }
    }

    /// The text, or when longer than 200 characters the sentence (or window) around
    /// the mention, cut at word boundaries. `start` and `length` count UTF-16 units.
    static func snippet(of text: String, around start: Int, length: Int) -> String {
        let trimmed = text.trimmingSpaces
        guard trimmed.count > maximumTextLength else { return trimmed }
        let utf16 = text.utf16
        let clampedStart = min(max(0, start), utf16.count)
        let mentionStart = utf16.index(utf16.startIndex, offsetBy: clampedStart)
        let mentionEnd = utf16.index(mentionStart, offsetBy: min(max(0, length), utf16.count - clampedStart))
        let characters = Array(text)
        let offset = text.distance(from: text.startIndex, to: mentionStart)
        let mentionLength = text.distance(from: mentionStart, to: mentionEnd)
        // The sentence holding the mention.
        let reach = maximumTextLength
        var lower = offset
        while lower > 0, offset - lower < reach, !(".!?".contains(characters[lower - 1]) && characters[lower] == " ") {
            lower -= 1
        }
        var upper = offset
        while upper < characters.count, upper - offset < reach, !".!?".contains(characters[upper]) { upper += 1 }
        upper = min(characters.count, upper + 1)
        let sentenceFound =
            (lower == 0 || characters[lower] == " ")
            && (upper == characters.count || ".!?".contains(characters[upper - 1]))
        if sentenceFound, upper - lower <= maximumTextLength {
            return String(characters[lower..<upper]).trimmingSpaces
        }
        // A window around it, at word boundaries.
        var from = max(0, offset - maximumTextLength / 2)
        var to = min(characters.count, from + maximumTextLength)
        from = max(0, to - maximumTextLength)
        while from > 0, from < offset, characters[from - 1] != " " { from += 1 }
        while to < characters.count, to > offset + mentionLength, characters[to - 1] != " ", to - from > 1 { to -= 1 }
        return String(characters[from..<to]).trimmingSpaces
    }
}
