import Contracts

/// What search filters, orders and counts a posting by, as plain values:
/// strings are numbers in the snapshot's `SearchTerms`, lists are ranges of
/// its pools. Reading a hundred thousand of these copies no references (with
/// strings and arrays, retaining them was most of the time of a search).
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
    /// Place numbers: `placeCount` entries of the snapshot's `placePool` from `placeStart`.
    var placeStart: Int32
    var placeCount: Int32
    /// Skill numbers: `skillCount` entries of the snapshot's `skillPool` from `skillStart`.
    var skillStart: Int32
    var skillCount: Int32

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
