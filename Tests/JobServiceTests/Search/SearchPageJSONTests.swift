import Contracts
import Foundation
import Testing

@testable import JobService

/// A page put together from encoded postings is byte for byte what
/// `JSONEncoder` writes for the same `JobSearchPage`, so cached pages and
/// clients see one format.
@Suite struct SearchPageJSONTests {
    static let jobs = [
        Job(
            id: UUID().uuidString.lowercased(), title: #"Swift "Lead" / iOS \ Ünïcode ✓"#, company: "Acme",
            description: "Line one.\nLine two…", source: "greenhouse", externalId: "a"),
        Job(
            id: UUID().uuidString.lowercased(), title: "Data Engineer", company: "Globex", description: nil,
            source: "lever", externalId: "b"),
    ]
    static let facets = JobFacets(
        workplace: [.init(value: "remote", count: 2)], employmentType: [.init(value: "full_time", count: 1)],
        company: [.init(value: #"Acme "&" Co"#, count: 1), .init(value: "Tab\tBell\u{07}/Ünïcode 🚀", count: 1)],
        skills: [.init(value: "swift", count: 2)])

    @Test(arguments: [(2, "eyJyIjoxfQ" as String?), (2, nil), (0, nil)])
    func aPageIsWhatTheEncoderWrites(count: Int, nextCursor: String?) throws {
        let items = Array(Self.jobs.prefix(count))
        let expected = try JobSearch.encoder.encode(
            JobSearchPage(items: items, nextCursor: nextCursor, total: 1234, facets: Self.facets))
        let body = SearchPageJSON.body(
            items: try items.map { Array(try JobSearch.encoder.encode($0)) }, nextCursor: nextCursor, total: 1234,
            facets: Self.facets)
        #expect(String(decoding: body, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }
}
