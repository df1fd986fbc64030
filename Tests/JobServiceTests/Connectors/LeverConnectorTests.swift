import Foundation
import TestSupport
import Testing

@testable import JobService

@Suite("Lever connector")
struct LeverConnectorTests {
    static func withConnector(
        pageSize: Int = 100, maxPages: Int = 50, _ body: (FakeLever, LeverConnector) async throws -> Void
    ) async throws {
        try await BoardTesting.withHTTP { http in
            try await FakeLever.run { fake in
                try await body(
                    fake, LeverConnector(baseURL: fake.baseURL, http: http, pageSize: pageSize, maxPages: maxPages))
            }
        }
    }

    @Test("maps a posting: lists and closing folded into the description, salary range, categories")
    func mapsFields() async throws {
        let posting = FakeJobPosting(
            id: "5ac21346-8e0c-4494-8e7a-3eb92ff77902", title: "Platform Engineer",
            locations: ["Berlin", "Remote - Europe"], workplaceType: "remote", department: "R&D", team: "Platform",
            employmentType: "Full-time", descriptionHtml: "<div>We build <b>rails</b>.</div>",
            sections: [.init("Requirements", ["Go or Swift", "PostgreSQL"]), .init("Benefits", ["Bike lease"])],
            closingHtml: "<div>Apply &amp; join us.</div>",
            salary: .init(min: 70_000, max: 90_000, currency: "EUR", interval: "per-year-salary", summary: "€70k–90k"),
            postedAt: Date(timeIntervalSince1970: 1_767_225_600.5))
        try await Self.withConnector { fake, connector in
            fake.setBoard("acme", postings: [posting])
            let fetch = try await connector.fetch(BoardTesting.source("lever", "acme", name: "Acme Corp"))
            let draft = try #require(fetch.postings.first)
            #expect(draft.source == "lever")
            #expect(draft.externalId == posting.id)
            #expect(draft.title == "Platform Engineer")
            #expect(draft.company == "Acme Corp")
            #expect(draft.locations == ["Berlin", "Remote - Europe"])
            #expect(draft.workplaceHint == "remote")
            #expect(draft.employmentTypeHint == "Full-time")
            #expect(draft.tags == ["R&D", "Platform"])
            #expect(
                draft.descriptionHtml
                    == "<div>We build <b>rails</b>.</div><h3>Requirements</h3><ul><li>Go or Swift</li>"
                    + "<li>PostgreSQL</li></ul><h3>Benefits</h3><ul><li>Bike lease</li></ul>"
                    + "<div>Apply &amp; join us.</div>")
            #expect(
                draft.salary
                    == PostingDraft.SalaryHint(
                        min: 70_000, max: 90_000, currency: "EUR", period: "per-year-salary", text: "€70k–90k"))
            #expect(draft.postedAt == Date(timeIntervalSince1970: 1_767_225_600.5))
            #expect(draft.applyUrl == "https://jobs.lever.co/acme/\(posting.id)/apply")
        }
    }

    @Test("'unspecified' workplace is no hint; a missing salary is none")
    func unspecifiedWorkplace() async throws {
        try await Self.withConnector { fake, connector in
            fake.setBoard("acme", postings: [FakeJobPosting(id: "a1", title: "Analyst")])
            let draft = try #require(try await connector.fetch(BoardTesting.source("lever", "acme")).postings.first)
            #expect(draft.workplaceHint == nil)
            #expect(draft.salary == nil)
        }
    }

    @Test("pages with skip and limit until a short page: 250 postings in three requests")
    func pagesThroughTheSite() async throws {
        let postings = FakeJobPosting.numbered(250)
        try await Self.withConnector { fake, connector in
            fake.setBoard("acme", postings: postings)
            let fetch = try await connector.fetch(BoardTesting.source("lever", "acme"))
            #expect(fetch.postings.map(\.externalId) == postings.map(\.id))
            #expect(fetch.requests == 3)
            #expect(fake.requests.map { $0.query["skip"] } == ["0", "100", "200"])
            #expect(fake.requests.allSatisfy { $0.query["limit"] == "100" && $0.query["mode"] == "json" })
        }
    }

    @Test("a full last page costs one more request, which comes back empty")
    func exactMultipleOfThePageSize() async throws {
        try await Self.withConnector(pageSize: 10) { fake, connector in
            fake.setBoard("acme", postings: FakeJobPosting.numbered(30))
            let fetch = try await connector.fetch(BoardTesting.source("lever", "acme"))
            #expect(fetch.postings.count == 30)
            #expect(fake.requests.map { $0.query["skip"] } == ["0", "10", "20", "30"])
        }
    }

    @Test("the page cap bounds the requests one site costs")
    func pageCap() async throws {
        try await Self.withConnector(pageSize: 10, maxPages: 2) { fake, connector in
            fake.setBoard("acme", postings: FakeJobPosting.numbered(50))
            let fetch = try await connector.fetch(BoardTesting.source("lever", "acme"))
            #expect(fetch.postings.count == 20)
            #expect(fake.requestCount == 2)
        }
    }

    @Test("a 429 mid-way is retried and paging continues where it was")
    func retryMidPaging() async throws {
        try await Self.withConnector(pageSize: 10) { fake, connector in
            fake.setBoard("acme", postings: FakeJobPosting.numbered(25))
            fake.failNext(1, status: 429, retryAfter: "0", after: 1)
            let fetch = try await connector.fetch(BoardTesting.source("lever", "acme"))
            #expect(fetch.postings.count == 25)
            #expect(fetch.requests == 4)
            #expect(fake.requests.map { $0.query["skip"] } == ["0", "10", "10", "20"])
        }
    }

    @Test("malformed rows are rejected with reasons and still count toward the page")
    func rejectsMalformedRows() async throws {
        let good = FakeJobPosting.numbered(3)
        try await Self.withConnector(pageSize: 3) { fake, connector in
            fake.setBoard(
                "acme",
                [
                    .posting(good[0]), .raw(#"{"id": "x1", "text": "QA", "lists": {"text": "Bad"}}"#),
                    .raw(#"{"id": "x2", "categories": {"team": "Ops"}}"#), .posting(good[1]),
                    .raw(#"{"id": "x3", "text": "Writer", "createdAt": "yesterday"}"#), .posting(good[2]),
                ])
            let fetch = try await connector.fetch(BoardTesting.source("lever", "acme"))
            #expect(fetch.postings.map(\.externalId) == [good[0].id, good[1].id, "x3", good[2].id])
            #expect(fetch.postings.first { $0.externalId == "x3" }?.postedAt == nil)
            #expect(
                fetch.rejected == [
                    RejectedRow(reference: "row 2 (id x1)", reason: "'lists' is not a list"),
                    RejectedRow(reference: "row 3 (id x2)", reason: "has no title"),
                ])
            #expect(fake.requests.map { $0.query["skip"] } == ["0", "3", "6"])
        }
    }

    @Test("an unknown site is notFound")
    func unknownSite() async throws {
        try await Self.withConnector { _, connector in
            let error = await BoardTesting.failure { try await connector.fetch(BoardTesting.source("lever", "nobody")) }
            #expect(error?.code == .notFound)
            #expect(error?.description == "Lever board 'nobody': not found (HTTP 404)")
        }
    }
}
