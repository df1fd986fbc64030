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
        let now = PartialDate.month(of: referenceDate)
        var spans: [ClosedRange<Int>] = []
        var latest: (position: String, current: Bool, start: Int)?
        for entry in work {
            guard let start = PartialDate.month(entry.startDate) else { continue }
            let end = PartialDate.month(entry.endDate) ?? now
            let current = Self.isCurrent(entry.endDate)
            if start <= end { spans.append(start...end) }
            if let position = entry.position, !position.isEmpty {
                let better =
                    latest.map { current && !$0.current || current == $0.current && start > $0.start } ?? true
                if better { latest = (position, current, start) }
            }
        }
        yearsOfExperience = spans.isEmpty ? nil : PartialDate.coveredMonths(spans) / 12
        mostRecentPosition = latest?.position ?? work.first?.position
    }

    /// No end date, or one that says so ("present", "current", "now").
    static func isCurrent(_ endDate: String?) -> Bool {
        guard let endDate = endDate?.trimmingCharacters(in: .whitespaces), !endDate.isEmpty else { return true }
        return PartialDate.month(endDate) == nil
    }
}
