import Foundation
import TestSupport
import Testing

@testable import JobService

@Suite("Arbeitnow connector")
struct ArbeitnowConnectorTests {
    static let source = BoardTesting.source("arbeitnow", "all", name: "Arbeitnow")

    static func withConnector(
        pageSize: Int = 100, maxPages: Int = 5, _ body: (FakeArbeitnow, ArbeitnowConnector) async throws -> Void
    ) async throws {
        try await BoardTesting.withHTTP { http in
            try await FakeArbeitnow.run { fake in
                fake.pageSize = pageSize
                try await body(fake, ArbeitnowConnector(baseURL: fake.baseURL, http: http, maxPages: maxPages))
            }
        }
    }

    @Test("maps a job: slug as id, job types, remote flag, Unix created_at, link back")
    func mapsFields() async throws {
        let posting = FakeJobPosting(
            id: "118", title: "Backend Entwickler (m/w/d)", company: "Muster GmbH", locations: ["München"],
            remote: true, employmentType: "Berufserfahren", descriptionHtml: "<p>Wir suchen dich.</p>",
            tags: ["Software Development", "IT"], postedAt: BoardTesting.date(hours: -2))
        try await Self.withConnector { fake, connector in
            fake.setListings([.posting(posting)])
            let fetch = try await connector.fetch(Self.source)
            let draft = try #require(fetch.postings.first)
            #expect(draft.source == "arbeitnow")
            #expect(draft.externalId == FakeArbeitnow.slug(of: posting))
            #expect(draft.title == "Backend Entwickler (m/w/d)")
            #expect(draft.company == "Muster GmbH")
            #expect(draft.locations == ["München"])
            #expect(draft.remote == true)
            #expect(draft.employmentTypeHint == "Berufserfahren")
            #expect(draft.tags == ["Software Development", "IT"])
            #expect(draft.descriptionHtml == "<p>Wir suchen dich.</p>")
            #expect(draft.postedAt == BoardTesting.date(hours: -2))
            #expect(draft.attributionUrl?.hasPrefix("https://www.arbeitnow.com/jobs/companies/muster-gmbh/") == true)
            #expect(draft.applyUrl == draft.attributionUrl)
            #expect(fake.lastRequest?.query["page"] == "1")
        }
    }

    @Test("follows links.next page by page until it is null")
    func followsNextLinks() async throws {
        let postings = FakeJobPosting.numbered(5)
        try await Self.withConnector(pageSize: 2) { fake, connector in
            fake.setListings(postings.map { .posting($0) })
            let fetch = try await connector.fetch(Self.source)
            #expect(fetch.postings.map(\.title) == postings.map(\.title))
            #expect(fetch.requests == 3)
            #expect(fake.requests.map { $0.query["page"] } == ["1", "2", "3"])
        }
    }

    @Test("stops at the page cap even while links.next goes on")
    func pageCap() async throws {
        try await Self.withConnector(pageSize: 2, maxPages: 2) { fake, connector in
            fake.setListings(FakeJobPosting.numbered(9).map { .posting($0) })
            let fetch = try await connector.fetch(Self.source)
            #expect(fetch.postings.count == 4)
            #expect(fake.requestCount == 2)
        }
    }

    @Test("malformed rows are rejected with reasons across pages; the good rows survive")
    func rejectsMalformedRows() async throws {
        let good = FakeJobPosting.numbered(3)
        try await Self.withConnector(pageSize: 2) { fake, connector in
            fake.setListings([
                .posting(good[0]), .raw(#"{"slug": "no-title-1", "company_name": "X"}"#),
                .raw(#"{"slug": "bad-remote-2", "title": "Koch", "remote": "ja"}"#), .posting(good[1]),
                .raw(#"{"title": "Ohne Slug"}"#), .posting(good[2]),
            ])
            let fetch = try await connector.fetch(Self.source)
            #expect(fetch.postings.map(\.title) == good.map(\.title))
            #expect(
                fetch.rejected == [
                    RejectedRow(reference: "row 2 (id no-title-1)", reason: "has no title"),
                    RejectedRow(reference: "row 3 (id bad-remote-2)", reason: "'remote' is not true or false"),
                    RejectedRow(reference: "row 5", reason: "has no slug"),
                ])
            #expect(fetch.requests == 3)
        }
    }
}
