import CurlHTTP
import Foundation

/// Reads an NDJSON response body one decoded line at a time, pulling from the
/// connection only when asked, so a slow reader slows Ollama down instead of
/// buffering its answer. Releasing the reader releases the body, which aborts an
/// unfinished transfer.
///
/// `@unchecked Sendable`: the streams built on it promise one reader at a time
/// (`ChatStream`'s contract), so the line iterator is never used concurrently.
final class NDJSONReader<Line: Decodable>: @unchecked Sendable {
    enum State {
        case reading
        /// The documented last line (`done: true`) was handed out; the body should end now.
        case sawLastLine
        case finished
    }

    private var lines: CurlLineSequence.AsyncIterator
    private let decoder = JSONDecoder()
    private(set) var state = State.reading

    init(body: CurlResponseBody, maxLineBytes: Int = 1024 * 1024) {
        lines = body.lines(maxLineBytes: maxLineBytes).makeAsyncIterator()
    }

    /// The next non-empty line, decoded; nil at the end of the body. A line that
    /// is not a `Line` is an `.invalidResponse`.
    func next() async throws -> Line? {
        while let text = try await lines.next() {
            if text.allSatisfy(\.isWhitespace) { continue }
            do {
                return try decoder.decode(Line.self, from: Data(text.utf8))
            } catch {
                throw LanguageModelError(.invalidResponse, "Ollama sent a line that is not JSON: \(text.prefix(200))")
            }
        }
        return nil
    }

    func markLastLine() {
        if state == .reading { state = .sawLastLine }
    }

    /// After the last line: reads what is left of the body (normally nothing) so
    /// the transfer completes and its connection is reused instead of aborted.
    func finish() async {
        if state == .sawLastLine {
            for _ in 0..<16 {
                guard let line = try? await lines.next() else { break }
                _ = line
            }
        }
        state = .finished
    }

    /// Stops reading after a failure; the body is aborted when the reader goes away.
    func fail() {
        state = .finished
    }
}
