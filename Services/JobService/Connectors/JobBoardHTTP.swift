import CurlHTTP
import Foundation
import Logging
import Synchronization

/// GETs JSON from a job board's public API over `CurlHTTPClient`, the one way
/// every connector talks to its board: a recognisable `User-Agent`, bounded
/// answers, deadlines, and retries of 429s, 5xx and transport failures with
/// backoff (or the board's `Retry-After`). A 404 and other 4xx are answers, not
/// hiccups, and are never retried.
///
/// API keys travel only in the URL or headers the connector builds; errors and
/// logs name the provider, the board and the path, never a query or a header.
struct JobBoardHTTP: Sendable {
    /// Identifies us to boards that ask API users to (and lets them reach us).
    static let defaultUserAgent = "CareerGini/1.0 (+https://github.com/careergini)"
    /// The largest boards (thousands of postings with full HTML) stay well below this.
    static let defaultMaxResponseBytes = 32 * 1_048_576
    static let defaultTimeouts = CurlRequest.Timeouts(connect: .seconds(5), total: .seconds(60))
    /// How much of an error body goes into a message.
    static let errorSnippetLength = 200

    /// One successful answer and how many requests it took (retries included).
    struct Response: Sendable {
        var body: [UInt8]
        var requests: Int
    }

    let client: CurlHTTPClient
    var retry: RetryPolicy
    var userAgent: String
    var timeouts: CurlRequest.Timeouts
    var maxResponseBytes: Int
    let logger: Logger
    private let counter: RequestCounter

    init(
        client: CurlHTTPClient, retry: RetryPolicy = RetryPolicy(), userAgent: String = JobBoardHTTP.defaultUserAgent,
        timeouts: CurlRequest.Timeouts = JobBoardHTTP.defaultTimeouts,
        maxResponseBytes: Int = JobBoardHTTP.defaultMaxResponseBytes,
        logger: Logger = Logger(label: "job-service.boards")
    ) {
        self.client = client
        self.retry = retry
        self.userAgent = userAgent
        self.timeouts = timeouts
        self.maxResponseBytes = maxResponseBytes
        self.logger = logger
        self.counter = RequestCounter()
    }

    /// Requests sent through this value and its copies since it was made.
    var requestsSent: Int { counter.value }

    /// GETs `url` for `source`, retrying as the policy allows. `headers` are
    /// added to (and override, by name) `Accept` and `User-Agent`; `secrets`
    /// are blanked out of any text an error carries. Throws `JobBoardError`, or
    /// `CancellationError` when the calling task is cancelled.
    func get(
        _ url: String, headers: [(name: String, value: String)] = [], for source: JobSource, secrets: [String] = []
    ) async throws -> Response {
        let request = CurlRequest(
            url: url, headers: mergedHeaders(headers), timeouts: timeouts, maxResponseBytes: maxResponseBytes)
        let path = Self.path(of: url)
        var attempt = 0
        while true {
            attempt += 1
            counter.increment()
            let failure: JobBoardError
            switch try await send(request, for: source, secrets: secrets) {
            case .success(let body):
                return Response(body: body, requests: attempt)
            case .retryable(let error):
                failure = error
            }
            guard attempt < retry.attempts else {
                var final = failure
                final.detail += attempt == 1 ? "" : " (after \(attempt) attempts)"
                throw final
            }
            if let asked = failure.retryAfter, asked > retry.maxRetryAfter {
                var final = failure
                final.code = .rateLimited
                final.detail += "; it asks to wait \(asked.components.seconds) s, longer than we wait"
                throw final
            }
            let delay = failure.retryAfter ?? retry.backoff(afterAttempt: attempt)
            logger.debug(
                "retrying a job board request",
                metadata: [
                    "provider": .string(source.provider), "board": .string(source.board), "path": .string(path),
                    "attempt": .stringConvertible(attempt), "reason": .string(failure.detail),
                    "delay_ms": .stringConvertible(
                        delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000),
                ])
            try await Task.sleep(for: delay)
        }
    }

    /// Decodes a whole answer; a body that is not the documented shape is `.malformed`.
    func decode<Value: Decodable>(_ type: Value.Type, from body: [UInt8], for source: JobSource) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            throw JobBoardError(
                .malformed, source, status: 200,
                detail: "the answer is not as documented: \(BoardRowFailure.describe(error, below: 0))")
        }
    }

    // MARK: - One attempt

    private enum Attempt {
        case success([UInt8])
        case retryable(JobBoardError)
    }

    /// One exchange: the body of a 2xx, a failure worth another try, or a thrown final failure.
    private func send(_ request: CurlRequest, for source: JobSource, secrets: [String]) async throws -> Attempt {
        let response: CurlResponse
        let body: [UInt8]
        do {
            (response, body) = try await client.data(for: request)
        } catch let error as CurlHTTPError {
            return try transportFailure(error, for: source, secrets: secrets)
        }
        let status = response.status
        switch status {
        case 200..<300:
            return .success(body)
        case 404:
            throw JobBoardError(.notFound, source, status: status, detail: "not found (HTTP 404)")
        case 429:
            return .retryable(
                JobBoardError(
                    .rateLimited, source, status: status, retryAfter: RetryAfter.parse(response.header("Retry-After")),
                    detail: "rate limited (HTTP 429)"))
        case 500...:
            return .retryable(
                JobBoardError(
                    .server, source, status: status, retryAfter: RetryAfter.parse(response.header("Retry-After")),
                    detail: "server error (HTTP \(status))"))
        default:
            let snippet = Self.snippet(body, redacting: secrets)
            throw JobBoardError(
                .refused, source, status: status,
                detail: "refused the request (HTTP \(status))" + (snippet.isEmpty ? "" : ": \(snippet)"))
        }
    }

    private func transportFailure(
        _ error: CurlHTTPError, for source: JobSource, secrets: [String]
    ) throws -> Attempt {
        let message = Self.redact(error.message, secrets)
        switch error.code {
        case .cancelled:
            throw CancellationError()
        case .responseTooLarge:
            throw JobBoardError(.malformed, source, detail: "the answer is larger than \(maxResponseBytes) bytes")
        case .shutdown, .invalidRequest:
            throw JobBoardError(.transport, source, detail: "cannot send the request: \(message)")
        case .timeout, .firstByteTimeout, .tooSlow:
            return .retryable(JobBoardError(.transport, source, detail: "no answer in time: \(message)"))
        case .connectFailed, .transferFailed, .requestBodyFailed, .lineTooLong:
            return .retryable(JobBoardError(.transport, source, detail: "cannot reach the board: \(message)"))
        }
    }

    // MARK: - Helpers

    private func mergedHeaders(_ extra: [(name: String, value: String)]) -> [(name: String, value: String)] {
        let overridden = Set(extra.map { $0.name.lowercased() })
        let defaults = [(name: "Accept", value: "application/json"), (name: "User-Agent", value: userAgent)]
        return defaults.filter { !overridden.contains($0.name.lowercased()) } + extra
    }

    /// The URL's path, for logs: never its query (where some boards take keys).
    static func path(of url: String) -> String {
        URLComponents(string: url)?.percentEncodedPath ?? ""
    }

    /// The start of an error body as one line, secrets blanked.
    static func snippet(_ body: [UInt8], redacting secrets: [String]) -> String {
        let text = String(decoding: body.prefix(errorSnippetLength * 4), as: UTF8.self)
            .components(separatedBy: .newlines).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        return String(redact(text, secrets).prefix(errorSnippetLength))
    }

    static func redact(_ text: String, _ secrets: [String]) -> String {
        secrets.filter { !$0.isEmpty }.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }
}

/// Requests sent, shared by every copy of a `JobBoardHTTP`.
private final class RequestCounter: Sendable {
    private let count = Atomic<Int>(0)

    func increment() { count.add(1, ordering: .relaxed) }

    var value: Int { count.load(ordering: .relaxed) }
}
