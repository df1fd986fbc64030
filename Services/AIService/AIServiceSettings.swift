import ServiceKit

/// The AI service's configuration: the common settings, which inference
/// runtime to drive and how, and the model routing table. A model is optional
/// (the platform works without one), so none of this is required to start.
struct AIServiceSettings: Sendable {
    enum Backend: String, Sendable, CaseIterable {
        case ollama
        case openAICompatible = "openai-compatible"
    }

    var common: ServiceConfiguration
    var backend: Backend
    /// Base URL of the local Ollama daemon.
    var ollamaURL: String
    /// Base URL of an OpenAI-compatible server (llama.cpp's llama-server, vLLM, LM Studio).
    var openAICompatibleURL: String
    var openAICompatibleAPIKey: String?
    var connectTimeout: Duration
    /// Until the runtime's first byte: must outlive a cold model load on CPU.
    var firstByteTimeout: Duration
    /// A stream that delivers nothing for this long is aborted.
    var streamStallTimeout: Duration
    /// Requests one model serves at once (Ollama's default parallelism is 1).
    var maxConcurrencyPerModel: Int
    /// Requests that may wait for a model before we answer 503 + Retry-After.
    var maxQueuePerModel: Int
    /// Load the most-used model at start so the first user doesn't pay the cold load.
    var warmUp: Bool
    var routing: ModelRouting
}
