import ServiceKit

/// The AI service's configuration: the common settings plus where Ollama listens.
struct AIServiceSettings: Sendable {
    var common: ServiceConfiguration
    /// Base URL of the local Ollama daemon; a model is optional (the platform
    /// works without one), so it is reported in `/ready` but never required.
    var ollamaURL: String
}
