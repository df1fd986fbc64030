import Foundation
import Taxonomy

/// Turns what a board gave (`PostingDraft`) into what job-service stores and
/// serves (`NormalizedPosting`), or says why it can't.
///
/// Rejected (`PostingRejection`): an empty source, external id, title or
/// company (after trimming), a title over `maximumTitleLength` characters, an
/// apply URL that is present but not an absolute http(s) URL.
///
/// Repaired, not rejected:
/// - title, company, locations and tags are decoded and whitespace-collapsed;
///   locations lose blanks and case-insensitive duplicates, and keep at most
///   `maximumLocations`;
/// - an attribution URL that is not an absolute http(s) URL is dropped;
/// - a `postedAt`/`updatedAt` more than `futureTolerance` ahead of `now`, or
///   before `earliestDate`, is dropped: a board's clock or date bug must not pin
///   a posting to the top of "newest" (store-side, a missing date sorts the
///   posting by when it was first seen). Within the tolerance (time zones) the
///   date is kept as given.
struct PostingNormalizer: Sendable {
    static let maximumTitleLength = 300
    static let maximumLocations = 20
    static let futureTolerance: TimeInterval = 24 * 60 * 60
    /// 2000-01-01T00:00:00Z: anything older is a parse error, not a posting date.
    static let earliestDate = Date(timeIntervalSince1970: 946_684_800)

    let taxonomy: Taxonomy

    init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
    }

    func normalize(_ draft: PostingDraft, now: Date = Date()) throws -> NormalizedPosting {
        let source = InlineText.clean(draft.source).lowercased()
        guard !source.isEmpty else { throw PostingRejection("source", "is empty") }
        let externalId = draft.externalId.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !externalId.isEmpty else { throw PostingRejection("externalId", "is empty") }
        let title = InlineText.clean(draft.title)
        guard !title.isEmpty else { throw PostingRejection("title", "is empty") }
        guard title.count <= Self.maximumTitleLength else {
            throw PostingRejection(
                "title", "is \(title.count) characters long; at most \(Self.maximumTitleLength) are allowed")
        }
        let company = InlineText.clean(draft.company)
        guard !company.isEmpty else { throw PostingRejection("company", "is empty") }

        var applyUrl: String?
        if let raw = draft.applyUrl, !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            guard let valid = WebURL.validated(raw) else {
                throw PostingRejection("applyUrl", "is not an absolute http or https URL")
            }
            applyUrl = valid
        }

        let locations = Self.locations(draft.locations)
        let description = HTMLSanitizer.sanitize(draft.descriptionHtml ?? "")
        let salary = SalaryParser.parse(hint: draft.salary, description: description.text)
        let workplace = WorkplaceClassifier.classify(
            remote: draft.remote, hint: draft.workplaceHint, locations: locations, title: title,
            description: description.text)
        let skills = PostingSkills.read(
            title: title, description: description.text, tags: draft.tags.map(InlineText.clean), taxonomy: taxonomy)

        return NormalizedPosting(
            source: source, externalId: externalId, title: title, company: company, locations: locations,
            workplace: workplace,
            employmentType: EmploymentTypeClassifier.classify(hint: draft.employmentTypeHint, title: title),
            salary: salary?.salary, annualSalaryMin: salary?.annualMin, annualSalaryMax: salary?.annualMax,
            descriptionText: description.text, descriptionHtml: description.html,
            requiredSkills: skills.required, preferredSkills: skills.preferred,
            seniority: SeniorityClassifier.classify(title: title),
            postedAt: Self.plausibleDate(draft.postedAt, now: now),
            updatedAt: Self.plausibleDate(draft.updatedAt, now: now),
            applyUrl: applyUrl, attributionUrl: draft.attributionUrl.flatMap(WebURL.validated),
            sample: draft.sample,
            dedupeKey: DedupeKey.make(company: company, title: title, locations: locations, workplace: workplace))
    }

    /// The posting's skill names and aliases for full-text search (the
    /// `skill_text` column): see `PostingSkills.searchText(for:taxonomy:)`.
    func searchText(for posting: NormalizedPosting) -> String {
        PostingSkills.searchText(for: posting.skillIds, taxonomy: taxonomy)
    }

    static func locations(_ raw: [String]) -> [String] {
        var seen: Set<String> = []
        var kept: [String] = []
        for location in raw {
            let cleaned = InlineText.clean(location)
            guard !cleaned.isEmpty, seen.insert(cleaned.lowercased()).inserted else { continue }
            kept.append(cleaned)
            if kept.count == maximumLocations { break }
        }
        return kept
    }

    static func plausibleDate(_ date: Date?, now: Date) -> Date? {
        guard let date, date >= earliestDate, date <= now.addingTimeInterval(futureTolerance) else { return nil }
        return date
    }
}
