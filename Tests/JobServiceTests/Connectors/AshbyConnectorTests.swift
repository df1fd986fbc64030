import Foundation
import TestSupport
import Testing

@testable import JobService

@Suite("Ashby connector")
struct AshbyConnectorTests {
    static func withConnector(_ body: (FakeAshby, AshbyConnector) async throws -> Void) async throws {
        try await BoardTesting.withHTTP { http in
            try await FakeAshby.run { fake in
                try await body(fake, AshbyConnector(baseURL: fake.baseURL, http: http))
            }
        }
    }

    @Test("maps a job: compensation tiers, secondary locations, remote flag and Ashby's words")
    func mapsFields() async throws {
        let posting = FakeJobPosting(
            id: "7458d4e9-da2e-47bd-98cb-adfda43d42b2", title: "Engineering Manager",
            locations: ["Remote - European Union", "Berlin", "Amsterdam"], remote: true, workplaceType: "Remote",
            department: "Engineering", team: "EMEA Engineering", employmentType: "FullTime",
            descriptionHtml: "<p>Lead a team.</p>",
            salary: .init(min: 150_000, max: 250_000, currency: "EUR", interval: "1 YEAR", summary: "€150K – €250K"),
            postedAt: Date(timeIntervalSince1970: 1_767_225_600.532))
        try await Self.withConnector { fake, connector in
            fake.setBoard("acme", postings: [posting])
            let fetch = try await connector.fetch(BoardTesting.source("ashby", "acme", name: "Acme Corp"))
            let draft = try #require(fetch.postings.first)
            #expect(draft.source == "ashby")
            #expect(draft.externalId == posting.id)
            #expect(draft.company == "Acme Corp")
            #expect(draft.locations == ["Remote - European Union", "Berlin", "Amsterdam"])
            #expect(draft.remote == true)
            #expect(draft.workplaceHint == "Remote")
            #expect(draft.employmentTypeHint == "FullTime")
            #expect(draft.tags == ["Engineering", "EMEA Engineering"])
            #expect(draft.descriptionHtml == "<p>Lead a team.</p>")
            #expect(
                draft.salary
                    == PostingDraft.SalaryHint(
                        min: 150_000, max: 250_000, currency: "EUR", period: "1 YEAR", text: "€150K – €250K"))
            let postedAt = try #require(draft.postedAt)
            #expect(abs(postedAt.timeIntervalSince1970 - 1_767_225_600.532) < 0.001)
            #expect(draft.applyUrl == "https://jobs.ashbyhq.com/acme/\(posting.id)/application")
            #expect(fake.lastRequest?.query["includeCompensation"] == "true")
        }
    }

    @Test("unlisted jobs are skipped, neither kept nor rejected")
    func skipsUnlisted() async throws {
        var postings = FakeJobPosting.numbered(3)
        postings[1].listed = false
        try await Self.withConnector { fake, connector in
            fake.setBoard("acme", postings: postings)
            let fetch = try await connector.fetch(BoardTesting.source("ashby", "acme"))
            #expect(fetch.postings.map(\.externalId) == [postings[0].id, postings[2].id])
            #expect(fetch.rejected.isEmpty)
        }
    }

    @Test("a job without compensation has no salary")
    func noCompensation() async throws {
        try await Self.withConnector { fake, connector in
            fake.setBoard("acme", postings: FakeJobPosting.numbered(1))
            let draft = try #require(try await connector.fetch(BoardTesting.source("ashby", "acme")).postings.first)
            #expect(draft.salary == nil)
        }
    }

    @Test("tiers in one currency give the lowest minimum and highest maximum; mixed currencies keep only the text")
    func combinesTiers() {
        func component(_ currency: String, _ min: Double, _ max: Double) -> AshbyWire.Component {
            AshbyWire.Component(
                compensationType: "Salary", interval: "1 YEAR", currencyCode: currency, minValue: BoardNumber(min),
                maxValue: BoardNumber(max))
        }
        let equity = AshbyWire.Component(
            compensationType: "EquityPercentage", interval: "NONE", currencyCode: nil, minValue: BoardNumber(0.1),
            maxValue: BoardNumber(0.5))
        let sameCurrency = AshbyWire.Compensation(
            compensationTierSummary: "Zones", scrapeableCompensationSalarySummary: nil,
            compensationTiers: [
                .init(components: [component("USD", 120_000, 150_000), equity]),
                .init(components: [component("USD", 100_000, 130_000)]),
            ])
        #expect(
            AshbyConnector.salary(sameCurrency)
                == PostingDraft.SalaryHint(min: 100_000, max: 150_000, currency: "USD", period: "1 YEAR", text: "Zones")
        )
        let mixed = AshbyWire.Compensation(
            compensationTierSummary: "$120K or €100K", scrapeableCompensationSalarySummary: nil,
            compensationTiers: [
                .init(components: [component("USD", 120_000, 150_000)]),
                .init(components: [component("EUR", 100_000, 130_000)]),
            ])
        #expect(AshbyConnector.salary(mixed) == PostingDraft.SalaryHint(text: "$120K or €100K"))
    }

    @Test("malformed rows are rejected; a row without id takes its id from jobUrl")
    func rejectsMalformedRows() async throws {
        let good = FakeJobPosting.numbered(1)
        try await Self.withConnector { fake, connector in
            fake.setBoard(
                "acme",
                [
                    .raw(
                        #"{"title": "Support Lead", "isListed": true, "jobUrl": "https://jobs.ashbyhq.com/acme/f1e2d3c4"}"#
                    ),
                    .raw(#"{"id": "bad-1", "title": ["Designer"]}"#),
                    .raw(#"{"title": "Ghost"}"#),
                    .raw(#"{"id": "bad-2", "title": "Recruiter", "isRemote": "yes"}"#),
                    .posting(good[0]),
                ])
            let fetch = try await connector.fetch(BoardTesting.source("ashby", "acme"))
            #expect(fetch.postings.map(\.externalId) == ["f1e2d3c4", good[0].id])
            #expect(
                fetch.rejected == [
                    RejectedRow(reference: "row 2 (id bad-1)", reason: "'title' is not a string"),
                    RejectedRow(reference: "row 3", reason: "has no id and no jobUrl"),
                    RejectedRow(reference: "row 4 (id bad-2)", reason: "'isRemote' is not true or false"),
                ])
        }
    }

    @Test("an unknown board is notFound")
    func unknownBoard() async throws {
        try await Self.withConnector { _, connector in
            let error = await BoardTesting.failure { try await connector.fetch(BoardTesting.source("ashby", "nope")) }
            #expect(error?.code == .notFound)
        }
    }
}
