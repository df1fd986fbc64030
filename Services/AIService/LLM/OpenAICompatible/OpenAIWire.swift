import Contracts

/// The OpenAI-compatible wire format (`/v1/chat/completions`, `/v1/embeddings`,
/// `/v1/models`) as llama.cpp's `llama-server`, vLLM and LM Studio speak it.
/// Decoding is lenient where the servers differ: every field we do not need is
/// ignored, and fields some servers omit or send as `null` are optional.
enum OpenAIWire {
    // MARK: Chat request

    struct Message: Codable, Sendable, Equatable {
        var role: String
        var content: String
    }

    struct StreamOptions: Encodable, Sendable {
        /// Asks for a last chunk (empty `choices`) carrying `usage` before `[DONE]`.
        var includeUsage: Bool

        enum CodingKeys: String, CodingKey {
            case includeUsage = "include_usage"
        }
    }

    /// Structured output. The nested OpenAI form
    /// `{"type":"json_schema","json_schema":{"name","strict","schema"}}` is what
    /// llama-server, vLLM and LM Studio take; llama-cpp-python's server refuses it
    /// and takes `{"type":"json_object","schema":…}` instead.
    struct ResponseFormat: Encodable, Sendable {
        struct JSONSchema: Encodable, Sendable {
            var name: String
            var strict: Bool
            var schema: JSONValue
        }

        var type: String
        var jsonSchema: JSONSchema?
        var schema: JSONValue?

        enum CodingKeys: String, CodingKey {
            case type
            case jsonSchema = "json_schema"
            case schema
        }

        static func schema(_ schema: JSONValue) -> ResponseFormat {
            ResponseFormat(type: "json_schema", jsonSchema: JSONSchema(name: "response", strict: true, schema: schema))
        }

        static func jsonObject(_ schema: JSONValue) -> ResponseFormat {
            ResponseFormat(type: "json_object", schema: schema)
        }
    }

    /// `num_ctx` and `num_thread` have no OpenAI counterpart: the server fixes
    /// them at load time, so they are deliberately absent here.
    struct ChatRequest: Encodable, Sendable {
        var model: String
        var messages: [Message]
        var stream: Bool
        var streamOptions: StreamOptions?
        var temperature: Double?
        var topP: Double?
        var maxTokens: Int?
        var responseFormat: ResponseFormat?

        enum CodingKeys: String, CodingKey {
            case model
            case messages
            case stream
            case streamOptions = "stream_options"
            case temperature
            case topP = "top_p"
            case maxTokens = "max_tokens"
            case responseFormat = "response_format"
        }
    }

    // MARK: Chat answers

    struct Usage: Decodable, Sendable {
        var promptTokens: Int?
        var completionTokens: Int?

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
        }
    }

    /// llama-server's per-request timings, in milliseconds; other servers omit them.
    struct Timings: Decodable, Sendable {
        var promptN: Int?
        var promptMs: Double?
        var predictedN: Int?
        var predictedMs: Double?

        enum CodingKeys: String, CodingKey {
            case promptN = "prompt_n"
            case promptMs = "prompt_ms"
            case predictedN = "predicted_n"
            case predictedMs = "predicted_ms"
        }
    }

    struct Completion: Decodable, Sendable {
        struct Choice: Decodable, Sendable {
            struct AssistantMessage: Decodable, Sendable {
                var content: String?
            }

            var message: AssistantMessage?
            var finishReason: String?

            enum CodingKeys: String, CodingKey {
                case message
                case finishReason = "finish_reason"
            }
        }

        var model: String?
        var choices: [Choice]?
        var usage: Usage?
        var timings: Timings?
    }

    /// One server-sent event of a streamed answer. vLLM sends the usage chunk
    /// with `"choices": null`, so `choices` is optional; an `error` member means
    /// the generation failed after the stream started.
    struct Chunk: Decodable, Sendable {
        struct Choice: Decodable, Sendable {
            struct Delta: Decodable, Sendable {
                var content: String?
            }

            var delta: Delta?
            var finishReason: String?

            enum CodingKeys: String, CodingKey {
                case delta
                case finishReason = "finish_reason"
            }
        }

        var model: String?
        var choices: [Choice]?
        var usage: Usage?
        var timings: Timings?
        var error: ErrorDetail?
    }

    // MARK: Embeddings

    struct EmbeddingRequest: Encodable, Sendable {
        var model: String
        var input: [String]
    }

    struct EmbeddingResponse: Decodable, Sendable {
        struct Item: Decodable, Sendable {
            var index: Int
            var embedding: [Float]
        }

        var data: [Item]
    }

    // MARK: Models

    struct ModelList: Decodable, Sendable {
        struct Model: Decodable, Sendable {
            /// llama-server adds `meta` with the GGUF file's size in bytes.
            struct Meta: Decodable, Sendable {
                var size: Int64?
            }

            var id: String
            var meta: Meta?
        }

        var data: [Model]
    }

    /// llama-server's `/health`: `{"status":"ok"}`. vLLM answers 200 with no body.
    struct Health: Decodable, Sendable {
        var status: String?
    }

    // MARK: Errors

    /// The inside of `{"error":{"message","type","code"}}`. `code` is a number
    /// on llama-server and vLLM, and a string or null on others.
    struct ErrorDetail: Decodable, Sendable {
        var message: String?
        var type: String?

        init(message: String?, type: String?) {
            self.message = message
            self.type = type
        }

        init(from decoder: any Decoder) throws {
            // Some servers put a bare string in `error` (Ollama's dialect).
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                self.init(message: text, type: nil)
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                message: try container.decodeIfPresent(String.self, forKey: .message),
                type: try container.decodeIfPresent(String.self, forKey: .type))
        }

        enum CodingKeys: String, CodingKey {
            case message
            case type
        }
    }

    /// An error body: nested (`{"error":{...}}`), or flat as older vLLM sent it
    /// (`{"object":"error","message":...,"type":...}`).
    struct ErrorBody: Decodable, Sendable {
        var error: ErrorDetail?
        var message: String?
        var type: String?

        var detail: ErrorDetail? {
            if let error { return error }
            if message != nil || type != nil { return ErrorDetail(message: message, type: type) }
            return nil
        }
    }
}
