import Foundation
import HTTPTypes
import RedisKit
import ServiceKit

/// A denylist of revoked login sessions that access tokens consult on every
/// request. Access tokens are stateless for 15 minutes; without this a logout
/// would leave them valid until they expire. Entries live as long as the last
/// access token a session could have issued, so the list stays small.
///
/// The durable record is `refresh_families.revoked_at` in PostgreSQL; Redis runs
/// with AOF (scripts/careergini), so markers also survive a Redis restart.
struct SessionRevocations: Sendable {
    let redis: RedisClient
    static let keyPrefix = "gateway:revoked-session:"
    static let retention: Duration = AccessTokens.lifetime + .seconds(120)

    func revoke(_ familyIds: [UUID]) async throws {
        guard !familyIds.isEmpty else { return }
        let commands = familyIds.map { id -> [any RedisArgument] in
            ["SET", Self.keyPrefix + id.uuidString.lowercased(), "1", "EX", String(Self.retention.components.seconds)]
        }
        _ = try await redis.pipeline(commands)
    }

    /// Fails closed: when Redis cannot answer, the request is refused (503), not waved through.
    func isRevoked(_ familyId: UUID) async throws -> Bool {
        do {
            return try await redis.exists(Self.keyPrefix + familyId.uuidString.lowercased())
        } catch let error as RedisError {
            throw ServiceError.unavailable(
                "session checks are temporarily unavailable; retry shortly (\(error.code))", retryAfterSeconds: 2)
        }
    }
}
