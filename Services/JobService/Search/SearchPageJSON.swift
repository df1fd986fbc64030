import Contracts
import Foundation
import ServiceKit

/// A `JobSearchPage` as `JobSearch.encoder` writes it (keys sorted), put
/// together from postings already encoded (`ListingCache`), with the
/// facets and cursor written here: encoding twenty jobs through
/// `JSONEncoder` was most of an uncached page's time, the facets 5% more.
enum SearchPageJSON {
    static func body(items: [[UInt8]], nextCursor: String?, total: Int, facets: JobFacets) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(items.reduce(256) { $0 + $1.count + 1 })
        body += #"{"facets":"#.utf8
        appendFacets(facets, to: &body)
        body += #","items":["#.utf8
        for (index, item) in items.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body += item
        }
        body.append(UInt8(ascii: "]"))
        if let nextCursor {
            body += #","nextCursor":"#.utf8
            JSONString.append(nextCursor, to: &body)
        }
        body += #","total":"#.utf8
        body += String(total).utf8
        body.append(UInt8(ascii: "}"))
        return body
    }

    /// `JobFacets` with its keys sorted, as the encoder writes it.
    private static func appendFacets(_ facets: JobFacets, to body: inout [UInt8]) {
        let lists: [(String, [JobFacets.Count])] = [
            ("company", facets.company), ("employmentType", facets.employmentType), ("skills", facets.skills),
            ("workplace", facets.workplace),
        ]
        body.append(UInt8(ascii: "{"))
        for (index, (name, counts)) in lists.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            JSONString.append(name, to: &body)
            body += ":[".utf8
            for (position, count) in counts.enumerated() {
                if position > 0 { body.append(UInt8(ascii: ",")) }
                body += #"{"count":"#.utf8
                body += String(count.count).utf8
                body += #","value":"#.utf8
                JSONString.append(count.value, to: &body)
                body.append(UInt8(ascii: "}"))
            }
            body.append(UInt8(ascii: "]"))
        }
        body.append(UInt8(ascii: "}"))
    }
}
