import CurlHTTP
import Foundation

/// Reads one streamed chat answer: server-sent events (`data: {json}` lines,
/// blank-line separated, ending with `data: [DONE]`) pulled from the
/// connection one line at a time, so nothing is buffered ahead of the reader.
///
/// It owns the body's line iterator; releasing the reader (or a failure, or
/// cancellation) releases the body, which aborts an unfinished transfer.
/// `@unchecked Sendable` because its state is touched only by `next`, and
/// `ChatStream` promises one reader at a time.
final class OpenAIChatStreamReader: @unchecked Sendable {
    private struct Event {
        var name: String?
        var data: String
    }

    private enum Phase {
        case streaming
        /// `[DONE]` was read and the done chunk returned; the body's end is still to come.
        case draining
        case finished
    }

    /// How many lines after `[DONE]` are read looking for the body's end, so the
    /// connection finishes cleanly (and is reused) instead of being aborted.
    private static let drainLimit = 8

    /// Nil once the stream failed or ended: dropping it aborts an unfinished transfer.
    private var lines: CurlLineSequence.AsyncIterator?
    private let model: String
    private let started: ContinuousClock.Instant
    private let decoder = JSONDecoder()
    private var phase = Phase.streaming
    private var sawFinishReason = false
    private var doneReason: String?
    private var usage: OpenAIWire.Usage?
    private var timings: OpenAIWire.Timings?

    init(body: CurlResponseBody, model: String, started: ContinuousClock.Instant) {
        lines = body.lines.makeAsyncIterator()
        self.model = model
        self.started = started
    }

    /// The next piece of text, then one `done` chunk with the metrics, then nil.
    func next() async throws -> ChatChunk? {
        switch phase {
        case .finished: return nil
        case .draining:
            await drain()
            return nil
        case .streaming: break
        }
        do {
            while true {
                try Task.checkCancellation()
                guard let event = try await nextEvent() else {
                    // A server that closes after the finish reason without `[DONE]` still finished.
                    guard sawFinishReason else {
                        throw LanguageModelError(
                            .runtimeError, "the stream ended before the answer was complete", model: model)
                    }
                    phase = .finished
                    lines = nil
                    return doneChunk()
                }
                if event.data == "[DONE]" {
                    phase = .draining
                    return doneChunk()
                }
                if let piece = try absorb(event) { return ChatChunk(content: piece) }
            }
        } catch {
            phase = .finished
            lines = nil
            throw OpenAIErrorMapping.error(for: error, model: model, answering: true)
        }
    }

    /// Reads what follows `[DONE]` (normally nothing) up to the body's end.
    private func drain() async {
        phase = .finished
        defer { lines = nil }
        for _ in 0..<Self.drainLimit {
            guard (try? await lines?.next()) != nil else { return }
        }
    }

    /// Records what the event says about the end; returns its text, if any.
    private func absorb(_ event: Event) throws -> String? {
        let chunk: OpenAIWire.Chunk
        do {
            chunk = try decoder.decode(OpenAIWire.Chunk.self, from: Data(event.data.utf8))
        } catch {
            if event.name == "error" {
                throw LanguageModelError(.runtimeError, event.data, model: model)
            }
            throw LanguageModelError(
                .invalidResponse, "unreadable stream event: \(event.data.prefix(200))", model: model)
        }
        if let error = chunk.error {
            throw LanguageModelError(
                .runtimeError, error.message ?? "the model server reported an error mid-stream", model: model)
        }
        if event.name == "error" { throw LanguageModelError(.runtimeError, event.data, model: model) }
        if let usage = chunk.usage { self.usage = usage }
        if let timings = chunk.timings { self.timings = timings }
        guard let choice = chunk.choices?.first else { return nil }
        if let reason = choice.finishReason {
            doneReason = reason
            sawFinishReason = true
        }
        guard let content = choice.delta?.content, !content.isEmpty else { return nil }
        return content
    }

    private func doneChunk() -> ChatChunk {
        let metrics = GenerationMetrics(usage: usage, timings: timings, wallTime: .now - started)
        return ChatChunk(content: "", done: true, doneReason: doneReason, metrics: metrics)
    }

    /// One event per the SSE rules: `data` lines joined with "\n", dispatched at
    /// a blank line; comments (`:`) skipped. Older llama-server builds wrote
    /// failures as an `error: {json}` line, read here as an error event.
    private func nextEvent() async throws -> Event? {
        var name: String?
        var data: [String] = []
        while let line = try await lines?.next() {
            if line.isEmpty {
                if data.isEmpty {
                    name = nil
                    continue
                }
                return Event(name: name, data: data.joined(separator: "\n"))
            }
            if line.hasPrefix(":") { continue }
            let field: Substring
            var value: Substring
            if let colon = line.firstIndex(of: ":") {
                field = line[..<colon]
                value = line[line.index(after: colon)...]
                if value.hasPrefix(" ") { value = value.dropFirst() }
            } else {
                field = line[...]
                value = ""
            }
            switch field {
            case "data": data.append(String(value))
            case "event": name = String(value)
            case "error":
                name = "error"
                data.append(String(value))
            default: continue
            }
        }
        // The body ended; an event without its blank line is still the server's last word.
        return data.isEmpty ? nil : Event(name: name, data: data.joined(separator: "\n"))
    }
}
