/// Reads every open posting of one source from its board.
protocol JobBoardConnector: Sendable {
    /// The provider this connector reads: `JobSource.provider`.
    var provider: String { get }
    /// Every posting the board lists now (all pages), and the rows it had to
    /// skip. Throws when the board as a whole can't be read (after retries), so
    /// the caller never mistakes a failed fetch for a board with no postings.
    func fetch(_ source: JobSource) async throws -> ConnectorFetch
}

/// What one fetch of one source produced.
struct ConnectorFetch: Sendable, Equatable {
    var postings: [PostingDraft]
    /// Rows that were malformed or incomplete, with why.
    var rejected: [RejectedRow]
    /// HTTP requests made, retries included.
    var requests: Int
}

/// A row a connector or an import skipped: which one, and why.
struct RejectedRow: Codable, Sendable, Equatable {
    /// The row's id, index ("row 12") or other handle a person can find it by.
    var reference: String
    var reason: String
}
