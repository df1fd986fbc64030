import Contracts
import Foundation

/// A search worked out over the posting index: the filters, the order (rank,
/// then newest, then id; newest then id without text), the page after the
/// cursor, the total, and the facets. Workplace and employment type are
/// counted over every match; companies and skills over the best
/// `facetSampleSize`, the spread among what the user will page through.
///
/// The query is first turned into the snapshot's numbers (which places
/// contain the location text, which number the company has), so checking a
/// posting compares integers.
struct IndexedSearch: Sendable {
    /// A page of slots, best first, with one more than the limit when a next page exists.
    struct Outcome: Sendable {
        var slots: [Int32]
        /// Each slot's rank, with a text query.
        var ranks: [Float]?
        var total: Int
        var facets: JobFacets
    }

    /// The filters in the snapshot's numbers; nil means no such filter.
    private struct Filters {
        /// By place number: whether the place contains the location text.
        var places: [Bool]?
        /// Bit `SearchRow.workplaceCode` set for each wanted workplace.
        var workplaces: UInt8?
        /// By employment-type number.
        var employmentTypes: [Bool]?
        var salaryMin: Double?
        var postedSince: Int64?
        var skills: [Int32]?
        var company: Int32?
        /// A company, type or skill no posting has: nothing matches.
        var impossible = false

        var isEmpty: Bool {
            places == nil && workplaces == nil && employmentTypes == nil && salaryMin == nil && postedSince == nil
                && skills == nil && company == nil
        }
    }

    static let facetSampleSize = 1000
    static let companyFacetSize = 10
    static let skillFacetSize = 15

    let query: JobSearchQuery
    let snapshot: PostingSnapshot
    private let filters: Filters
    private let pool: [Int32]

    init(_ query: JobSearchQuery, snapshot: PostingSnapshot, now: Date = Date()) {
        self.query = query
        self.snapshot = snapshot
        let terms = snapshot.terms
        var filters = Filters()
        if let location = query.location {
            filters.places = (0..<terms.places.count).map { terms.places[Int32($0)].contains(location) }
        }
        if !query.workplaces.isEmpty {
            filters.workplaces = query.workplaces.reduce(0) { $0 | 1 << SearchRow.workplaceCode($1) }
        }
        if !query.employmentTypes.isEmpty {
            filters.employmentTypes = (0..<terms.employmentTypes.count).map {
                query.employmentTypes.contains(terms.employmentTypes[Int32($0)])
            }
        }
        filters.salaryMin = query.salaryMin
        if let hours = query.postedWithinHours {
            filters.postedSince =
                Int64((now.timeIntervalSince1970 * 1_000_000).rounded()) - Int64(hours) * 3_600_000_000
        }
        if !query.skills.isEmpty {
            let numbers = query.skills.compactMap { terms.skills.numbers[$0] }
            filters.impossible = filters.impossible || numbers.count < query.skills.count
            filters.skills = numbers
        }
        if let company = query.company {
            filters.company = terms.companies.numbers[company]
            filters.impossible = filters.impossible || filters.company == nil
        }
        self.filters = filters
        pool = snapshot.pool
    }

    /// The search over `matches` (the text's matches, best first), or over
    /// every posting without a text query.
    func run(matches: TextMatches.MatchSet?) -> Outcome {
        var scan = Scan(search: self)
        guard !filters.impossible else {
            return Outcome(slots: [], ranks: matches == nil ? nil : [], total: 0, facets: JobFacets())
        }
        if let matches {
            let visited = scan.visitUntilComplete(matches.slots.count) { (matches.slots[$0], matches.ranks[$0]) }
            // The rest only adds to the totals: count every match again, in memory order.
            if visited < matches.slots.count { scan.recount(matches.inSlotOrder) }
        } else if filters.isEmpty {
            // Everything matches: the counts are the snapshot's, and the walk
            // stops once the facet sample and the page are complete.
            scan.counter.known(
                total: snapshot.rows.count, workplaces: snapshot.workplaceTotals, types: snapshot.typeTotals)
            _ = scan.visitUntilComplete(snapshot.rows.count) { (Int32($0), nil) }
        } else if let slots = narrowestSlots() {
            let visited = scan.visitUntilComplete(slots.count) { (slots[$0], nil) }
            slots[visited...].withUnsafeBufferPointer { scan.tally($0) }
        } else {
            // Newest first: postings older than `postedWithin` are all at the end.
            let end = filters.postedSince.map(firstSlot(olderThan:)) ?? snapshot.rows.count
            let visited = scan.visitUntilComplete(end) { (Int32($0), nil) }
            scan.tally(Int32(visited)..<Int32(end))
        }
        return Outcome(
            slots: scan.page, ranks: matches == nil ? nil : scan.pageRanks, total: scan.counter.total,
            facets: scan.counter.facets())
    }

    /// The first slot dated before `micros` (rows are newest first): a binary search.
    private func firstSlot(olderThan micros: Int64) -> Int {
        let rows = snapshot.rows
        var low = 0
        var high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if rows[middle].sortMicros < micros { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Without text, the postings of the filtered company, else of the
    /// rarest filtered skill, in date order: every match is among them.
    private func narrowestSlots() -> [Int32]? {
        if let company = filters.company { return snapshot.companySlots[Int(company)] }
        if let skills = filters.skills, !skills.isEmpty {
            return skills.map { snapshot.naming[Int($0)] }.min { $0.count < $1.count }
        }
        return nil
    }

    /// The walk over the postings in result order: a struct with mutating
    /// steps rather than a closure over local variables, which boxed them and
    /// checked exclusive access on every posting.
    private struct Scan {
        let search: IndexedSearch
        let rows: [SearchRow]
        let wanted: Int
        let cursor: SearchCursor?
        let cursorRank: Float?
        let cursorKey: (UInt64, UInt64)?
        var counter: FacetCounter
        var page: [Int32] = []
        var pageRanks: [Float] = []
        var past: Bool

        init(search: IndexedSearch) {
            self.search = search
            rows = search.snapshot.rows
            wanted = search.query.limit + 1
            cursor = search.query.cursor
            cursorRank = cursor?.rank.map(Float.init)
            cursorKey = cursor.map { RecommendationScorer.orderKey($0.id) }
            counter = FacetCounter(snapshot: search.snapshot)
            past = cursor == nil
        }

        mutating func visit(_ slot: Int32, rank: Float?) {
            let row = rows[Int(slot)]
            guard search.admits(row) else { return }
            counter.count(row, slot: slot)
            if !past, let cursor, let cursorKey {
                if let rank, let cursorRank, rank != cursorRank {
                    past = rank < cursorRank
                } else if row.sortMicros != cursor.sortMicros {
                    past = row.sortMicros < cursor.sortMicros
                } else {
                    past = search.snapshot.postings[Int(slot)].idKey < cursorKey
                }
            }
            if past, page.count < wanted {
                page.append(slot)
                if let rank { pageRanks.append(rank) }
            }
        }

        /// Whether the page is full and the facet sample taken.
        var isComplete: Bool { page.count == wanted && counter.seen >= IndexedSearch.facetSampleSize }

        /// Visits the walk's postings `posting(0)`, `posting(1)`, … (slot and
        /// rank) until the scan is complete or `count` are visited; returns how
        /// many it visited.
        mutating func visitUntilComplete(_ count: Int, _ posting: (Int) -> (Int32, Float?)) -> Int {
            var index = 0
            while index < count, !isComplete {
                let (slot, rank) = posting(index)
                visit(slot, rank: rank)
                index += 1
            }
            return index
        }

        /// The rest of the walk once it is complete: only the total, workplace
        /// and type counts still change, so a tight loop counts them (most of
        /// a broad search's matches go by here).
        mutating func tally<Slots: Sequence<Int32>>(_ slots: Slots) {
            rows.withUnsafeBufferPointer { rows in counter.tally(slots, rows: rows, search: search) }
        }

        /// The total, workplace and type counts over all of `slots`, in place
        /// of those counted so far (a subset of them).
        mutating func recount(_ slots: [Int32]) {
            counter.clearTotals()
            if search.filters.isEmpty {
                search.snapshot.countCodes.withUnsafeBufferPointer { counter.tally(slots, codes: $0) }
            } else {
                tally(slots)
            }
        }
    }

    /// Whether the posting passes every filter but the text.
    fileprivate func admits(_ row: SearchRow) -> Bool {
        if let company = filters.company, row.company != company { return false }
        if let workplaces = filters.workplaces, workplaces & (1 << row.workplace) == 0 || row.workplace == 0 {
            return false
        }
        if let types = filters.employmentTypes, row.employmentType < 0 || !types[Int(row.employmentType)] {
            return false
        }
        if let salaryMin = filters.salaryMin, !(row.salaryCeiling >= salaryMin) { return false }
        if let since = filters.postedSince, row.sortMicros < since { return false }
        if let places = filters.places {
            guard pool[row.places].contains(where: { places[Int($0)] }) else { return false }
        }
        if let skills = filters.skills {
            let own = pool[row.skills]
            guard skills.allSatisfy(own.contains) else { return false }
        }
        return true
    }

    /// Counts as the matches go by, best first.
    private struct FacetCounter {
        let terms: SearchTerms
        let pool: [Int32]
        /// For each company's spelling.
        let postings: [IndexedPosting]
        var total = 0
        /// By `SearchRow.workplaceCode`.
        var workplaces = [Int](repeating: 0, count: SearchRow.workplaces.count + 1)
        var types: [Int]
        /// Per lower-cased company: how often each spelling occurs.
        var companies: [Int32: [Int32: Int]] = [:]
        var skills: [Int]
        /// Matches counted so far.
        var seen = 0
        /// Whether the total, workplace and type counts were given up front.
        var countsKnown = false

        init(snapshot: PostingSnapshot) {
            terms = snapshot.terms
            pool = snapshot.pool
            postings = snapshot.postings
            types = [Int](repeating: 0, count: terms.employmentTypes.count)
            skills = [Int](repeating: 0, count: terms.skills.count)
        }

        /// Forgets the total, workplace and type counts, to count them again.
        mutating func clearTotals() {
            total = 0
            workplaces = workplaces.map { _ in 0 }
            types = types.map { _ in 0 }
        }

        mutating func known(total: Int, workplaces: [Int], types: [Int]) {
            self.total = total
            self.workplaces = workplaces
            self.types = types
            countsKnown = true
        }

        mutating func count(_ row: SearchRow, slot: Int32) {
            seen += 1
            if !countsKnown {
                total += 1
                workplaces[Int(row.workplace)] += 1
                if row.employmentType >= 0 { types[Int(row.employmentType)] += 1 }
            }
            // Companies and skills count over the best matches only.
            guard seen <= IndexedSearch.facetSampleSize else { return }
            companies[row.company, default: [:]][postings[Int(slot)].spelling, default: 0] += 1
            for skill in pool[row.skills] {
                skills[Int(skill)] += 1
            }
        }

        /// `count` for matches past the facet sample, with the filters
        /// checked here: the total, workplace and type counts only.
        mutating func tally<Slots: Sequence<Int32>>(
            _ slots: Slots, rows: UnsafeBufferPointer<SearchRow>, search: IndexedSearch
        ) {
            var added = 0
            workplaces.withUnsafeMutableBufferPointer { workplaces in
                types.withUnsafeMutableBufferPointer { types in
                    for slot in slots {
                        let row = rows[Int(slot)]
                        guard search.admits(row) else { continue }
                        added += 1
                        workplaces[Int(row.workplace)] += 1
                        if row.employmentType >= 0 { types[Int(row.employmentType)] += 1 }
                    }
                }
            }
            seen += added
            total += added
        }

        /// `tally` when every match is admitted, from `PostingSnapshot.countCodes`.
        mutating func tally(_ slots: [Int32], codes: UnsafeBufferPointer<UInt16>) {
            workplaces.withUnsafeMutableBufferPointer { workplaces in
                types.withUnsafeMutableBufferPointer { types in
                    for slot in slots {
                        let code = codes[Int(slot)]
                        workplaces[Int(code & 3)] += 1
                        if code > 3 { types[Int(code >> 2) - 1] += 1 }
                    }
                }
            }
            seen += slots.count
            total += slots.count
        }

        func facets() -> JobFacets {
            let workplaceCounts = SearchRow.workplaces.enumerated().map {
                ($0.element.rawValue, workplaces[$0.offset + 1])
            }
            let typeCounts = types.indices.map { (terms.employmentTypes[Int32($0)], types[$0]) }
            // A company boards spell differently is named by its most frequent spelling (the first on a tie).
            let companyCounts = companies.values.map { spellings in
                let named = spellings.map { (terms.spellings[$0.key], $0.value) }
                let name = named.min { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }?.0 ?? ""
                return (name, spellings.values.reduce(0, +))
            }
            let skillCounts = skills.indices.map { (terms.skills[Int32($0)], skills[$0]) }
            return JobFacets(
                workplace: Self.ranked(workplaceCounts), employmentType: Self.ranked(typeCounts),
                company: Self.ranked(companyCounts, limit: IndexedSearch.companyFacetSize),
                skills: Self.ranked(skillCounts, limit: IndexedSearch.skillFacetSize))
        }

        /// Most frequent first, then by value; values never counted are left out.
        static func ranked(_ counts: [(String, Int)], limit: Int = .max) -> [JobFacets.Count] {
            counts.filter { $0.1 > 0 }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(limit).map {
                JobFacets.Count(value: $0.0, count: $0.1)
            }
        }
    }
}
