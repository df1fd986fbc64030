import Contracts

/// Ollama's native JSON bodies (docs/api.md), exactly as they travel. Optional
/// members are omitted when nil, and everything Ollama may leave out decodes as
/// optional, so a newer or older Ollama does not break decoding.
enum OllamaWire {
    /// `POST /api/chat`.
    struct ChatBody: Encodable {
        var model: String
        var messages: [ChatMessage]
        var stream: Bool
        var options: ModelOptions?
        var format: JSONValue?
        var keepAlive: String?

        enum CodingKeys: String, CodingKey {
            case model, messages, stream, options, format
            case keepAlive = "keep_alive"
        }
    }

    /// `POST /api/generate`.
    struct GenerateBody: Encodable {
        var model: String
        var prompt: String
        var system: String?
        var stream: Bool
        var options: ModelOptions?
        var format: JSONValue?
        var keepAlive: String?

        enum CodingKeys: String, CodingKey {
            case model, prompt, system, stream, options, format
            case keepAlive = "keep_alive"
        }
    }

    /// `POST /api/embed`.
    struct EmbedBody: Encodable {
        var model: String
        var input: [String]
        var truncate: Bool
        var options: ModelOptions?
        var keepAlive: String?

        enum CodingKeys: String, CodingKey {
            case model, input, truncate, options
            case keepAlive = "keep_alive"
        }
    }

    /// `POST /api/show`.
    struct ShowBody: Encodable {
        var model: String
    }

    /// `POST /api/pull`.
    struct PullBody: Encodable {
        var model: String
        var stream: Bool
    }

    /// A streamed chat or generate line, or the whole non-streamed answer: chat
    /// carries `message`, generate `response`; the last has `done: true` and the
    /// metrics; a failure is `{"error": "..."}`.
    struct GenerationLine: Decodable {
        struct Message: Decodable {
            var role: String?
            var content: String?
        }

        var model: String?
        var message: Message?
        var response: String?
        var done: Bool?
        var doneReason: String?
        var totalDuration: UInt64?
        var loadDuration: UInt64?
        var promptEvalCount: Int?
        var promptEvalDuration: UInt64?
        var evalCount: Int?
        var evalDuration: UInt64?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case model, message, response, done, error
            case doneReason = "done_reason"
            case totalDuration = "total_duration"
            case loadDuration = "load_duration"
            case promptEvalCount = "prompt_eval_count"
            case promptEvalDuration = "prompt_eval_duration"
            case evalCount = "eval_count"
            case evalDuration = "eval_duration"
        }

        var content: String { message?.content ?? response ?? "" }

        /// Nil when the line carries none of them.
        var metrics: GenerationMetrics? {
            let metrics = GenerationMetrics(
                totalDuration: totalDuration, loadDuration: loadDuration, promptEvalCount: promptEvalCount,
                promptEvalDuration: promptEvalDuration, evalCount: evalCount, evalDuration: evalDuration)
            return metrics == GenerationMetrics() ? nil : metrics
        }
    }

    struct EmbedResponse: Decodable {
        var model: String?
        var embeddings: [[Float]]
    }

    /// `details` of `/api/tags`, `/api/ps` and `/api/show`.
    struct Details: Decodable {
        var format: String?
        var family: String?
        var families: [String]?
        var parameterSize: String?
        var quantizationLevel: String?

        enum CodingKeys: String, CodingKey {
            case format, family, families
            case parameterSize = "parameter_size"
            case quantizationLevel = "quantization_level"
        }
    }

    struct TagsResponse: Decodable {
        struct Model: Decodable {
            var name: String
            var model: String?
            var modifiedAt: String?
            var size: Int64?
            var digest: String?
            var details: Details?

            enum CodingKeys: String, CodingKey {
                case name, model, size, digest, details
                case modifiedAt = "modified_at"
            }
        }

        var models: [Model]
    }

    struct PSResponse: Decodable {
        struct Model: Decodable {
            var name: String
            var model: String?
            var size: Int64?
            var sizeVRAM: Int64?
            var digest: String?
            var expiresAt: String?
            var contextLength: Int?
            var details: Details?

            enum CodingKeys: String, CodingKey {
                case name, model, size, digest, details
                case sizeVRAM = "size_vram"
                case expiresAt = "expires_at"
                case contextLength = "context_length"
            }
        }

        var models: [Model]
    }

    struct ShowResponse: Decodable {
        var modelfile: String?
        var parameters: String?
        var template: String?
        var details: Details?
        /// GGUF metadata: "general.architecture", "<arch>.context_length", ...
        var modelInfo: [String: JSONValue]?
        var capabilities: [String]?

        enum CodingKeys: String, CodingKey {
            case modelfile, parameters, template, details, capabilities
            case modelInfo = "model_info"
        }
    }

    struct VersionResponse: Decodable {
        var version: String
    }

    /// One line of `/api/pull` progress, or `{"error": "..."}`.
    struct PullLine: Decodable {
        var status: String?
        var digest: String?
        var total: Int64?
        var completed: Int64?
        var error: String?
    }

    /// Every Ollama error body: `{"error": "..."}`.
    struct ErrorBody: Decodable {
        var error: String
    }
}
