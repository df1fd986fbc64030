import CurlHTTP

/// Ollama's NDJSON streams as Swift sequences, read lazily from the connection:
/// nothing is read ahead, and dropping the sequence aborts the request.
enum OllamaStreams {
    /// Chat or generate lines as chunks, ending with the `done: true` chunk and its
    /// metrics. An `{"error": ...}` line throws `.runtimeError` after the chunks
    /// before it; a body that ends without a final line throws `.invalidResponse`.
    static func generation(from body: CurlResponseBody, model: String) -> ChatStream {
        let reader = NDJSONReader<OllamaWire.GenerationLine>(body: body)
        return ChatStream { try await nextChunk(from: reader, model: model) }
    }

    private static func nextChunk(
        from reader: NDJSONReader<OllamaWire.GenerationLine>, model: String
    ) async throws -> ChatChunk? {
        switch reader.state {
        case .finished: return nil
        case .sawLastLine:
            await reader.finish()
            return nil
        case .reading: break
        }
        do {
            guard let line = try await reader.next() else {
                throw LanguageModelError(.invalidResponse, "Ollama's stream ended before its final line", model: model)
            }
            if let error = line.error { throw LanguageModelError(.runtimeError, error, model: model, status: 200) }
            guard line.done == true else { return ChatChunk(content: line.content) }
            reader.markLastLine()
            return ChatChunk(content: line.content, done: true, doneReason: line.doneReason, metrics: line.metrics)
        } catch {
            reader.fail()
            throw LanguageModelError.from(error, model: model)
        }
    }

    /// `/api/pull` progress lines, ending after "success". An error line throws:
    /// `.modelNotFound` when the registry has no such model, else `.runtimeError`.
    static func pull(from body: CurlResponseBody, model: String) -> AsyncThrowingStream<PullProgress, any Error> {
        let reader = NDJSONReader<OllamaWire.PullLine>(body: body)
        return AsyncThrowingStream(unfolding: { try await nextProgress(from: reader, model: model) })
    }

    private static func nextProgress(
        from reader: NDJSONReader<OllamaWire.PullLine>, model: String
    ) async throws -> PullProgress? {
        switch reader.state {
        case .finished: return nil
        case .sawLastLine:
            await reader.finish()
            return nil
        case .reading: break
        }
        do {
            guard let line = try await reader.next() else {
                throw LanguageModelError(.invalidResponse, "Ollama's pull ended without success", model: model)
            }
            if let error = line.error {
                let code: LanguageModelError.Code =
                    error.contains("file does not exist") ? .modelNotFound : .runtimeError
                throw LanguageModelError(code, error, model: model, status: 200)
            }
            guard let status = line.status else {
                throw LanguageModelError(.invalidResponse, "a pull line without status", model: model)
            }
            if status == "success" { reader.markLastLine() }
            return PullProgress(status: status, digest: line.digest, total: line.total, completed: line.completed)
        } catch {
            reader.fail()
            throw LanguageModelError.from(error, model: model)
        }
    }
}
