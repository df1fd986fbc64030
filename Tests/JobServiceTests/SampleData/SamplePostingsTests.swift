import Foundation
import SkillMatching
import Taxonomy
import Testing

@testable import JobService

/// The bundled sample file as shipped: enough varied, clearly fictional postings.
@Suite struct SamplePostingsTests {
    static let drafts = Result { try SamplePostings.bundled() }

    @Test func decodesAtLeast300UniquePostings() throws {
        let drafts = try Self.drafts.get()
        #expect(drafts.count >= 300)
        #expect(Set(drafts.map(\.externalId)).count == drafts.count)
        #expect(drafts.allSatisfy { $0.source == SamplePostings.source })
        #expect(drafts.allSatisfy { $0.externalId.hasPrefix("sample-") })
    }

    @Test func everyPostingIsMarkedAsSample() throws {
        for draft in try Self.drafts.get() {
            #expect(draft.sample, "\(draft.externalId)")
            #expect(
                draft.descriptionHtml?.hasPrefix("<p><em>\(SamplePostings.marker)</em></p>") == true,
                "\(draft.externalId)")
            let host = draft.applyUrl.flatMap { URLComponents(string: $0)?.host }
            #expect(host == "example.com", "\(draft.externalId)")
        }
    }

    /// Titles a recommender can place: at least 25 different taxonomy roles.
    @Test func spansAtLeast25RoleFamilies() throws {
        let matcher = RoleTitleMatcher(taxonomy: try Taxonomy.bundled())
        let drafts = try Self.drafts.get()
        let matches = drafts.compactMap { matcher.match($0.title) }
        #expect(Set(matches.map(\.roleId)).count >= 25)
        #expect(Double(matches.count) >= 0.9 * Double(drafts.count))
    }

    @Test func variesCompaniesPlacesPayAndTypes() throws {
        let drafts = try Self.drafts.get()
        #expect(Set(drafts.map(\.company)).count >= 35)
        let currencies = Set(drafts.compactMap { $0.salary?.currency })
        #expect(currencies.isSuperset(of: ["USD", "EUR", "GBP", "INR"]))
        let periods = Set(drafts.compactMap { $0.salary?.period?.lowercased() })
        #expect(periods.contains("hour") || periods.contains("hourly"))
        #expect(drafts.contains { $0.salary == nil })
        #expect(drafts.contains { $0.salary?.min == nil && $0.salary?.text != nil })
        #expect(drafts.contains { $0.salary == nil && $0.descriptionHtml?.contains("Compensation:") == true })
        let locations = drafts.flatMap(\.locations)
        for place in ["Remote", ", CA", ", UK", "Germany", "India"] {
            #expect(locations.contains { $0.contains(place) }, "\(place)")
        }
        #expect(Set(drafts.compactMap(\.employmentTypeHint)).count >= 5)
    }

    @Test func shiftingKeepsAgesAndMakesTheNewestNow() throws {
        let drafts = try Self.drafts.get()
        let now = Date(timeIntervalSince1970: 1_900_000_000)
        let shifted = SamplePostings.shifted(drafts, newestAt: now)
        #expect(shifted.compactMap(\.postedAt).max() == now)
        let before = drafts.compactMap(\.postedAt)
        let after = shifted.compactMap(\.postedAt)
        #expect(before.count == drafts.count)
        let span = before.max()!.timeIntervalSince(before.min()!)
        #expect(after.max()!.timeIntervalSince(after.min()!) == span)
        #expect(span > 30 * 86_400 && span <= 45 * 86_400)
    }
}
