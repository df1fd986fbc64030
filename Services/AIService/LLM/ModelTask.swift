/// What a model is asked to do; the routing table maps each to a model and its
/// fixed options (DESIGN.md §4).
enum ModelTask: String, Codable, Sendable, CaseIterable {
    /// Answers in the chat (later: the multi-agent chat).
    case chat
    /// Writing tailored résumé text.
    case resume
    /// Picking an agent when the fast rules are unsure.
    case routing
    /// Structure from text: job-description requirements, résumé fields.
    case extraction
    /// Why a job fits.
    case jobMatching
    /// Why a learning resource is next.
    case learningCuration
    /// The skill-gap narrative.
    case skillsAnalysis
    /// Vectors for matching.
    case embeddings
}

/// Where one task goes: the model, its options (with one fixed `num_ctx` and
/// `num_thread` per model, so the runtime never reloads it because of us) and
/// how long it stays loaded.
struct ModelRoute: Sendable, Equatable {
    var model: String
    var options: ModelOptions
    var keepAlive: String
    /// Embedding models: vector size, and the input window in tokens (inputs are chunked to fit).
    var dimensions: Int?

    init(model: String, options: ModelOptions, keepAlive: String, dimensions: Int? = nil) {
        self.model = model
        self.options = options
        self.keepAlive = keepAlive
        self.dimensions = dimensions
    }
}
