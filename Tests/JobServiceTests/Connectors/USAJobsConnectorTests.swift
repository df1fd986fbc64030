import Foundation
import TestSupport
import Testing

@testable import JobService

@Suite("USAJobs connector")
struct USAJobsConnectorTests {
    static let source = BoardTesting.source("usajobs", "software engineer", name: "USAJobs")

    static func withConnector(
        apiKey: String = FakeUSAJobs.apiKey, resultsPerPage: Int = 500, maxPages: Int = 10,
        _ body: (FakeUSAJobs, USAJobsConnector) async throws -> Void
    ) async throws {
        try await BoardTesting.withHTTP { http in
            try await FakeUSAJobs.run { fake in
                let connector = try #require(
                    USAJobsConnector.make(
                        baseURL: fake.baseURL, apiKey: apiKey, email: FakeUSAJobs.email, http: http,
                        resultsPerPage: resultsPerPage, maxPages: maxPages))
                try await body(fake, connector)
            }
        }
    }

    static let partialCredentials: [(String?, String?)] = [(nil, "a@b.c"), ("key", nil), (" ", "a@b.c")]

    @Test("is not built without both the key and the e-mail", arguments: partialCredentials)
    func absentWithoutCredentials(apiKey: String?, email: String?) async throws {
        try await BoardTesting.withHTTP { http in
            let connector = USAJobsConnector.make(
                baseURL: "https://data.usajobs.gov", apiKey: apiKey, email: email, http: http)
            #expect(connector == nil)
        }
    }

    @Test("sends the key and e-mail, and maps an announcement")
    func mapsFields() async throws {
        let posting = FakeJobPosting(
            id: "812345600", title: "IT Specialist (APPSW)", company: "Veterans Health Administration",
            locations: ["Washington, District of Columbia", "Austin, Texas"], remote: false,
            workplaceType: "telework", department: "Department of Veterans Affairs", employmentType: "Full-time",
            descriptionHtml: "Develops & maintains <systems>.",
            sections: [.init("Major duties", ["Writes software", "Reviews code"])],
            closingHtml: "One year of specialized experience.",
            salary: .init(min: 58_000, max: 91_000, currency: "USD", interval: "PA", summary: "Per Year"),
            postedAt: BoardTesting.date(hours: -24))
        try await Self.withConnector { fake, connector in
            fake.setListings([.posting(posting)])
            let fetch = try await connector.fetch(Self.source)
            let request = try #require(fake.lastRequest)
            #expect(request.header("User-Agent") == FakeUSAJobs.email)
            #expect(request.header("Authorization-Key") == FakeUSAJobs.apiKey)
            #expect(request.query["Keyword"] == "software engineer")
            #expect(request.query["ResultsPerPage"] == "500")
            #expect(request.query["Page"] == "1")
            let draft = try #require(fetch.postings.first)
            #expect(draft.source == "usajobs")
            #expect(draft.externalId == "812345600")
            #expect(draft.title == "IT Specialist (APPSW)")
            #expect(draft.company == "Veterans Health Administration")
            #expect(draft.locations == ["Washington, District of Columbia", "Austin, Texas"])
            #expect(draft.remote == false)
            #expect(draft.workplaceHint == "Telework eligible")
            #expect(draft.employmentTypeHint == "Full-time")
            #expect(draft.tags == ["Department of Veterans Affairs", "Information Technology Management"])
            #expect(
                draft.salary
                    == PostingDraft.SalaryHint(
                        min: 58_000, max: 91_000, currency: "USD", period: "PA", text: "Per Year"))
            #expect(
                draft.descriptionHtml
                    == "<p>Develops &amp; maintains &lt;systems&gt;.</p><h3>Major duties</h3><ul><li>Writes software</li>"
                    + "<li>Reviews code</li></ul><h3>Qualifications</h3><p>One year of specialized experience.</p>")
            #expect(draft.postedAt == BoardTesting.date(hours: -24))
            #expect(draft.attributionUrl == FakeUSAJobs.positionURI(of: posting))
            #expect(draft.applyUrl == FakeUSAJobs.positionURI(of: posting) + "?apply=1")
        }
    }

    @Test("pages up to NumberOfPages (sent as text)")
    func pages() async throws {
        try await Self.withConnector(resultsPerPage: 2) { fake, connector in
            fake.setListings(FakeJobPosting.numbered(5).map { .posting($0) })
            let fetch = try await connector.fetch(Self.source)
            #expect(fetch.postings.count == 5)
            #expect(fake.requests.map { $0.query["Page"] } == ["1", "2", "3"])
        }
    }

    @Test("malformed items are rejected with reasons; the good ones survive")
    func rejectsMalformedRows() async throws {
        let good = FakeJobPosting.numbered(2)
        try await Self.withConnector { fake, connector in
            fake.setListings([
                .raw(
                    #"{"MatchedObjectId": "31", "MatchedObjectDescriptor": {"PositionTitle": "Nurse", "ApplyURI": "x"}}"#
                ),
                .posting(good[0]),
                .raw(#"{"MatchedObjectId": "32"}"#),
                .raw(#"{"MatchedObjectId": "33", "MatchedObjectDescriptor": {"PositionTitle": ""}}"#),
                .posting(good[1]),
            ])
            let fetch = try await connector.fetch(Self.source)
            #expect(fetch.postings.map(\.externalId) == good.map(\.id))
            #expect(
                fetch.rejected == [
                    RejectedRow(
                        reference: "row 1 (id 31)", reason: "'MatchedObjectDescriptor.ApplyURI' is not a list"),
                    RejectedRow(reference: "row 3 (id 32)", reason: "has no MatchedObjectDescriptor"),
                    RejectedRow(reference: "row 4 (id 33)", reason: "has no PositionTitle"),
                ])
        }
    }

    @Test("a refused key is a refusal that never shows the key")
    func badKey() async throws {
        let wrongKey = "wrong-usajobs-key-never-shown"
        try await Self.withConnector(apiKey: wrongKey) { _, connector in
            let error = await BoardTesting.failure { try await connector.fetch(Self.source) }
            #expect(error?.code == .refused)
            #expect(error?.status == 401)
            #expect(error?.description.contains(wrongKey) == false)
        }
    }
}
