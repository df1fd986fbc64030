/// One step of `ollama pull`: "pulling manifest", "pulling <digest>" with byte
/// counts, "verifying sha256 digest", "writing manifest", and finally "success".
struct PullProgress: Sendable, Equatable {
    var status: String
    var digest: String?
    /// Bytes of the layer being downloaded.
    var total: Int64?
    /// Bytes of it received so far (Ollama omits it while zero).
    var completed: Int64?

    init(status: String, digest: String? = nil, total: Int64? = nil, completed: Int64? = nil) {
        self.status = status
        self.digest = digest
        self.total = total
        self.completed = completed
    }

    /// The last step of a pull that worked.
    var isSuccess: Bool { status == "success" }
}
