import CurlHTTP

extension LanguageModelError {
    /// Any failure of a call to the runtime as a `LanguageModelError`: transport
    /// errors by what they mean for the caller (down, too slow, cancelled), ours
    /// unchanged. Not Ollama-specific: any backend over CurlHTTP can use it.
    static func from(_ error: any Error, model: String?) -> LanguageModelError {
        if let error = error as? LanguageModelError { return error }
        if error is CancellationError {
            return LanguageModelError(.cancelled, "the request was cancelled", model: model)
        }
        if error is DecodingError {
            return LanguageModelError(
                .invalidResponse, "the runtime's answer could not be decoded: \(error)", model: model)
        }
        guard let curl = error as? CurlHTTPError else {
            return LanguageModelError(.runtimeError, "\(error)", model: model)
        }
        switch curl.code {
        case .connectFailed, .transferFailed, .invalidRequest:
            return LanguageModelError(.unreachable, "cannot reach the runtime: \(curl.message)", model: model)
        case .firstByteTimeout:
            return LanguageModelError(
                .timeout, "the runtime did not start answering in time (a cold model load?): \(curl.message)",
                model: model)
        case .timeout:
            return LanguageModelError(.timeout, "the runtime did not finish in time: \(curl.message)", model: model)
        case .tooSlow:
            return LanguageModelError(.timeout, "the runtime's answer stalled: \(curl.message)", model: model)
        case .cancelled, .shutdown:
            return LanguageModelError(.cancelled, "the request was aborted: \(curl.message)", model: model)
        case .responseTooLarge, .lineTooLong:
            return LanguageModelError(
                .invalidResponse, "the runtime's answer is too large: \(curl.message)", model: model)
        case .requestBodyFailed:
            return LanguageModelError(.runtimeError, "the request could not be sent: \(curl.message)", model: model)
        }
    }
}
