import Foundation
import TestSupport
import Testing

@testable import JobService

@Suite("Greenhouse connector")
struct GreenhouseConnectorTests {
    static func withConnector(_ body: (FakeGreenhouse, GreenhouseConnector) async throws -> Void) async throws {
        try await BoardTesting.withHTTP { http in
            try await FakeGreenhouse.run { fake in
                try await body(fake, GreenhouseConnector(baseURL: fake.baseURL, http: http))
            }
        }
    }

    @Test("maps a job: escaped content unescaped once, company from the source, metadata hints")
    func mapsFields() async throws {
        let html =
            #"<p>Build <strong>"payments"</strong> &amp; more at Acme's HQ&nbsp;&mdash; 5 &lt; 6</p><ul><li>Swift</li></ul>"#
        let posting = FakeJobPosting(
            id: "4012345", title: "Senior Backend Engineer", locations: ["San Francisco, CA", "Remote - US"],
            workplaceType: "Hybrid", department: "Engineering", employmentType: "Full-time", descriptionHtml: html,
            salary: .init(min: 120_000, max: 150_000, currency: "USD"), postedAt: BoardTesting.date(),
            updatedAt: BoardTesting.date(hours: 30))
        try await Self.withConnector { fake, connector in
            fake.setBoard("acme", postings: [posting])
            let fetch = try await connector.fetch(BoardTesting.source("greenhouse", "acme", name: "Acme Corp"))
            let draft = try #require(fetch.postings.first)
            #expect(draft.source == "greenhouse")
            #expect(draft.externalId == "4012345")
            #expect(draft.title == "Senior Backend Engineer")
            #expect(draft.company == "Acme Corp")
            #expect(draft.descriptionHtml == html)
            #expect(draft.locations == ["San Francisco, CA; Remote - US"])
            #expect(draft.workplaceHint == "Hybrid")
            #expect(draft.employmentTypeHint == "Full-time")
            #expect(draft.salary == PostingDraft.SalaryHint(min: 120_000, max: 150_000, currency: "USD"))
            #expect(draft.tags == ["Engineering"])
            #expect(draft.postedAt == BoardTesting.date())
            #expect(draft.updatedAt == BoardTesting.date(hours: 30))
            #expect(draft.applyUrl == "https://job-boards.greenhouse.io/acme/jobs/4012345")
            #expect(draft.remote == nil)
            #expect(draft.sample == false)
            let request = try #require(fake.lastRequest)
            #expect(request.path == "/v1/boards/acme/jobs")
            #expect(request.query["content"] == "true")
        }
    }

    @Test("the job's own company_name wins over the source's name")
    func companyFromJob() async throws {
        try await Self.withConnector { fake, connector in
            fake.setBoard("acme", postings: [FakeJobPosting(id: "1", title: "Designer", company: "Acme Europe GmbH")])
            let fetch = try await connector.fetch(BoardTesting.source("greenhouse", "acme"))
            #expect(fetch.postings.map(\.company) == ["Acme Europe GmbH"])
        }
    }

    @Test("malformed rows are rejected with reasons; the good rows around them survive")
    func rejectsMalformedRows() async throws {
        let good = FakeJobPosting.numbered(2)
        try await Self.withConnector { fake, connector in
            fake.setBoard(
                "acme",
                [
                    .posting(good[0]),
                    .raw(#"{"id": 7, "title": 42}"#),
                    .raw(#"{"id": 8, "title": "   "}"#),
                    .raw(#""oops""#),
                    .raw(#"{"id": 9, "title": "Data Engineer", "departments": "Engineering"}"#),
                    .raw(#"{"title": "No id"}"#),
                    .posting(good[1]),
                ])
            let fetch = try await connector.fetch(BoardTesting.source("greenhouse", "acme"))
            #expect(fetch.postings.map(\.externalId) == good.map(\.id))
            #expect(
                fetch.rejected == [
                    RejectedRow(reference: "row 2 (id 7)", reason: "'title' is not a string"),
                    RejectedRow(reference: "row 3 (id 8)", reason: "has no title"),
                    RejectedRow(reference: "row 4", reason: "the row is not an object"),
                    RejectedRow(reference: "row 5 (id 9)", reason: "'departments' is not a list"),
                    RejectedRow(reference: "row 6", reason: "has no id"),
                ])
        }
    }

    @Test("an empty board is an empty fetch, not an error")
    func emptyBoard() async throws {
        try await Self.withConnector { fake, connector in
            fake.setBoard("acme", [])
            let fetch = try await connector.fetch(BoardTesting.source("greenhouse", "acme"))
            #expect(fetch == ConnectorFetch(postings: [], rejected: [], requests: 1))
        }
    }

    @Test("an unknown board token is notFound")
    func unknownBoard() async throws {
        try await Self.withConnector { _, connector in
            let error = await BoardTesting.failure {
                try await connector.fetch(BoardTesting.source("greenhouse", "initech"))
            }
            #expect(error?.code == .notFound)
        }
    }

    @Test("unescaping undoes exactly one layer")
    func unescapesOnce() {
        #expect(
            BoardHTML.unescapeOnce("&lt;p&gt;R&amp;amp;D &amp;nbsp;&#39;x&#39;&lt;/p&gt;") == "<p>R&amp;D &nbsp;'x'</p>"
        )
        #expect(BoardHTML.unescapeOnce("AT&T &copy; &") == "AT&T &copy; &")
        #expect(BoardHTML.unescapeOnce("plain") == "plain")
    }
}
