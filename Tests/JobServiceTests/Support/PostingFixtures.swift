import Contracts
import Foundation

@testable import JobService

/// Normalised postings for store, search and recommendation tests, with only
/// the fields a test cares about set.
enum PostingFixtures {
    static func posting(
        source: String = "greenhouse", externalId: String = UUID().uuidString, title: String = "Software Engineer",
        company: String = "Acme", locations: [String] = ["Berlin, Germany"], workplace: Job.Workplace? = .onsite,
        employmentType: String? = "full_time", salary: Job.Salary? = nil, annualSalaryMin: Double? = nil,
        annualSalaryMax: Double? = nil, description: String = "Build things.", requiredSkills: [String] = [],
        preferredSkills: [String] = [], seniority: String? = nil, postedAt: Date? = Date(), sample: Bool = false,
        dedupeKey: String? = nil
    ) -> NormalizedPosting {
        NormalizedPosting(
            source: source, externalId: externalId, title: title, company: company, locations: locations,
            workplace: workplace, employmentType: employmentType, salary: salary, annualSalaryMin: annualSalaryMin,
            annualSalaryMax: annualSalaryMax, descriptionText: description, descriptionHtml: "<p>\(description)</p>",
            requiredSkills: requiredSkills, preferredSkills: preferredSkills, seniority: seniority, postedAt: postedAt,
            updatedAt: nil, applyUrl: "https://example.com/apply/\(externalId)", attributionUrl: nil, sample: sample,
            dedupeKey: dedupeKey ?? [company, title, locations.first ?? ""].joined(separator: "|").lowercased())
    }
}
