import Foundation
import TestSupport
import Testing

@testable import JobService

/// What every connector does alike, each against its own fake: reads the
/// board, identifies itself, rides out 429s and gives up on endless 5xx.
@Suite("Job board connectors: shared behaviour")
struct ConnectorRetryTests {
    @Test("reads every posting in one request and identifies itself", arguments: BoardUnderTest.allCases)
    func readsEveryPosting(board: BoardUnderTest) async throws {
        let postings = FakeJobPosting.numbered(3, company: "Initech")
        try await BoardTesting.withHTTP { http in
            try await board.run(postings: postings, http: http) { connector, source, fake in
                let fetch = try await connector.fetch(source)
                #expect(connector.provider == source.provider)
                #expect(fetch.postings.map(\.title) == postings.map(\.title))
                #expect(fetch.postings.allSatisfy { $0.source == source.provider })
                #expect(fetch.rejected.isEmpty)
                #expect(fetch.requests == 1)
                #expect(fake.requestCount == 1)
                let request = try #require(fake.lastRequest)
                #expect(request.header("User-Agent") == board.expectedUserAgent)
                #expect(request.header("Accept") == "application/json")
            }
        }
    }

    @Test("a 429 with Retry-After is retried, and the retry succeeds", arguments: BoardUnderTest.allCases)
    func retriesRateLimit(board: BoardUnderTest) async throws {
        let postings = FakeJobPosting.numbered(2)
        try await BoardTesting.withHTTP { http in
            try await board.run(postings: postings, http: http) { connector, source, fake in
                fake.failNext(2, status: 429, retryAfter: "0")
                let fetch = try await connector.fetch(source)
                #expect(fetch.postings.count == 2)
                #expect(fetch.requests == 3)
                #expect(fake.requestCount == 3)
            }
        }
    }

    @Test("5xx on every attempt ends in a server error after the policy's attempts", arguments: BoardUnderTest.allCases)
    func serverErrorsExhaustRetries(board: BoardUnderTest) async throws {
        try await BoardTesting.withHTTP { http in
            try await board.run(postings: FakeJobPosting.numbered(2), http: http) { connector, source, fake in
                fake.failNext(10, status: 503)
                let error = await BoardTesting.failure { try await connector.fetch(source) }
                #expect(error?.code == .server)
                #expect(error?.status == 503)
                #expect(error?.provider == source.provider)
                #expect(error?.board == source.board)
                #expect(fake.requestCount == BoardTesting.fastRetry.attempts)
            }
        }
    }
}
