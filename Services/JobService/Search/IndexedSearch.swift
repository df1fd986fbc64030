import Contracts
import Foundation

/// A search worked out over the posting index: the filters, the order (rank,
/// then newest, then id; newest then id without text), the page after the
/// cursor, the total, and the facets. Workplace and employment type are
/// counted over every match; companies and skills over the best
/// `facetSampleSize`, the spread among what the user will page through.
struct IndexedSearch: Sendable {
    /// A page of slots, best first, with one more than the limit when a next page exists.
    struct Outcome: Sendable {
        var slots: [Int32]
        /// Each slot's rank, with a text query.
        var ranks: [Float]?
        var total: Int
        var facets: JobFacets
    }

    static let facetSampleSize = 1000
    static let companyFacetSize = 10
    static let skillFacetSize = 15

    let query: JobSearchQuery
    let snapshot: PostingSnapshot
    /// Microseconds since 1970 of "now", for `postedWithin`.
    let nowMicros: Int64

    init(_ query: JobSearchQuery, snapshot: PostingSnapshot, now: Date = Date()) {
        self.query = query
        self.snapshot = snapshot
        nowMicros = Int64((now.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The search over `matches` (the text's matches, best first), or over
    /// every posting without a text query.
    func run(matches: TextMatches.MatchSet?) -> Outcome {
        var counter = FacetCounter()
        var page: [Int32] = []
        var pageRanks: [Float] = []
        let wanted = query.limit + 1
        var past = query.cursor == nil
        let postings = snapshot.postings
        func visit(_ slot: Int32, rank: Float?) {
            let posting = postings[Int(slot)]
            guard admits(posting) else { return }
            counter.count(posting)
            if !past { past = isAfterCursor(posting, rank: rank) }
            if past, page.count < wanted {
                page.append(slot)
                if let rank { pageRanks.append(rank) }
            }
        }
        if let matches {
            for index in matches.slots.indices { visit(matches.slots[index], rank: matches.ranks[index]) }
        } else {
            for slot in postings.indices { visit(Int32(slot), rank: nil) }
        }
        return Outcome(
            slots: page, ranks: matches == nil ? nil : pageRanks, total: counter.total, facets: counter.facets())
    }

    /// Whether the posting passes every filter but the text.
    func admits(_ posting: IndexedPosting) -> Bool {
        if let location = query.location, !posting.placeKeys.contains(where: { $0.contains(location) }) {
            return false
        }
        if !query.workplaces.isEmpty {
            guard let workplace = posting.candidate.workplace, query.workplaces.contains(workplace) else {
                return false
            }
        }
        if !query.employmentTypes.isEmpty {
            guard let type = posting.candidate.employmentType, query.employmentTypes.contains(type) else {
                return false
            }
        }
        if let salaryMin = query.salaryMin {
            guard let ceiling = posting.salaryCeiling, ceiling >= salaryMin else { return false }
        }
        if let hours = query.postedWithinHours, posting.sortMicros < nowMicros - Int64(hours) * 3_600_000_000 {
            return false
        }
        if !query.skills.isEmpty, !query.skills.allSatisfy(posting.skillIds.contains) { return false }
        if let company = query.company, posting.companyKey != company { return false }
        return true
    }

    /// Whether the posting comes strictly after the cursor in the search's order.
    private func isAfterCursor(_ posting: IndexedPosting, rank: Float?) -> Bool {
        guard let cursor = query.cursor else { return true }
        if let rank, let cursorRank = cursor.rank.map(Float.init), rank != cursorRank { return rank < cursorRank }
        if posting.sortMicros != cursor.sortMicros { return posting.sortMicros < cursor.sortMicros }
        return posting.idKey < RecommendationScorer.orderKey(cursor.id)
    }

    /// Counts as the matches go by, best first.
    private struct FacetCounter {
        var total = 0
        var workplaces: [String: Int] = [:]
        var types: [String: Int] = [:]
        /// Per lower-cased company: how often each spelling occurs.
        var companies: [String: [String: Int]] = [:]
        var skills: [String: Int] = [:]

        mutating func count(_ posting: IndexedPosting) {
            total += 1
            if let workplace = posting.candidate.workplace { workplaces[workplace.rawValue, default: 0] += 1 }
            if let type = posting.candidate.employmentType { types[type, default: 0] += 1 }
            guard total <= IndexedSearch.facetSampleSize else { return }
            companies[posting.companyKey, default: [:]][posting.company, default: 0] += 1
            for skill in posting.skillIds { skills[skill, default: 0] += 1 }
        }

        func facets() -> JobFacets {
            // A company boards spell differently is named by its most frequent spelling (the first on a tie).
            let companyCounts = companies.values.map { spellings in
                let name = spellings.min { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }?.key ?? ""
                return (name, spellings.values.reduce(0, +))
            }
            return JobFacets(
                workplace: Self.ranked(workplaces.map { ($0.key, $0.value) }),
                employmentType: Self.ranked(types.map { ($0.key, $0.value) }),
                company: Self.ranked(companyCounts, limit: IndexedSearch.companyFacetSize),
                skills: Self.ranked(skills.map { ($0.key, $0.value) }, limit: IndexedSearch.skillFacetSize))
        }

        /// Most frequent first, then by value.
        static func ranked(_ counts: [(String, Int)], limit: Int = .max) -> [JobFacets.Count] {
            counts.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(limit).map {
                JobFacets.Count(value: $0.0, count: $0.1)
            }
        }
    }
}
