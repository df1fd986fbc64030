import Contracts
import Database
import Foundation

/// An open, original posting as the in-memory index keeps it: what search
/// filters, orders and counts by, and what recommendations score. Descriptions
/// stay in PostgreSQL; a page reads its postings from there.
struct IndexedPosting: Sendable {
    /// Title, skills, seniority, workplace, places, salary: what scoring reads.
    var candidate: RecommendationCandidate
    /// `sort_at` in whole microseconds, PostgreSQL's precision, so cursors compare exactly.
    var sortMicros: Int64
    /// The id as two big-endian integers: orders as PostgreSQL orders uuids.
    var idKey: (UInt64, UInt64)
    /// The yearly upper bound, else the lower one: what `salaryMin` compares.
    var salaryCeiling: Double?
    /// The rest in `SearchTerms` numbers: the lower-cased company and the
    /// company as written, the employment type (-1 for none), the lower-cased
    /// locations, required and preferred skills together, the required ones,
    /// and the title's words.
    var company: Int32
    var spelling: Int32
    var employmentType: Int32
    var places: [Int32]
    var skills: [Int32]
    var required: [Int32]
    var titleWords: [Int32]

    var id: UUID { candidate.id }

    /// Newest first, then the greater id: the order of the partial index
    /// `(sort_at DESC, id DESC)` and of searches without text.
    static func precedes(_ first: IndexedPosting, _ second: IndexedPosting) -> Bool {
        if first.sortMicros != second.sortMicros { return first.sortMicros > second.sortMicros }
        return first.idKey > second.idKey
    }

    /// The select list, read by position in `init(row:)`. Arrays travel as one
    /// text with U+001F between items: parsing PostgreSQL's array syntax for a
    /// hundred thousand rows costs more than the query.
    static let columns = """
        id, title, company, array_to_string(required_skills, chr(31)), array_to_string(preferred_skills, chr(31)),
        array_to_string(skill_ids, chr(31)), seniority, workplace, array_to_string(locations, chr(31)),
        salary_annual_min, salary_annual_max, salary_currency, employment_type,
        (extract(epoch FROM sort_at) * 1000000)::int8,
        closed_at IS NULL AND duplicate_of IS NULL
        """

    /// Whether the row read with `columns` is open and an original (column 14):
    /// deltas read closed and duplicate rows too, to drop them.
    static func isListed(_ row: DatabaseRow) throws -> Bool { try row.decode(Bool.self, at: 14) }

    /// The posting of a row read with `columns`, its strings numbered in `terms`.
    init(row: DatabaseRow, terms: inout SearchTerms) throws {
        func list(_ column: Int) throws -> [String] { Self.items(try row.decode(String.self, at: column)) }
        let sortMicros = try row.decode(Int64.self, at: 13)
        let locations = try list(8)
        let salaryMin = try row.decode(Double?.self, at: 9)
        let salaryMax = try row.decode(Double?.self, at: 10)
        let requiredSkills = try list(3)
        candidate = RecommendationCandidate(
            id: try row.decode(UUID.self, at: 0), title: try row.decode(String.self, at: 1),
            requiredSkills: requiredSkills, preferredSkills: try list(4),
            seniority: try row.decode(String?.self, at: 6),
            workplace: try row.decode(String?.self, at: 7).flatMap(Job.Workplace.init(rawValue:)),
            locations: locations, salaryAnnualMin: salaryMin, salaryAnnualMax: salaryMax,
            salaryCurrency: try row.decode(String?.self, at: 11), employmentType: try row.decode(String?.self, at: 12),
            sortAt: Date(timeIntervalSince1970: Double(sortMicros) / 1_000_000))
        self.sortMicros = sortMicros
        idKey = RecommendationScorer.orderKey(candidate.id)
        salaryCeiling = salaryMax ?? salaryMin
        let company = try row.decode(String.self, at: 2)
        self.company = terms.companies.number(company.lowercased())
        spelling = terms.spellings.number(company)
        employmentType = candidate.employmentType.map { terms.employmentTypes.number($0) } ?? -1
        places = locations.map { terms.places.number($0.lowercased()) }
        skills = try list(5).map { terms.skills.number($0) }
        required = Array(Set(requiredSkills.map { terms.skills.number($0) })).sorted()
        titleWords = terms.words(ofTitle: candidate.title)
    }

    /// The non-empty items of `array_to_string(…, chr(31))`. Split on the byte
    /// in the string's own buffer: the generic `split` over a UTF-8 view was a
    /// fifth of the time of loading the index.
    static func items(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var items: [String] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x1F {
                if index > start {
                    items.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                }
                start = index + 1
            }
            return items
        }
    }
}
