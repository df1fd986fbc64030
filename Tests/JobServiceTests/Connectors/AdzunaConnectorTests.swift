import Foundation
import TestSupport
import Testing

@testable import JobService

@Suite("Adzuna connector")
struct AdzunaConnectorTests {
    static let source = BoardTesting.source("adzuna", "swift developer", name: "Adzuna")

    static func withConnector(
        appKey: String = FakeAdzuna.appKey, resultsPerPage: Int = 50, maxPages: Int = 5,
        _ body: (FakeAdzuna, AdzunaConnector) async throws -> Void
    ) async throws {
        try await BoardTesting.withHTTP { http in
            try await FakeAdzuna.run { fake in
                let connector = try #require(
                    AdzunaConnector.make(
                        baseURL: fake.baseURL, appId: FakeAdzuna.appId, appKey: appKey, country: "gb", http: http,
                        resultsPerPage: resultsPerPage, maxPages: maxPages))
                try await body(fake, connector)
            }
        }
    }

    static let partialCredentials: [(String?, String?)] = [(nil, "key"), ("id", nil), ("", "key"), ("id", "  ")]

    @Test("is not built without both credentials", arguments: partialCredentials)
    func absentWithoutCredentials(appId: String?, appKey: String?) async throws {
        try await BoardTesting.withHTTP { http in
            let connector = AdzunaConnector.make(
                baseURL: "https://api.adzuna.com", appId: appId, appKey: appKey, country: "gb", http: http)
            #expect(connector == nil)
        }
    }

    @Test("sends the credentials and the search, and maps a result")
    func mapsFields() async throws {
        let posting = FakeJobPosting(
            id: "4412345678", title: "Senior Swift Developer", company: "Monzo", locations: ["London"],
            department: "IT Jobs", employmentType: "full_time", descriptionHtml: "Build the iOS app with Swift…",
            salary: .init(min: 70_000, max: 90_000, currency: "GBP"), postedAt: BoardTesting.date(hours: -1))
        try await Self.withConnector { fake, connector in
            fake.setListings([.posting(posting)])
            let fetch = try await connector.fetch(Self.source)
            let request = try #require(fake.lastRequest)
            #expect(request.path == "/v1/api/jobs/gb/search/1")
            #expect(request.query["app_id"] == FakeAdzuna.appId)
            #expect(request.query["app_key"] == FakeAdzuna.appKey)
            #expect(request.query["what"] == "swift developer")
            #expect(request.query["results_per_page"] == "50")
            #expect(request.query["content-type"] == "application/json")
            let draft = try #require(fetch.postings.first)
            #expect(draft.source == "adzuna")
            #expect(draft.externalId == "4412345678")
            #expect(draft.title == "Senior Swift Developer")
            #expect(draft.company == "Monzo")
            #expect(draft.locations == ["London"])
            #expect(draft.employmentTypeHint == "full_time")
            #expect(draft.tags == ["IT Jobs"])
            #expect(draft.salary == PostingDraft.SalaryHint(min: 70_000, max: 90_000, currency: "GBP", period: "year"))
            #expect(draft.descriptionHtml == "Build the iOS app with Swift…")
            #expect(draft.postedAt == BoardTesting.date(hours: -1))
            #expect(draft.applyUrl == FakeAdzuna.redirectURL(of: posting))
            #expect(draft.attributionUrl == FakeAdzuna.redirectURL(of: posting))
        }
    }

    @Test("a salary Adzuna predicted is ignored")
    func ignoresPredictedSalary() async throws {
        let posting = FakeJobPosting(
            id: "1", title: "Data Analyst", salary: .init(min: 40_000, max: 45_000, currency: "GBP", predicted: true))
        try await Self.withConnector { fake, connector in
            fake.setListings([.posting(posting)])
            let draft = try #require(try await connector.fetch(Self.source).postings.first)
            #expect(draft.salary == nil)
        }
    }

    @Test("pages until a short page: 120 results in three requests")
    func pages() async throws {
        try await Self.withConnector { fake, connector in
            fake.setListings(FakeJobPosting.numbered(120).map { .posting($0) })
            let fetch = try await connector.fetch(Self.source)
            #expect(fetch.postings.count == 120)
            #expect(fake.requests.map(\.path) == (1...3).map { "/v1/api/jobs/gb/search/\($0)" })
        }
    }

    @Test("stops once count is reached, without asking for an empty page")
    func stopsAtCount() async throws {
        try await Self.withConnector(resultsPerPage: 10) { fake, connector in
            fake.setListings(FakeJobPosting.numbered(20).map { .posting($0) })
            let fetch = try await connector.fetch(Self.source)
            #expect(fetch.postings.count == 20)
            #expect(fake.requestCount == 2)
        }
    }

    @Test("malformed results are rejected with reasons; the good ones survive")
    func rejectsMalformedRows() async throws {
        let good = FakeJobPosting.numbered(2)
        try await Self.withConnector { fake, connector in
            fake.setListings([
                .posting(good[0]), .raw(#"{"id": "9", "title": "Nurse", "company": "NHS"}"#),
                .raw(#"{"id": "10"}"#), .posting(good[1]),
            ])
            let fetch = try await connector.fetch(Self.source)
            #expect(fetch.postings.map(\.externalId) == good.map(\.id))
            #expect(
                fetch.rejected == [
                    RejectedRow(reference: "row 2 (id 9)", reason: "'company' is not an object"),
                    RejectedRow(reference: "row 3 (id 10)", reason: "has no title"),
                ])
        }
    }

    @Test("refused credentials are a refusal that never shows the key")
    func badCredentials() async throws {
        let wrongKey = "wrong-key-not-to-be-shown-4242"
        try await Self.withConnector(appKey: wrongKey) { fake, connector in
            let error = await BoardTesting.failure { try await connector.fetch(Self.source) }
            #expect(error?.code == .refused)
            #expect(error?.status == 401)
            #expect(error?.description.contains("Authorisation failed") == true)
            #expect(error?.description.contains(wrongKey) == false)
            #expect(fake.requestCount == 1)
        }
    }
}
