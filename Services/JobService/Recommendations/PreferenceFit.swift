import Contracts
import Foundation
import SkillMatching

/// How a posting meets the person's job preferences: working remotely,
/// location, salary and job type. Each preference counts only when both sides
/// say something about it; the fit is the mean of those that count (nil when
/// none does), and each one that counts gives a reason.
struct PreferenceFit: Sendable, Equatable {
    /// 0 … 1, nil when no preference could be checked.
    var value: Double?
    var reasons: [String]

    /// The person's preferences, read once for all candidates.
    struct Wanted: Sendable {
        var remote: Bool
        /// Each preferred location as written and as words.
        var locations: [(text: String, words: [String])]
        var salaryMin: Int?
        var salaryCurrency: String?
        /// Employment types as postings write them ("full_time").
        var jobTypes: [String]

        /// Nil when the person states no preferences at all.
        init?(_ preferences: JobPreferences?) {
            guard let preferences else { return nil }
            remote = preferences.remote == true
            locations = (preferences.locations ?? []).map { ($0, TextWords.words($0)) }.filter { !$0.words.isEmpty }
            salaryMin = preferences.salaryMin
            salaryCurrency = preferences.salaryCurrency
            jobTypes = (preferences.jobTypes ?? []).map { $0.lowercased().replacingOccurrences(of: "-", with: "_") }
        }
    }

    static func of(_ posting: RecommendationCandidate, wanted: Wanted?) -> PreferenceFit {
        guard let wanted else { return PreferenceFit(value: nil, reasons: []) }
        var parts: [Double] = []
        var reasons: [String] = []
        func count(_ part: (value: Double, reason: String)?) {
            guard let part else { return }
            parts.append(part.value)
            reasons.append(part.reason)
        }
        count(remote(posting.workplace, wanted: wanted.remote))
        // Anywhere is fine for a remote job when remote is what the person wants.
        if !(wanted.remote && posting.workplace == .remote) {
            count(location(posting, preferred: wanted.locations))
        }
        count(salary(posting, minimum: wanted.salaryMin, currency: wanted.salaryCurrency))
        count(jobType(posting.employmentType, preferred: wanted.jobTypes))
        let value = parts.isEmpty ? nil : parts.reduce(0, +) / Double(parts.count)
        return PreferenceFit(value: value, reasons: reasons)
    }

    /// Remote 1, hybrid 0.5 (partly remote), on-site 0, for someone who wants remote.
    /// `remote: false` is no preference: wanting remote work is what it records.
    static func remote(_ workplace: Job.Workplace?, wanted: Bool) -> (value: Double, reason: String)? {
        guard wanted, let workplace else { return nil }
        switch workplace {
        case .remote: return (1, "Remote, as you prefer")
        case .hybrid: return (0.5, "Hybrid: partly remote, and you prefer remote")
        case .onsite: return (0, "On-site, though you prefer remote")
        }
    }

    /// 1 when a posting location names a preferred one ("Berlin" in "Berlin,
    /// Germany"), as whole words, else 0; a remote posting counts only for a
    /// preferred "Remote".
    static func location(
        _ posting: RecommendationCandidate, preferred: [(text: String, words: [String])]
    ) -> (value: Double, reason: String)? {
        guard !preferred.isEmpty else { return nil }
        // A remote job can be done from any of the preferred places.
        if posting.workplace == .remote {
            return preferred.contains { $0.words == ["remote"] } ? (1, "Remote, one of your preferred locations") : nil
        }
        guard let place = posting.locations.first else { return nil }
        for location in posting.locations {
            // A location without the first word of any preferred one matches none (ASCII: no splitting needed).
            if location.utf8.allSatisfy({ $0 < 0x80 }) {
                let lowercased = location.lowercased()
                if !preferred.contains(where: { lowercased.contains($0.words[0]) }) { continue }
            }
            let words = TextWords.words(location)
            if let match = preferred.first(where: { TextWords.contains(words, phrase: $0.words) }) {
                return (1, "In \(location), matching your preferred location \(match.text)")
            }
        }
        return (0, "In \(place), not one of your preferred locations")
    }

    /// 1 when the top of the yearly range reaches the minimum, else less the
    /// further it falls short (0 at half). Only salaries in the preferred
    /// currency compare (any, when the person names none).
    static func salary(
        _ posting: RecommendationCandidate, minimum: Int?, currency: String?
    ) -> (value: Double, reason: String)? {
        guard let minimum, minimum > 0, let top = posting.salaryAnnualMax ?? posting.salaryAnnualMin else {
            return nil
        }
        if let currency, posting.salaryCurrency?.uppercased() != currency.uppercased() { return nil }
        let range = salaryRange(min: posting.salaryAnnualMin, max: posting.salaryAnnualMax)
        let unit = posting.salaryCurrency.map { " \($0)" } ?? ""
        let wanted = thousands(Double(minimum))
        if top >= Double(minimum) {
            return (1, "Salary \(range)\(unit) meets your \(wanted) minimum")
        }
        let shortfall = (Double(minimum) - top) / Double(minimum)
        return (max(0, 1 - 2 * shortfall), "Salary \(range)\(unit) is below your \(wanted) minimum")
    }

    /// 1 when the posting's employment type is one the person wants, else 0.
    static func jobType(_ type: String?, preferred: [String]) -> (value: Double, reason: String)? {
        guard let type, !preferred.isEmpty else { return nil }
        let name = typeNames[type] ?? type
        return preferred.contains(type)
            ? (1, "\(name), as you prefer") : (0, "\(name), not one of the job types you prefer")
    }

    static let typeNames = [
        "full_time": "Full-time", "part_time": "Part-time", "contract": "Contract", "temporary": "Temporary",
        "internship": "Internship",
    ]

    /// "120–150k", "up to 150k", "from 120k".
    static func salaryRange(min: Double?, max: Double?) -> String {
        switch (min, max) {
        case (let min?, let max?) where min != max: "\(thousands(min, unit: false))–\(thousands(max))"
        case (let min?, _): max == nil ? "from \(thousands(min))" : thousands(min)
        case (nil, let max?): "up to \(thousands(max))"
        case (nil, nil): ""
        }
    }

    /// 120000 → "120k", 92500 → "92.5k", 800 → "800".
    static func thousands(_ value: Double, unit: Bool = true) -> String {
        guard value >= 1_000 else { return String(Int(value.rounded())) }
        let tenths = Int((value / 100).rounded())
        let text = tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
        return unit ? text + "k" : text
    }
}
