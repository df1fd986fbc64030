import CurlHTTP
import Foundation

/// GETs from a live provider over `CurlHTTPClient`: short deadlines (a
/// provider is never worth a long wait), a bounded answer, and every error
/// stripped of the secrets the request carried (YouTube takes its key in the
/// query). Interpreting the status — what to retry, what a 403 means — is the
/// provider's: each spends a different budget on a retry.
struct ProviderHTTP: Sendable {
    static let userAgent = "CareerGini/1.0 (+https://github.com/careergini)"

    /// One answer, whatever its status.
    struct Answer: Sendable {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            let lowered = name.lowercased()
            return headers.first { $0.name.lowercased() == lowered }?.value
        }
    }

    /// No answer: the provider could not be reached or did not answer in time.
    struct TransportError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    let client: CurlHTTPClient
    var timeouts = CurlRequest.Timeouts(connect: .seconds(3), total: .seconds(10))
    /// A page of search results is a few tens of kilobytes.
    var maxResponseBytes = 4 * 1_048_576

    /// The answer to `GET url`; throws `TransportError` (secrets blanked) or
    /// `CancellationError`.
    func get(_ url: String, headers: [(name: String, value: String)], secrets: [String]) async throws -> Answer {
        let request = CurlRequest(
            url: url, headers: [(name: "User-Agent", value: Self.userAgent)] + headers, timeouts: timeouts,
            maxResponseBytes: maxResponseBytes)
        do {
            let (response, body) = try await client.data(for: request)
            return Answer(status: response.status, headers: response.headers, body: body)
        } catch let error as CurlHTTPError {
            if error.code == .cancelled { throw CancellationError() }
            throw TransportError(message: Self.redact("\(error.code): \(error.message)", secrets))
        }
    }

    /// `text` with every secret replaced by "***", also in its percent-encoded form.
    static func redact(_ text: String, _ secrets: [String]) -> String {
        secrets.filter { !$0.isEmpty }.reduce(text) { text, secret in
            let encoded = queryValue(secret)
            return text.replacingOccurrences(of: secret, with: "***").replacingOccurrences(of: encoded, with: "***")
        }
    }

    /// `value` percent-encoded for a query, everything but unreserved
    /// characters escaped: the "+" of "C++" must not arrive as a space.
    static func queryValue(_ value: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    /// A wait before the `attempt`-th retry (1-based): full jitter under a
    /// doubling ceiling from `base`, so replicas never retry in step.
    static func backoff(afterAttempt attempt: Int, base: Duration = .milliseconds(300)) -> Duration {
        let ceiling = base * (1 << min(max(0, attempt - 1), 6))
        let nanoseconds = ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
        return .nanoseconds(Int64.random(in: 0...max(0, nanoseconds)))
    }
}
