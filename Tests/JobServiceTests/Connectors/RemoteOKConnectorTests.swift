import Foundation
import TestSupport
import Testing

@testable import JobService

@Suite("RemoteOK connector")
struct RemoteOKConnectorTests {
    static let source = BoardTesting.source("remoteok", "all", name: "RemoteOK")

    static func withConnector(_ body: (FakeRemoteOK, RemoteOKConnector) async throws -> Void) async throws {
        try await BoardTesting.withHTTP { http in
            try await FakeRemoteOK.run { fake in
                try await body(fake, RemoteOKConnector(baseURL: fake.baseURL, http: http))
            }
        }
    }

    @Test("skips the legal notice, marks every job remote and keeps the link back to RemoteOK")
    func mapsFields() async throws {
        let posting = FakeJobPosting(
            id: "1093826", title: "Senior iOS Engineer", company: "Doist", locations: ["Worldwide"],
            descriptionHtml: "<p>Ship the app.</p>", tags: ["swift", "ios", "mobile"],
            salary: .init(min: 90_000, max: 140_000), postedAt: BoardTesting.date(hours: -5))
        try await Self.withConnector { fake, connector in
            fake.setListings([.posting(posting)])
            let fetch = try await connector.fetch(Self.source)
            #expect(fetch.postings.count == 1)
            #expect(fetch.rejected.isEmpty)
            let draft = try #require(fetch.postings.first)
            #expect(draft.source == "remoteok")
            #expect(draft.externalId == "1093826")
            #expect(draft.title == "Senior iOS Engineer")
            #expect(draft.company == "Doist")
            #expect(draft.locations == ["Worldwide"])
            #expect(draft.remote == true)
            #expect(draft.workplaceHint == "Remote")
            #expect(draft.tags == ["swift", "ios", "mobile"])
            #expect(draft.descriptionHtml == "<p>Ship the app.</p>")
            #expect(draft.salary == PostingDraft.SalaryHint(min: 90_000, max: 140_000, currency: "USD", period: "year"))
            #expect(draft.postedAt == BoardTesting.date(hours: -5))
            #expect(draft.attributionUrl == FakeRemoteOK.url(of: posting))
            #expect(draft.applyUrl == "https://remoteOK.com/remote-jobs/l/1093826")
            #expect(fake.lastRequest?.path == "/api")
        }
    }

    @Test("a salary of 0 is unknown; a job without a company takes the source's name")
    func zeroSalaryAndMissingCompany() async throws {
        try await Self.withConnector { fake, connector in
            fake.setListings([.posting(FakeJobPosting(id: "77", title: "Copywriter", locations: []))])
            let draft = try #require(try await connector.fetch(Self.source).postings.first)
            #expect(draft.salary == nil)
            #expect(draft.company == "RemoteOK")
            #expect(draft.locations.isEmpty)
        }
    }

    @Test("malformed rows are rejected with reasons; the good rows survive")
    func rejectsMalformedRows() async throws {
        let good = FakeJobPosting.numbered(2, company: "Initech")
        try await Self.withConnector { fake, connector in
            fake.setListings([
                .posting(good[0]), .raw(#"{"id": "5", "position": 7}"#),
                .raw(#"{"id": "6", "position": "Growth Lead", "tags": "growth"}"#), .raw("null"),
                .raw(#"{"slug": "no-title-8", "id": 8}"#), .posting(good[1]),
            ])
            let fetch = try await connector.fetch(Self.source)
            #expect(fetch.postings.map(\.externalId) == good.map(\.id))
            // Row 1 is the legal notice.
            #expect(
                fetch.rejected == [
                    RejectedRow(reference: "row 3 (id 5)", reason: "'position' is not a string"),
                    RejectedRow(reference: "row 4 (id 6)", reason: "'tags' is not a list"),
                    RejectedRow(reference: "row 5", reason: "the row is null"),
                    RejectedRow(reference: "row 6 (id 8)", reason: "has no position"),
                ])
        }
    }
}
