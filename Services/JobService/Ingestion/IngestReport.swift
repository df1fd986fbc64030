/// What one `PostingIngestor.ingest` did with a batch of drafts.
struct IngestReport: Codable, Sendable, Equatable {
    /// Drafts handed in.
    var received = 0
    var created = 0
    var updated = 0
    var unchanged = 0
    /// Open postings of the source it no longer lists.
    var closed = 0
    /// Drafts the normaliser refused, with why.
    var rejected: [RejectedRow] = []
}
