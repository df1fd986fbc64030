import Contracts

/// What every page of one search reports besides its items: how many postings
/// match and the facets. Computed with the first page (no cursor) and cached
/// under the search's fingerprint, so later pages only rank and fetch their
/// rows; a later page whose summary has expired or was never cached computes
/// it again in the same statement as its rows.
struct SearchSummary: Codable, Sendable, Equatable {
    var total: Int
    var facets: JobFacets
}
