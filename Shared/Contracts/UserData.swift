import Foundation

/// What one service stores about a user, as its internal export route returns it
/// (`GET /internal/users/{id}/export`); the gateway joins them for GDPR exports.
public struct UserDataExport<Data: Codable & Sendable>: Codable, Sendable {
    public var service: String
    public var userId: String
    public var exportedAt: Date
    public var data: Data

    public init(service: String, userId: String, exportedAt: Date = Date(), data: Data) {
        self.service = service
        self.userId = userId
        self.exportedAt = exportedAt
        self.data = data
    }
}
