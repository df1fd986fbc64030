import Foundation

/// One posting as a board, an import file or the bundled sample gave it, before
/// normalisation: the board's own words, typed only as far as the board types them.
///
/// Connectors fill what their format carries and leave the rest nil; the
/// normaliser decides workplace, type, salary, seniority and skills from these
/// hints and the description.
struct PostingDraft: Codable, Sendable, Equatable {
    /// Salary as the board states it: structured numbers, a summary text
    /// ("$120K – $150K", "€50.000–60.000 p.a."), or both.
    struct SalaryHint: Codable, Sendable, Equatable {
        var min: Double?
        var max: Double?
        /// ISO 4217 code or symbol as given.
        var currency: String?
        /// As given: "year", "YEAR", "annual", "hour", "month", "PA", ...
        var period: String?
        var text: String?

        init(
            min: Double? = nil, max: Double? = nil, currency: String? = nil, period: String? = nil, text: String? = nil
        ) {
            self.min = min
            self.max = max
            self.currency = currency
            self.period = period
            self.text = text
        }
    }

    /// The provider: "greenhouse", "lever", "ashby", "remoteok", "arbeitnow",
    /// "adzuna", "usajobs", "import" or "sample".
    var source: String
    /// The posting's id at its board, unique within `source`.
    var externalId: String
    var title: String
    var company: String
    var locations: [String] = []
    /// The board's explicit remote flag, when it has one.
    var remote: Bool? = nil
    /// The board's workplace words ("Remote", "Hybrid", "On-site", "workplaceType").
    var workplaceHint: String? = nil
    /// The board's employment type words ("Full-time", "FullTime", "full_time", "Contract").
    var employmentTypeHint: String? = nil
    var salary: SalaryHint? = nil
    /// HTML (or plain text) as the board sent it, entities and all.
    var descriptionHtml: String? = nil
    /// Tags, categories, departments and teams the board attaches.
    var tags: [String] = []
    var postedAt: Date? = nil
    var updatedAt: Date? = nil
    var applyUrl: String? = nil
    /// A link back to the board where its terms require one.
    var attributionUrl: String? = nil
    /// Bundled sample data rather than a real opening.
    var sample: Bool = false
}
