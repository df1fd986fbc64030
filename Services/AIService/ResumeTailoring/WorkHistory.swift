import Contracts
import Foundation

/// Facts the work dates give: how many years someone has worked and what they
/// do now. The summary may state these and nothing else about time.
struct WorkHistory: Sendable, Equatable {
    /// Whole years covered by work entries (overlaps counted once), rounded down:
    /// a summary never overstates. Nil when no entry has a usable start date.
    let yearsOfExperience: Int?
    /// The position of the entry that is current or started last.
    let mostRecentPosition: String?

    init(work: [Resume.Work], referenceDate: Date) {
        let now = Self.monthIndex(of: referenceDate)
        var spans: [ClosedRange<Int>] = []
        var latest: (position: String, current: Bool, start: Int)?
        for entry in work {
            guard let start = Self.monthIndex(entry.startDate) else { continue }
            let end = Self.monthIndex(entry.endDate) ?? now
            let current = Self.isCurrent(entry.endDate)
            if start <= end { spans.append(start...end) }
            if let position = entry.position, !position.isEmpty {
                let better =
                    latest.map { current && !$0.current || current == $0.current && start > $0.start } ?? true
                if better { latest = (position, current, start) }
            }
        }
        yearsOfExperience = spans.isEmpty ? nil : Self.coveredMonths(spans) / 12
        mostRecentPosition = latest?.position ?? work.first?.position
    }

    /// Months counted once however many spans cover them, each span inclusive.
    static func coveredMonths(_ spans: [ClosedRange<Int>]) -> Int {
        var total = 0
        var reach = Int.min
        for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let from = max(span.lowerBound, reach + 1)
            if span.upperBound >= from { total += span.upperBound - from + 1 }
            reach = max(reach, span.upperBound)
        }
        return total
    }

    /// "2020", "2020-03", "2020-03-14" as year × 12 + month − 1; nil for anything else.
    static func monthIndex(_ partialDate: String?) -> Int? {
        guard let partialDate else { return nil }
        let parts = partialDate.trimmingCharacters(in: .whitespaces).split(separator: "-")
        guard let first = parts.first, first.count == 4, let year = Int(first) else { return nil }
        let month = parts.count > 1 ? Int(parts[1]) ?? 1 : 1
        guard (1...12).contains(month) else { return nil }
        return year * 12 + month - 1
    }

    static func monthIndex(of date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month], from: date)
        return (parts.year ?? 1970) * 12 + (parts.month ?? 1) - 1
    }

    /// No end date, or one that says so ("present", "current", "now").
    static func isCurrent(_ endDate: String?) -> Bool {
        guard let endDate = endDate?.trimmingCharacters(in: .whitespaces), !endDate.isEmpty else { return true }
        return monthIndex(endDate) == nil
    }
}
