import Foundation
import TestSupport
import Testing

@testable import JobService

/// Each provider's connector against its fake, so behaviour every connector
/// shares (retries, failures, headers) is tested on all of them alike.
enum BoardUnderTest: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case greenhouse, lever, ashby, remoteok, arbeitnow, adzuna, usajobs

    var testDescription: String { rawValue }

    /// The `User-Agent` the board must see: ours, or the e-mail USAJobs issued the key to.
    var expectedUserAgent: String {
        self == .usajobs ? FakeUSAJobs.email : JobBoardHTTP.defaultUserAgent
    }

    /// Starts the fake serving `postings`, builds the connector for it with
    /// `http`, and runs `body` with the connector, the source to fetch and the fake.
    func run(
        postings: [FakeJobPosting], http: JobBoardHTTP,
        _ body: (any JobBoardConnector, JobSource, any FakeJobBoard) async throws -> Void
    ) async throws {
        let rows = postings.map { FakeBoardRow.posting($0) }
        switch self {
        case .greenhouse:
            try await FakeGreenhouse.run { fake in
                fake.setBoard("acme", rows)
                try await body(
                    GreenhouseConnector(baseURL: fake.baseURL, http: http), BoardTesting.source("greenhouse", "acme"),
                    fake)
            }
        case .lever:
            try await FakeLever.run { fake in
                fake.setBoard("acme", rows)
                try await body(
                    LeverConnector(baseURL: fake.baseURL, http: http), BoardTesting.source("lever", "acme"), fake)
            }
        case .ashby:
            try await FakeAshby.run { fake in
                fake.setBoard("acme", rows)
                try await body(
                    AshbyConnector(baseURL: fake.baseURL, http: http), BoardTesting.source("ashby", "acme"), fake)
            }
        case .remoteok:
            try await FakeRemoteOK.run { fake in
                fake.setListings(rows)
                try await body(
                    RemoteOKConnector(baseURL: fake.baseURL, http: http), BoardTesting.source("remoteok", "all"),
                    fake)
            }
        case .arbeitnow:
            try await FakeArbeitnow.run { fake in
                fake.setListings(rows)
                try await body(
                    ArbeitnowConnector(baseURL: fake.baseURL, http: http), BoardTesting.source("arbeitnow", "all"),
                    fake)
            }
        case .adzuna:
            try await FakeAdzuna.run { fake in
                fake.setListings(rows)
                let connector = try #require(
                    AdzunaConnector.make(
                        baseURL: fake.baseURL, appId: FakeAdzuna.appId, appKey: FakeAdzuna.appKey, country: "gb",
                        http: http))
                try await body(connector, BoardTesting.source("adzuna", "swift developer"), fake)
            }
        case .usajobs:
            try await FakeUSAJobs.run { fake in
                fake.setListings(rows)
                let connector = try #require(
                    USAJobsConnector.make(
                        baseURL: fake.baseURL, apiKey: FakeUSAJobs.apiKey, email: FakeUSAJobs.email, http: http))
                try await body(connector, BoardTesting.source("usajobs", "software"), fake)
            }
        }
    }
}
