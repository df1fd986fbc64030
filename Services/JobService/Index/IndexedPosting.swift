import Contracts
import Database
import Foundation

/// An open, original posting as the in-memory index keeps it: what search
/// filters, orders and counts by, and what recommendations score. Descriptions
/// stay in PostgreSQL; a page reads its postings from there.
struct IndexedPosting: Sendable {
    /// Title, skills, seniority, workplace, places, salary: what scoring reads.
    var candidate: RecommendationCandidate
    var company: String
    /// `company` lower-cased: the company filter and facet group by it.
    var companyKey: String
    /// `locations` lower-cased, for the substring filter.
    var placeKeys: [String]
    /// Required and preferred skills together, taxonomy ids.
    var skillIds: [String]
    /// The yearly upper bound, else the lower one: what `salaryMin` compares.
    var salaryCeiling: Double?
    /// `sort_at` in whole microseconds, PostgreSQL's precision, so cursors compare exactly.
    var sortMicros: Int64
    /// The id as two big-endian integers: orders as PostgreSQL orders uuids.
    var idKey: (UInt64, UInt64)

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

    init(row: DatabaseRow) throws {
        func list(_ column: Int) throws -> [String] { Self.items(try row.decode(String.self, at: column)) }
        let sortMicros = try row.decode(Int64.self, at: 13)
        let locations = try list(8)
        let salaryMin = try row.decode(Double?.self, at: 9)
        let salaryMax = try row.decode(Double?.self, at: 10)
        candidate = RecommendationCandidate(
            id: try row.decode(UUID.self, at: 0), title: try row.decode(String.self, at: 1),
            requiredSkills: try list(3), preferredSkills: try list(4), seniority: try row.decode(String?.self, at: 6),
            workplace: try row.decode(String?.self, at: 7).flatMap(Job.Workplace.init(rawValue:)),
            locations: locations, salaryAnnualMin: salaryMin, salaryAnnualMax: salaryMax,
            salaryCurrency: try row.decode(String?.self, at: 11), employmentType: try row.decode(String?.self, at: 12),
            sortAt: Date(timeIntervalSince1970: Double(sortMicros) / 1_000_000))
        company = try row.decode(String.self, at: 2)
        companyKey = company.lowercased()
        placeKeys = locations.map { $0.lowercased() }
        skillIds = try list(5)
        salaryCeiling = salaryMax ?? salaryMin
        self.sortMicros = sortMicros
        idKey = RecommendationScorer.orderKey(candidate.id)
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
