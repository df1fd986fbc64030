import CurlHTTP
import Foundation
import TestSupport
import Testing

@testable import JobService

/// What the connector tests share: a `JobBoardHTTP` with millisecond backoff,
/// sources, and capturing a fetch's failure.
enum BoardTesting {
    /// Three attempts, waits of a few milliseconds, `Retry-After` honoured up to 2 s.
    static let fastRetry = JobBoardHTTP.RetryPolicy(
        attempts: 3, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5), maxRetryAfter: .seconds(2))

    static func withHTTP<T>(
        retry: JobBoardHTTP.RetryPolicy = fastRetry, maxResponseBytes: Int = JobBoardHTTP.defaultMaxResponseBytes,
        userAgent: String = JobBoardHTTP.defaultUserAgent, _ body: (JobBoardHTTP) async throws -> T
    ) async throws -> T {
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        let http = JobBoardHTTP(
            client: client, retry: retry, userAgent: userAgent, maxResponseBytes: maxResponseBytes,
            logger: TestEnvironment.logger)
        return try await body(http)
    }

    static func source(_ provider: String, _ board: String, name: String = "Acme Corp") -> JobSource {
        JobSource(id: "\(provider):\(board)", provider: provider, board: board, name: name)
    }

    /// The `JobBoardError` a fetch threw; records an issue when it succeeded or threw something else.
    static func failure(
        _ fetch: () async throws -> ConnectorFetch, sourceLocation: SourceLocation = #_sourceLocation
    ) async -> JobBoardError? {
        do {
            let result = try await fetch()
            Issue.record("the fetch succeeded with \(result.postings.count) postings", sourceLocation: sourceLocation)
            return nil
        } catch let error as JobBoardError {
            return error
        } catch {
            Issue.record("the fetch threw \(error), not a JobBoardError", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// 2026-01-01T00:00:00Z plus `hours`.
    static func date(hours: Double = 0) -> Date {
        Date(timeIntervalSince1970: 1_767_225_600 + hours * 3600)
    }
}
