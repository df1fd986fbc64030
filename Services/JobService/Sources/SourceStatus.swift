import Foundation

/// A source's last ingestion run, as its `sources` row keeps it.
struct SourceStatus: Sendable, Equatable {
    var lastRunAt: Date?
    var lastSuccessAt: Date?
    /// "succeeded", "partial" or "failed".
    var lastStatus: String?
    var lastError: String?
    var lastDurationMs: Int?
    var fetched: Int
    var created: Int
    var updated: Int
    var unchanged: Int
    var closed: Int
    var rejected: Int
    var nextRunAt: Date?
}

/// One configured source as `GET /jobs/sources` lists it: its configuration
/// and its last run, every status field null for a source that never ran.
struct SourceListing: Encodable, Sendable, Equatable {
    var source: JobSource
    /// False when its provider cannot run here (Adzuna or USAJobs without credentials).
    var available: Bool
    var status: SourceStatus?

    private enum CodingKeys: String, CodingKey {
        case id, provider, board, name, enabled, available, lastRunAt, lastSuccessAt, lastStatus, lastError
        case lastDurationMs, fetched, created, updated, unchanged, closed, rejected, nextRunAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source.id, forKey: .id)
        try container.encode(source.provider, forKey: .provider)
        try container.encode(source.board, forKey: .board)
        try container.encode(source.name, forKey: .name)
        try container.encode(source.enabled, forKey: .enabled)
        try container.encode(available, forKey: .available)
        // `encode` of an optional writes null, so clients see every field either way.
        try container.encode(status?.lastRunAt, forKey: .lastRunAt)
        try container.encode(status?.lastSuccessAt, forKey: .lastSuccessAt)
        try container.encode(status?.lastStatus, forKey: .lastStatus)
        try container.encode(status?.lastError, forKey: .lastError)
        try container.encode(status?.lastDurationMs, forKey: .lastDurationMs)
        try container.encode(status?.fetched, forKey: .fetched)
        try container.encode(status?.created, forKey: .created)
        try container.encode(status?.updated, forKey: .updated)
        try container.encode(status?.unchanged, forKey: .unchanged)
        try container.encode(status?.closed, forKey: .closed)
        try container.encode(status?.rejected, forKey: .rejected)
        try container.encode(status?.nextRunAt, forKey: .nextRunAt)
    }
}
