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
///
/// Each process remembers a "not revoked" answer for one second, so a session's
/// burst of requests costs one Redis round trip a second, not one each. A logout
/// through this process takes effect at once; through another replica, within a
/// second. A revocation, once seen, is remembered for its whole retention.
struct SessionRevocations: Sendable {
    let redis: RedisClient
    let recent: ExpiringCache<Bool>
    static let keyPrefix = "gateway:revoked-session:"
    static let retention: Duration = AccessTokens.lifetime + .seconds(120)
    static let freshness: Duration = .seconds(1)

    init(redis: RedisClient, recent: ExpiringCache<Bool> = ExpiringCache()) {
        self.redis = redis
        self.recent = recent
    }

    func revoke(_ familyIds: [UUID]) async throws {
        guard !familyIds.isEmpty else { return }
        let commands = familyIds.map { id -> [any RedisArgument] in
            ["SET", Self.keyPrefix + id.uuidString.lowercased(), "1", "EX", String(Self.retention.components.seconds)]
        }
        _ = try await redis.pipeline(commands)
        for id in familyIds { recent.store(true, for: id.uuidString, until: .now + Self.retention) }
    }

    /// Fails closed: when Redis cannot answer, the request is refused (503), not waved through.
    func isRevoked(_ familyId: UUID) async throws -> Bool {
        if let known = recent.value(for: familyId.uuidString) { return known }
        do {
            let revoked = try await redis.exists(Self.keyPrefix + familyId.uuidString.lowercased())
            recent.store(
                revoked, for: familyId.uuidString, until: .now + (revoked ? Self.retention : Self.freshness))
            return revoked
        } catch let error as RedisError {
            throw ServiceError.unavailable(
                "session checks are temporarily unavailable; retry shortly (\(error.code))", retryAfterSeconds: 2)
        }
    }
}
