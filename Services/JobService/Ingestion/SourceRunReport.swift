import Foundation

/// How one run of one source ended.
enum SourceRunStatus: String, Codable, Sendable, Equatable {
    /// Every row the board listed was stored.
    case succeeded
    /// The board was read but some rows were rejected.
    case partial
    /// The board could not be read, or what it gave could not be stored.
    case failed
}

/// One run of one source: what it fetched, stored and rejected, or why it
/// failed. The `sources` status row and `POST /jobs/sources/{id}/sync` answer
/// are made from it.
struct SourceRunReport: Codable, Sendable, Equatable {
    /// How many rejected rows a report lists; the count covers them all.
    static let listedRejections = 100

    var sourceId: String
    var status: SourceRunStatus
    var startedAt: Date
    var durationMs: Int
    /// Rows the board listed, malformed ones included.
    var fetched = 0
    var created = 0
    var updated = 0
    var unchanged = 0
    var closed = 0
    /// Rows the connector or the normaliser rejected.
    var rejectedCount = 0
    /// The first `listedRejections` of them.
    var rejected: [RejectedRow] = []
    /// Readable and free of URLs and keys; nil unless the run failed.
    var error: String?
    /// The board's own failure, when that is why the run failed (it picks the
    /// HTTP status a manual sync answers with); never encoded.
    var boardError: JobBoardError?

    private enum CodingKeys: String, CodingKey {
        case sourceId, status, startedAt, durationMs, fetched, created, updated, unchanged, closed, rejectedCount
        case rejected, error
    }
}
