import Contracts

/// A raw completion (`/api/generate`): one prompt, no chat history. For one-shot
/// jobs such as extraction where the chat template adds nothing.
struct GenerateRequest: Sendable {
    var model: String
    var prompt: String
    /// Replaces the model's default system prompt.
    var system: String?
    var options: ModelOptions
    /// A JSON schema the answer must follow, or nil for free text.
    var format: JSONValue?
    var keepAlive: String?

    init(
        model: String, prompt: String, system: String? = nil, options: ModelOptions = ModelOptions(),
        format: JSONValue? = nil, keepAlive: String? = nil
    ) {
        self.model = model
        self.prompt = prompt
        self.system = system
        self.options = options
        self.format = format
        self.keepAlive = keepAlive
    }
}
