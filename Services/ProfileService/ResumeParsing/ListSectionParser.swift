import Contracts
import Foundation

/// Awards, publications and interests: sections that are lists, one item a line
/// ("Hackathon winner, Acme Hack Week, 2019"; "Swift at scale. Blog, 2022";
/// "Climbing, chess, open source"). A date in the line becomes the item's date;
/// a line opening in lower case continues the item above it.
struct ListSectionParser {
    let referenceYear: Int

    /// Items as (text without its date, the date as "YYYY" or "YYYY-MM").
    func items(_ lines: [ResumeLine]) -> [(text: String, date: String?)] {
        var items: [(text: String, date: String?)] = []
        for line in lines {
            let (span, rest) = EntryParts.dated(line, referenceYear: referenceYear, allowSingle: true)
            let text = rest.trimming(" ,;|·–—-:.")
            if let last = items.last, !line.isBullet, line.content.opensInLowerCase {
                items[items.count - 1] = (WorkSectionParser.joined(last.text, line.content), last.date)
                continue
            }
            guard !text.isEmpty, line.words.count <= 40 else { continue }
            items.append((text, span?.start?.iso))
        }
        return items
    }

    func awards(_ lines: [ResumeLine]) -> [Resume.Award] {
        items(lines).map { item in
            // "Best paper — ACM SIGMOD": the part after a dash or comma names who gave it.
            let (title, awarder) = Self.split(item.text)
            return Resume.Award(title: title, date: item.date, awarder: awarder)
        }
    }

    func publications(_ lines: [ResumeLine]) -> [Resume.Publication] {
        items(lines).map { Resume.Publication(name: $0.text, releaseDate: $0.date) }
    }

    /// One interest per item; a line listing several ("Climbing, chess") gives several.
    func interests(_ lines: [ResumeLine]) -> [Resume.Interest] {
        items(lines).flatMap { item in
            let parts = item.text.split(whereSeparator: { ",;·|".contains($0) }).map { $0.trimmingSpaces }
                .filter { !$0.isEmpty }
            let listed = parts.count > 1 && parts.allSatisfy { $0.split(separator: " ").count <= 4 }
            return (listed ? parts : [item.text]).map { Resume.Interest(name: $0) }
        }
    }

    /// "Title — Awarder" or "Title, Awarder"; the whole text when there is no such split.
    static func split(_ text: String) -> (String, String?) {
        for separator in [" — ", " – ", " - ", ", "] {
            if let range = text.range(of: separator) {
                let title = String(text[..<range.lowerBound]).trimmingSpaces
                let awarder = String(text[range.upperBound...]).trimmingSpaces
                if !title.isEmpty, !awarder.isEmpty { return (title, awarder) }
            }
        }
        return (text, nil)
    }
}
