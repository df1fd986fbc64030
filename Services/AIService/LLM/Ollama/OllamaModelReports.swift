/// A model Ollama holds in memory now (`/api/ps`).
struct RunningModel: Sendable, Equatable {
    var name: String
    var sizeBytes: Int64?
    /// How much of it sits in GPU memory; 0 on a CPU-only server.
    var sizeVRAMBytes: Int64?
    var digest: String?
    /// When Ollama unloads it unless it is used again (`keep_alive`).
    var expiresAt: String?
    /// The `num_ctx` it was loaded with (newer Ollama only).
    var contextLength: Int?
}

/// What `/api/show` says about an installed model: enough to check a routing
/// table against the model (its context window, its vector size).
struct ModelDescription: Sendable, Equatable {
    /// `general.architecture`: "llama", "qwen2", "bert", ...
    var architecture: String?
    /// The longest context the model was trained for (`<arch>.context_length`).
    var contextLength: Int?
    /// The hidden size, which is the vector length for embedding models (`<arch>.embedding_length`).
    var embeddingLength: Int?
    /// The Modelfile's `PARAMETER` lines, as Ollama prints them.
    var parameters: String?
    var template: String?
    var family: String?
    var parameterSize: String?
    var quantizationLevel: String?
    /// "completion", "embedding", "tools", ... (newer Ollama only).
    var capabilities: [String]
}
