import Contracts
import Foundation

/// Positions.csv → `work`, and the skills the jobs show.
extension LinkedInResumeBuilder {
    /// One job per row, in the file's order (LinkedIn's: newest first). An empty
    /// Finished On means the job goes on: no end date, and its skills count as
    /// used this month. Without a Finished On column at all, that is unknown, and
    /// the start date is the last use we can vouch for.
    mutating func readPositions(_ rows: inout LinkedInRows) {
        let knowsEnd = rows.has("Finished On")
        let currentMonth = currentMonth
        var work = self.work
        var evidence = self.evidence
        rows.forEach { row throws(LinkedInRows.Skip) in
            let company = row["Company Name"]
            let title = row["Title"]
            guard company != nil || title != nil else {
                throw LinkedInRows.Skip("the row has neither Company Name nor Title")
            }
            let start = try row.date("Started On")
            let end = try row.date("Finished On")
            try Self.checkOrder(start: start, end: end, "Started On", "Finished On")
            let description = row["Description"].map(LinkedInDescription.init)
            work.append(
                Resume.Work(
                    name: company, location: row["Location"], position: title, startDate: start, endDate: end,
                    summary: description?.summary, highlights: description?.highlights))
            evidence.addPosition(
                title: title, company: company, lines: description?.lines ?? [], endDate: end,
                lastUsed: end ?? (knowsEnd ? currentMonth : start))
        }
        self.work = work
        self.evidence = evidence
    }
}

/// A LinkedIn description split the way résumés write them: prose lines are the
/// summary, lines opening with a bullet ("•", "-", "*", "▪", …) are highlights.
struct LinkedInDescription: Sendable, Equatable {
    var summary: String?
    var highlights: [String]?
    /// Every non-empty line, bullets removed: where skills are looked for.
    var lines: [String]

    init(_ text: String) {
        var prose: [String] = []
        var bullets: [String] = []
        var lines: [String] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            // A bullet with nothing after it is no line at all.
            guard !line.isEmpty, !line.allSatisfy(Self.bullets.contains) else { continue }
            if let item = Self.bulletItem(line) {
                bullets.append(item)
                lines.append(item)
            } else {
                prose.append(line)
                lines.append(line)
            }
        }
        summary = prose.isEmpty ? nil : prose.joined(separator: "\n")
        highlights = bullets.isEmpty ? nil : bullets
        self.lines = lines
    }

    private static let bullets: Set<Character> = [
        "•", "·", "‣", "◦", "▪", "▫", "■", "□", "●", "○", "►", "▶", "➢", "➤", "✓", "✔", "-", "–", "—", "*", "+",
    ]

    /// The text after a leading bullet, or nil when the line doesn't open with one.
    /// "-" and "*" count only before a space, so "-5% churn" stays prose.
    static func bulletItem(_ line: String) -> String? {
        guard let first = line.first, bullets.contains(first) else { return nil }
        let rest = line.dropFirst()
        if "-*+".contains(first), rest.first?.isWhitespace != true { return nil }
        let item = rest.trimmingCharacters(in: .whitespaces)
        return item.isEmpty ? nil : item
    }
}
