import CurlHTTP
import Foundation

/// Turns what an OpenAI-compatible server (or the connection to it) did wrong
/// into a `LanguageModelError`, so callers handle both backends alike.
enum OpenAIErrorMapping {
    /// Error bodies are read only this far: enough for any message, and a
    /// misbehaving server cannot make us buffer a large page.
    static let errorBodyLimit = 16 * 1024

    /// A failed exchange. `answering` tells whether the server had already sent
    /// its headers: a lost connection then is a broken answer, not an unreachable server.
    static func error(for failure: CurlHTTPError, model: String?, answering: Bool) -> LanguageModelError {
        switch failure.code {
        case .connectFailed, .shutdown, .invalidRequest:
            return LanguageModelError(.unreachable, "cannot reach the model server: \(failure.message)", model: model)
        case .timeout, .firstByteTimeout, .tooSlow:
            return LanguageModelError(
                .timeout, "the model server did not answer in time: \(failure.message)", model: model)
        case .cancelled:
            return LanguageModelError(.cancelled, "the request to the model server was cancelled", model: model)
        case .responseTooLarge, .lineTooLong:
            return LanguageModelError(
                .invalidResponse, "the model server's answer is too large: \(failure.message)", model: model)
        case .requestBodyFailed, .transferFailed:
            if answering {
                return LanguageModelError(
                    .runtimeError, "the connection broke mid-answer: \(failure.message)", model: model)
            }
            return LanguageModelError(.unreachable, "cannot reach the model server: \(failure.message)", model: model)
        }
    }

    /// Any error thrown while talking to the server, already mapped or not.
    static func error(for thrown: any Error, model: String?, answering: Bool) -> LanguageModelError {
        if let mapped = thrown as? LanguageModelError { return mapped }
        if let failure = thrown as? CurlHTTPError { return error(for: failure, model: model, answering: answering) }
        if thrown is CancellationError {
            return LanguageModelError(.cancelled, "the request to the model server was cancelled", model: model)
        }
        return LanguageModelError(.invalidResponse, "unexpected failure: \(thrown)", model: model)
    }

    /// A non-2xx answer. 404 names a missing model only when the call named one
    /// (vLLM: "The model `x` does not exist."); 429 and 503 ("Loading model")
    /// mean try later.
    static func error(status: Int, body: [UInt8], retryAfter: String?, model: String?) -> LanguageModelError {
        let detail = try? JSONDecoder().decode(OpenAIWire.ErrorBody.self, from: Data(body)).detail
        let text =
            detail?.message ?? String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let message = text.isEmpty ? "HTTP \(status)" : text
        switch status {
        case 404 where model != nil:
            return LanguageModelError(.modelNotFound, message, model: model, status: status)
        case 429, 503:
            return LanguageModelError(
                .busy, message, model: model, status: status, retryAfterSeconds: retryAfterSeconds(retryAfter))
        default:
            return LanguageModelError(.runtimeError, message, model: model, status: status)
        }
    }

    /// `Retry-After` in its delta-seconds form; an HTTP date is rare from these servers and ignored.
    static func retryAfterSeconds(_ header: String?) -> Int? {
        guard let header, let seconds = Int(header.trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
            return nil
        }
        return seconds
    }
}
