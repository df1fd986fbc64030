/// Why a call to the inference runtime failed, in the shape of CurlHTTPError:
/// a code to switch on and a readable message.
struct LanguageModelError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        /// No connection to the runtime (not running, wrong URL).
        case unreachable
        /// The model is not pulled (Ollama's 404 `model '…' not found`).
        case modelNotFound
        /// The runtime itself refused for load (Ollama's 503).
        case busy
        /// Our own per-model queue is full; the caller should retry after `retryAfterSeconds`.
        case overloaded
        /// No first byte in time (a cold load that took too long) or the stream stalled.
        case timeout
        /// The runtime reported an error, before or in the middle of a stream.
        case runtimeError
        /// The answer was not what the API documents.
        case invalidResponse
        /// The caller went away; the request to the runtime was aborted.
        case cancelled
    }

    let code: Code
    let message: String
    var model: String?
    /// HTTP status from the runtime, when it answered with one.
    var status: Int?
    /// For `.overloaded` (and `.busy` when the runtime said): when to try again.
    var retryAfterSeconds: Int?

    init(_ code: Code, _ message: String, model: String? = nil, status: Int? = nil, retryAfterSeconds: Int? = nil) {
        self.code = code
        self.message = message
        self.model = model
        self.status = status
        self.retryAfterSeconds = retryAfterSeconds
    }

    var description: String { "LanguageModelError(\(code)): \(message)" }
}
