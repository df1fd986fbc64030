/// The routing table as written in `ollama/models.json` (or built in): what the
/// file says, before the environment and the machine's core count are applied.
/// Both sources go through the same resolution, so they cannot drift apart in
/// behaviour, only in data, and a test compares the data.
struct ModelRoutingTable: Sendable, Equatable {
    /// One task's line in the table.
    struct Entry: Sendable, Equatable {
        var model: String
        var options: ModelOptions
        /// Overrides `defaultKeepAlive` for this task.
        var keepAlive: String?
        /// Embedding vector size; embeddings only.
        var dimensions: Int?

        init(model: String, options: ModelOptions, keepAlive: String? = nil, dimensions: Int? = nil) {
            self.model = model
            self.options = options
            self.keepAlive = keepAlive
            self.dimensions = dimensions
        }
    }

    var defaultKeepAlive: String
    /// nil: 75 % of the machine's cores.
    var defaultNumThread: Int?
    var tasks: [ModelTask: Entry]
}

extension ModelRoutingTable {
    /// DESIGN.md §4's table. `ollama/models.json` holds the same data (a test
    /// checks); this copy makes the service start with the designed models when
    /// the file is not next to it.
    static let builtIn = ModelRoutingTable(
        defaultKeepAlive: "30m",
        defaultNumThread: nil,
        tasks: [
            .chat: general(numPredict: 1024),
            .resume: general(numPredict: 1536),
            .routing: general(numPredict: 128),
            .extraction: small(numPredict: 1024),
            .jobMatching: small(numPredict: 512),
            .learningCuration: small(numPredict: 512),
            .skillsAnalysis: Entry(
                model: "qwen2.5-coder:7b-instruct-q4_K_M",
                options: ModelOptions(numCtx: 4096, temperature: 0.2, topP: 0.9, numPredict: 512),
                keepAlive: "30m"),
            .embeddings: Entry(
                model: "all-minilm", options: ModelOptions(numCtx: 256), keepAlive: "30m", dimensions: 384),
        ])

    /// Chat answers, résumé writing and the routing fallback share the general 7B model.
    private static func general(numPredict: Int) -> Entry {
        Entry(
            model: "qwen2.5:7b-instruct-q4_K_M",
            options: ModelOptions(numCtx: 4096, temperature: 0.7, topP: 0.9, numPredict: numPredict),
            keepAlive: "30m")
    }

    /// Short structured work goes to the small, fast model.
    private static func small(numPredict: Int) -> Entry {
        Entry(
            model: "phi3:3.8b-mini-4k-instruct-q4_K_M",
            options: ModelOptions(numCtx: 4096, temperature: 0.3, topP: 0.9, numPredict: numPredict),
            keepAlive: "30m")
    }
}
