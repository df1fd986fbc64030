import Foundation
import Taxonomy

@testable import JobService

/// What the normalisation tests share: the shipped taxonomy, loaded once, and
/// a draft with every required field set.
enum NormalisationFixtures {
    static let taxonomy = Result { try Taxonomy.bundled() }

    static func normalizer() throws -> PostingNormalizer { PostingNormalizer(taxonomy: try taxonomy.get()) }

    /// 2025-03-01T12:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_740_830_400)

    static func draft(
        source: String = "greenhouse", externalId: String = "4012345", title: String = "Senior Backend Engineer",
        company: String = "Acme, Inc.", locations: [String] = ["Berlin, Germany"], descriptionHtml: String? = nil
    ) -> PostingDraft {
        PostingDraft(
            source: source, externalId: externalId, title: title, company: company, locations: locations,
            descriptionHtml: descriptionHtml)
    }
}
