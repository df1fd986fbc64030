import Foundation
import Taxonomy

/// What a résumé's text can vouch for: its words (case, accents and punctuation
/// aside), the digits of each line, the dates written in it and the taxonomy
/// skills it names. `ModelRefinement` keeps a model's value only when this says
/// the text holds it.
struct TextSupport: Sendable {
    private let words: String
    private let lineDigits: [String]
    private let lowered: String
    /// "2020" and "2020-03" for every date written, months and years alike.
    let dates: Set<String>
    /// Whether the text says anything still runs ("Present", "heute", "seit …").
    let mentionsPresent: Bool
    let skillIds: Set<String>
    let skillLines: [String: String]

    init(text: String, taxonomy: Taxonomy, referenceYear: Int = 2100) {
        words = " " + Self.normalized(text) + " "
        lowered = text.lowercased()
        var digits: [String] = []
        var dates: Set<String> = []
        var present = false
        var ids: Set<String> = []
        var lines: [String: String] = [:]
        for line in ResumeLines.lines(from: text).map(\.content) {
            let lineDigits = ContactData.digits(line)
            if !lineDigits.isEmpty { digits.append(lineDigits) }
            for span in DateScanner.spans(in: line, referenceYear: referenceYear) {
                for date in [span.start, span.end].compactMap({ $0 }) {
                    dates.insert(date.iso)
                    dates.insert(String(date.year))
                }
                if span.isCurrent { present = true }
            }
            var found = taxonomy.extractSkills(from: line).map(\.skillId)
            for item in ListItems.split(line) {
                if let id = taxonomy.skillId(for: item) { found.append(id) }
            }
            if let colon = line.firstIndex(of: ":") {
                for item in ListItems.split(String(line[line.index(after: colon)...])) {
                    if let id = taxonomy.skillId(for: item) { found.append(id) }
                }
            }
            for id in found where lines[id] == nil {
                lines[id] = SkillEvidenceCollector.snippet(of: line, around: 0, length: 0)
            }
            ids.formUnion(found)
        }
        lineDigits = digits
        self.dates = dates
        mentionsPresent = present
        skillIds = ids
        skillLines = lines
    }

    /// Lower-case words of letters and digits, one space apart, accents folded.
    static func normalized(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var result = ""
        result.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for character in folded {
            if character.isLetter || character.isNumber {
                if pendingSpace, !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.append(character)
            } else {
                pendingSpace = true
            }
        }
        return result
    }

    /// Whether the text holds these words, in this order, as whole words.
    func supports(_ value: String) -> Bool {
        let key = Self.normalized(value)
        return !key.isEmpty && words.contains(" " + key + " ")
    }

    /// A phone number whose digits one line holds.
    func supports(phone: String) -> Bool {
        let digits = ContactData.digits(phone)
        guard digits.count >= 6 else { return false }
        // "030 1234567" written "+49 30 1234567": the trunk zero is not in the text.
        let national = String(digits.drop { $0 == "0" })
        return lineDigits.contains { $0.contains(digits) || national.count >= 6 && $0.contains(national) }
    }

    /// An e-mail or web address written in the text.
    func supports(address: String) -> Bool {
        var key = Substring(address.lowercased())
        for prefix in ["mailto:", "https://", "http://", "www."] where key.hasPrefix(prefix) {
            key = key.dropFirst(prefix.count)
        }
        while key.hasSuffix("/") { key = key.dropLast() }
        return !key.isEmpty && lowered.contains(key)
    }

    /// A partial date ("2020", "2020-03", or a full date's month) written in the text.
    func supports(date: String) -> Bool {
        guard let parsed = ResumeDate(iso: String(date.prefix(7))) else { return false }
        return dates.contains(parsed.iso)
    }
}
