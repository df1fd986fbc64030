/// `POST /internal/embed` on the AI service: vectors from the embedding model
/// for texts other services match on (profile summaries, job postings).
public struct EmbedRequest: Codable, Sendable, Equatable {
    /// 1–64 texts; each is chunked and averaged by the AI service when longer
    /// than the model's window.
    public var texts: [String]

    public init(texts: [String]) {
        self.texts = texts
    }
}

public struct EmbedResponse: Codable, Sendable, Equatable {
    /// The model that made the vectors: vectors from different models never compare.
    public var model: String
    public var dimensions: Int
    /// One unit-length vector per input text, in order.
    public var vectors: [[Float]]

    public init(model: String, dimensions: Int, vectors: [[Float]]) {
        self.model = model
        self.dimensions = dimensions
        self.vectors = vectors
    }
}
