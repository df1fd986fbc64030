import Contracts
import Foundation

/// A `JobSearchPage` as `JobSearch.encoder` writes it (keys sorted), put
/// together from postings already encoded (`ListingCache`), so a page
/// encodes only its facets and cursor: encoding twenty jobs through
/// `JSONEncoder` was most of an uncached page's time.
enum SearchPageJSON {
    static func body(items: [[UInt8]], nextCursor: String?, total: Int, facets: JobFacets) throws -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(items.reduce(256) { $0 + $1.count + 1 })
        body += #"{"facets":"#.utf8
        body += try JobSearch.encoder.encode(facets)
        body += #","items":["#.utf8
        for (index, item) in items.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body += item
        }
        body.append(UInt8(ascii: "]"))
        if let nextCursor {
            body += #","nextCursor":"#.utf8
            body += try JobSearch.encoder.encode(nextCursor)
        }
        body += #","total":"#.utf8
        body += String(total).utf8
        body.append(UInt8(ascii: "}"))
        return body
    }
}
