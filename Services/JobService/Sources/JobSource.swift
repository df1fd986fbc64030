/// One configured source: a provider and the board on it to read (a company's
/// board token, a Lever site, an Ashby board, or a search for the aggregators).
struct JobSource: Codable, Sendable, Equatable {
    /// "<provider>:<board>", e.g. "greenhouse:stripe".
    var id: String
    /// "greenhouse", "lever", "ashby", "remoteok", "arbeitnow", "adzuna", "usajobs".
    var provider: String
    /// The board token, site or search words.
    var board: String
    /// The company's display name (boards like Greenhouse don't repeat it per
    /// posting), or a label for the aggregators.
    var name: String
    var enabled: Bool = true
}
