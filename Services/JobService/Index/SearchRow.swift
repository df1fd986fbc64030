import Contracts

/// What search filters, orders and counts a posting by, as plain values:
/// strings are numbers in the snapshot's `SearchTerms`, lists are ranges of
/// its pools. Reading a hundred thousand of these copies no references (with
/// the strings and arrays of `IndexedPosting`, retaining them was most of the
/// time of a search).
struct SearchRow: Sendable {
    var sortMicros: Int64
    var idKey: (UInt64, UInt64)
    /// The yearly upper bound, else the lower one; NaN when the posting gives none.
    var salaryCeiling: Double
    /// Lower-cased company, and the company as written.
    var company: Int32
    var spelling: Int32
    /// -1 when the posting gives none.
    var employmentType: Int32
    /// `SearchRow.workplaceCode`.
    var workplace: UInt8
    /// Lower-cased locations: `placeCount` entries of `SearchTerms.placePool` from `placeStart`.
    var placeStart: Int32
    var placeCount: Int32
    /// Skill ids: `skillCount` entries of `SearchTerms.skillPool` from `skillStart`.
    var skillStart: Int32
    var skillCount: Int32

    static let workplaces: [Job.Workplace] = [.remote, .hybrid, .onsite]

    /// 0 for none, else 1 + the place in `workplaces`.
    static func workplaceCode(_ workplace: Job.Workplace?) -> UInt8 {
        guard let workplace, let index = workplaces.firstIndex(of: workplace) else { return 0 }
        return UInt8(index + 1)
    }
}

/// The distinct strings of a snapshot's postings, numbered, and the pools
/// `SearchRow`'s ranges point into.
struct SearchTerms: Sendable {
    /// Numbers strings in order of first appearance.
    struct Table: Sendable {
        private(set) var strings: [String] = []
        private(set) var numbers: [String: Int32] = [:]

        mutating func number(_ string: String) -> Int32 {
            if let known = numbers[string] { return known }
            let number = Int32(strings.count)
            strings.append(string)
            numbers[string] = number
            return number
        }

        subscript(number: Int32) -> String { strings[Int(number)] }
        var count: Int { strings.count }
    }

    var companies = Table()
    var spellings = Table()
    var employmentTypes = Table()
    var places = Table()
    var skills = Table()
    var placePool: [Int32] = []
    var skillPool: [Int32] = []

    /// The row of `posting`, numbering its strings.
    mutating func row(_ posting: IndexedPosting) -> SearchRow {
        let placeStart = Int32(placePool.count)
        for place in posting.placeKeys { placePool.append(places.number(place)) }
        let skillStart = Int32(skillPool.count)
        for skill in posting.skillIds { skillPool.append(skills.number(skill)) }
        return SearchRow(
            sortMicros: posting.sortMicros, idKey: posting.idKey, salaryCeiling: posting.salaryCeiling ?? .nan,
            company: companies.number(posting.companyKey), spelling: spellings.number(posting.company),
            employmentType: posting.candidate.employmentType.map { employmentTypes.number($0) } ?? -1,
            workplace: SearchRow.workplaceCode(posting.candidate.workplace), placeStart: placeStart,
            placeCount: Int32(posting.placeKeys.count), skillStart: skillStart,
            skillCount: Int32(posting.skillIds.count))
    }
}
