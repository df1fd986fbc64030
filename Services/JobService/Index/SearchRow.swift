import Contracts

/// What search filters, orders and counts a posting by, as plain values:
/// strings are numbers in the snapshot's `SearchTerms`, lists are ranges of
/// its pool. Reading a hundred thousand of these copies no references (with
/// strings and arrays, retaining them was most of the time of a search).
///
/// 32 bytes, two to a cache line: counting the matches of a broad search
/// reads one row per match, and most of that time was waiting for memory.
/// The id key and the company as written, needed only for a cursor's ties
/// and the facets' names, are read from the posting itself.
struct SearchRow: Sendable {
    var sortMicros: Int64
    /// The yearly upper bound, else the lower one; NaN when the posting gives none.
    var salaryCeiling: Double
    /// Lower-cased company.
    var company: Int32
    /// Where the posting's numbers start in the snapshot's `pool`:
    /// `placeCount` place numbers, then `skillCount` skill numbers.
    var poolStart: Int32
    var placeCount: UInt16
    var skillCount: UInt16
    /// -1 when the posting gives none.
    var employmentType: Int16
    /// `SearchRow.workplaceCode`.
    var workplace: UInt8

    /// The range of `pool` holding the place numbers.
    var places: Range<Int> { Int(poolStart)..<Int(poolStart) + Int(placeCount) }
    /// The range of `pool` holding the skill numbers.
    var skills: Range<Int> { places.upperBound..<places.upperBound + Int(skillCount) }

    static let workplaces: [Job.Workplace] = [.remote, .hybrid, .onsite]

    /// The workplace code in the low two bits, the employment-type number + 1
    /// (0 for none) above them.
    var countCode: UInt16 { UInt16(workplace) | UInt16(employmentType + 1) << 2 }

    /// 0 for none, else 1 + the place in `workplaces`.
    static func workplaceCode(_ workplace: Job.Workplace?) -> UInt8 {
        guard let workplace, let index = workplaces.firstIndex(of: workplace) else { return 0 }
        return UInt8(index + 1)
    }
}
