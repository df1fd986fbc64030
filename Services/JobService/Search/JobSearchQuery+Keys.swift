import Contracts
import Foundation
import Security

/// The names a search goes by: one for its filters (what a cursor and the
/// cached total and facets belong to) and one for a page of it (the cached
/// response). Both hash canonical JSON of the parsed query, so spellings that
/// parse alike ("Swift  iOS" and "swift ios", "hybrid,remote" and
/// "remote,hybrid,remote", "50000" and "5e4") share them.
extension JobSearchQuery {
    /// The filters alone, in canonical form.
    private struct Filters: Encodable {
        var q: String?
        var location: String?
        var workplace: [String]
        var type: [String]
        var salaryMin: Double?
        var postedWithinHours: Int?
        var skills: [String]
        var company: String?
    }

    /// The page: the filters, where it starts and how long it is.
    private struct Page: Encodable {
        var filters: String
        var cursor: String?
        var limit: Int
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Canonical JSON of the filters.
    var canonicalFilters: String {
        let filters = Filters(
            q: text, location: location, workplace: workplaces.map(\.rawValue), type: employmentTypes,
            salaryMin: salaryMin, postedWithinHours: postedWithinHours, skills: skills, company: company)
        // Strings, numbers and arrays of them always encode.
        return String(decoding: (try? Self.encoder.encode(filters)) ?? Data(), as: UTF8.self)
    }

    /// SHA-256 of the filters (hex): a cursor carries it, the cached total and
    /// facets are stored under it. The page size is not part of it, so a client
    /// may change `limit` from one page to the next.
    var fingerprint: String { Self.sha256(canonicalFilters) }

    /// SHA-256 of the filters, the cursor and the limit (hex): the cached page.
    var pageHash: String {
        let page = Page(filters: canonicalFilters, cursor: cursor?.text, limit: limit)
        return Self.sha256(String(decoding: (try? Self.encoder.encode(page)) ?? Data(), as: UTF8.self))
    }

    private static func sha256(_ text: String) -> String { Digest.hex(Digest.sha256(Array(text.utf8))) }
}
