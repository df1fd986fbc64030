import Foundation
import TestSupport
import Testing

@testable import JobService

/// `JobBoardHTTP`'s retry rules, through the Greenhouse connector and its fake.
@Suite("Job board HTTP")
struct JobBoardHTTPTests {
    static let source = BoardTesting.source("greenhouse", "acme")

    /// Runs `body` with a fake serving two postings as "acme" and a connector for it.
    static func withBoard(
        retry: JobBoardHTTP.RetryPolicy = BoardTesting.fastRetry, maxResponseBytes: Int = 1_048_576,
        userAgent: String = JobBoardHTTP.defaultUserAgent,
        _ body: (FakeGreenhouse, GreenhouseConnector) async throws -> Void
    ) async throws {
        try await BoardTesting.withHTTP(retry: retry, maxResponseBytes: maxResponseBytes, userAgent: userAgent) {
            http in
            try await FakeGreenhouse.run { fake in
                fake.setBoard("acme", postings: FakeJobPosting.numbered(2))
                try await body(fake, GreenhouseConnector(baseURL: fake.baseURL, http: http))
            }
        }
    }

    @Test("Retry-After in seconds is waited out, not the (millisecond) backoff")
    func honoursRetryAfterSeconds() async throws {
        try await Self.withBoard { fake, connector in
            fake.failNext(1, status: 429, retryAfter: "1")
            let started = ContinuousClock.now
            let fetch = try await connector.fetch(Self.source)
            let waited = ContinuousClock.now - started
            #expect(fetch.postings.count == 2)
            #expect(fetch.requests == 2)
            #expect(waited >= .milliseconds(950))
        }
    }

    @Test("a 503 with Retry-After as an HTTP date is waited out too")
    func honoursRetryAfterDate() async throws {
        try await Self.withBoard { fake, connector in
            let date = Date().addingTimeInterval(2)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            fake.failNext(1, status: 503, retryAfter: formatter.string(from: date))
            let started = ContinuousClock.now
            let fetch = try await connector.fetch(Self.source)
            #expect(fetch.requests == 2)
            #expect(ContinuousClock.now - started >= .milliseconds(900))
        }
    }

    @Test("a Retry-After beyond the cap fails at once as rate limited, with the wait asked for")
    func retryAfterBeyondCapFailsFast() async throws {
        try await Self.withBoard { fake, connector in
            fake.failNext(1, status: 429, retryAfter: "120")
            let error = await BoardTesting.failure { try await connector.fetch(Self.source) }
            #expect(error?.code == .rateLimited)
            #expect(error?.status == 429)
            #expect(error?.retryAfter == .seconds(120))
            #expect(fake.requestCount == 1)
        }
    }

    @Test("429 on every attempt ends rate limited after the policy's attempts")
    func rateLimitExhausted() async throws {
        try await Self.withBoard { fake, connector in
            fake.failNext(5, status: 429, retryAfter: "0")
            let error = await BoardTesting.failure { try await connector.fetch(Self.source) }
            #expect(error?.code == .rateLimited)
            #expect(fake.requestCount == 3)
            #expect(error?.description.contains("Greenhouse board 'acme'") == true)
        }
    }

    @Test("a 500 then an answer is a success")
    func serverErrorThenSuccess() async throws {
        try await Self.withBoard { fake, connector in
            fake.failNext(1, status: 500)
            let fetch = try await connector.fetch(Self.source)
            #expect(fetch.postings.count == 2)
            #expect(fetch.requests == 2)
        }
    }

    @Test("an unknown board is notFound at once, never retried")
    func notFoundIsNotRetried() async throws {
        try await Self.withBoard { fake, connector in
            let error = await BoardTesting.failure {
                try await connector.fetch(BoardTesting.source("greenhouse", "no-such-board"))
            }
            #expect(error?.code == .notFound)
            #expect(error?.status == 404)
            #expect(error?.description == "Greenhouse board 'no-such-board': not found (HTTP 404)")
            #expect(fake.requestCount == 1)
        }
    }

    @Test("another 4xx is refused, never retried")
    func otherClientErrorsAreNotRetried() async throws {
        try await Self.withBoard { fake, connector in
            fake.failNext(3, status: 400)
            let error = await BoardTesting.failure { try await connector.fetch(Self.source) }
            #expect(error?.code == .refused)
            #expect(error?.status == 400)
            #expect(fake.requestCount == 1)
        }
    }

    @Test("a board that cannot be reached is a transport error after every attempt")
    func unreachableBoard() async throws {
        try await BoardTesting.withHTTP { http in
            let connector = GreenhouseConnector(baseURL: "http://127.0.0.1:\(FreePort.find())", http: http)
            let error = await BoardTesting.failure { try await connector.fetch(Self.source) }
            #expect(error?.code == .transport)
            #expect(error?.status == nil)
            #expect(http.requestsSent == BoardTesting.fastRetry.attempts)
        }
    }

    @Test("an answer larger than the cap is malformed, not retried")
    func oversizedAnswer() async throws {
        try await Self.withBoard(maxResponseBytes: 512) { fake, connector in
            let error = await BoardTesting.failure { try await connector.fetch(Self.source) }
            #expect(error?.code == .malformed)
            #expect(fake.requestCount == 1)
        }
    }

    @Test("an answer that is not the documented envelope is malformed, naming what is wrong")
    func undocumentedEnvelope() async throws {
        try await BoardTesting.withHTTP { http in
            let source = Self.source
            let wrongShape = Array(#"{"jobs": {"id": 1}}"#.utf8)
            do {
                _ = try http.decode(GreenhouseWire.Board.self, from: wrongShape, for: source)
                Issue.record("an object where a list belongs decoded")
            } catch let error as JobBoardError {
                #expect(error.code == .malformed)
                #expect(error.detail.contains("'jobs' is not a list"))
            }
        }
    }

    @Test("the User-Agent can be set")
    func customUserAgent() async throws {
        try await Self.withBoard(userAgent: "CareerGini-test/2.0") { fake, connector in
            _ = try await connector.fetch(Self.source)
            #expect(fake.lastRequest?.header("User-Agent") == "CareerGini-test/2.0")
        }
    }

    @Test("Retry-After: seconds, HTTP dates (all three forms), past dates and garbage")
    func parsesRetryAfter() {
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse(" 0 ", now: now) == .zero)
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:51:37 GMT", now: now) == .seconds(120))
        #expect(RetryAfter.parse("Sunday, 06-Nov-94 08:50:37 GMT", now: now) == .seconds(60))
        #expect(RetryAfter.parse("Sun Nov  6 08:49:47 1994", now: now) == .seconds(10))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == .zero)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse("-5", now: now) == nil)
        #expect(RetryAfter.parse(nil, now: now) == nil)
    }

    @Test("backoff doubles from the base delay up to the maximum, with full jitter below the ceiling")
    func backoffCeilings() {
        let policy = JobBoardHTTP.RetryPolicy(
            attempts: 6, baseDelay: .milliseconds(100), maxDelay: .milliseconds(500))
        #expect(policy.backoffCeiling(afterAttempt: 1) == .milliseconds(100))
        #expect(policy.backoffCeiling(afterAttempt: 2) == .milliseconds(200))
        #expect(policy.backoffCeiling(afterAttempt: 3) == .milliseconds(400))
        #expect(policy.backoffCeiling(afterAttempt: 4) == .milliseconds(500))
        #expect(policy.backoffCeiling(afterAttempt: 60) == .milliseconds(500))
        let waits = (0..<200).map { _ in policy.backoff(afterAttempt: 3) }
        #expect(waits.allSatisfy { $0 >= .zero && $0 <= .milliseconds(400) })
        #expect(Set(waits).count > 100, "the waits are spread, not fixed")
    }
}
