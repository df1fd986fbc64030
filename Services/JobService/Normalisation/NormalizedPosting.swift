import Contracts
import Foundation

/// A posting in the one shape job-service stores and serves: what
/// `PostingNormalizer` makes of a `PostingDraft`.
struct NormalizedPosting: Sendable, Equatable {
    var source: String
    var externalId: String
    var title: String
    var company: String
    var locations: [String]
    var workplace: Job.Workplace?
    /// "full_time", "part_time", "contract", "temporary", "internship".
    var employmentType: String?
    var salary: Job.Salary?
    /// The salary's bounds per year in its own currency, for `salaryMin` filters.
    var annualSalaryMin: Double?
    var annualSalaryMax: Double?
    /// Sanitised plain text.
    var descriptionText: String
    /// Safe HTML: an allow-list of tags, no scripts, styles, event handlers or script URLs.
    var descriptionHtml: String
    /// Taxonomy ids.
    var requiredSkills: [String]
    var preferredSkills: [String]
    /// "intern", "junior", "mid", "senior", "lead", "principal", "manager", "director".
    var seniority: String?
    var postedAt: Date?
    var updatedAt: Date?
    var applyUrl: String?
    var attributionUrl: String?
    var sample: Bool
    /// Company + normalised title + first location, lowercased and stripped:
    /// the same opening posted to two boards has the same key.
    var dedupeKey: String

    /// Every skill the posting names, required first.
    var skillIds: [String] { requiredSkills + preferredSkills.filter { !requiredSkills.contains($0) } }
}
