import Database
import Foundation
import Security

/// Refresh tokens: opaque random strings, stored only as SHA-256 hashes, grouped
/// into families (one per login) in PostgreSQL, rotated on every use.
///
/// Rotation locks the token's row, so two concurrent refreshes with one token
/// serialise: the first rotates, the second finds the token used — which is
/// exactly what a thief replaying a stolen token looks like — and revokes the
/// whole family, newest member included.
struct RefreshTokenStore: Sendable {
    /// Absolute: a family never lives longer than this from its login.
    static let lifetime: Duration = .seconds(7 * 24 * 3600)

    let database: DatabasePool

    struct Issued: Sendable {
        var token: String
        var familyId: UUID
        var expiresAt: Date
    }

    enum Rotation: Sendable {
        case rotated(Issued, userId: UUID)
        /// A rotated token came back: the family is now revoked.
        case reused(familyId: UUID, userId: UUID)
        case invalid(reason: String)
    }

    static func hash(_ token: String) -> String { Digest.sha256Hex(token) }

    /// A new family for a fresh login, with its first token.
    func startFamily(userId: UUID) async throws -> Issued {
        let token = SecureRandom.token(byteCount: 32)
        let expiresAt = Date().addingTimeInterval(TimeInterval(Self.lifetime.components.seconds))
        let rows = try await database.query(
            """
            WITH family AS (
                INSERT INTO refresh_families (user_id, expires_at) VALUES (\(userId), \(expiresAt)) RETURNING id
            )
            INSERT INTO refresh_tokens (token_hash, family_id) SELECT \(Self.hash(token)), id FROM family
            RETURNING family_id
            """)
        return Issued(token: token, familyId: try rows[0].decode("family_id"), expiresAt: expiresAt)
    }

    func rotate(_ token: String) async throws -> Rotation {
        let tokenHash = Self.hash(token)
        return try await database.withTransaction { connection -> Rotation in
            let rows = try await connection.query(
                """
                SELECT t.family_id, t.used_at, f.user_id, f.expires_at, f.revoked_at
                FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id
                WHERE t.token_hash = \(tokenHash)
                FOR UPDATE OF t, f
                """)
            guard let row = rows.first else { return .invalid(reason: "unknown refresh token") }
            let familyId: UUID = try row.decode("family_id")
            let userId: UUID = try row.decode("user_id")
            let expiresAt: Date = try row.decode("expires_at")
            if try row.decode(Date?.self, "revoked_at") != nil { return .invalid(reason: "session was revoked") }
            if expiresAt <= Date() { return .invalid(reason: "session expired") }
            if try row.decode(Date?.self, "used_at") != nil {
                try await connection.query(
                    """
                    UPDATE refresh_families SET revoked_at = now(), revoked_reason = 'refresh token reused'
                    WHERE id = \(familyId)
                    """)
                return .reused(familyId: familyId, userId: userId)
            }
            let next = SecureRandom.token(byteCount: 32)
            try await connection.query(
                "UPDATE refresh_tokens SET used_at = now() WHERE token_hash = \(tokenHash)")
            try await connection.query(
                "INSERT INTO refresh_tokens (token_hash, family_id) VALUES (\(Self.hash(next)), \(familyId))")
            return .rotated(Issued(token: next, familyId: familyId, expiresAt: expiresAt), userId: userId)
        }
    }

    /// Revokes the family a token belongs to (logout); returns it when the token was known.
    func revokeFamily(ofToken token: String, reason: String) async throws -> (familyId: UUID, userId: UUID)? {
        let rows = try await database.query(
            """
            UPDATE refresh_families f SET revoked_at = coalesce(f.revoked_at, now()),
                revoked_reason = coalesce(f.revoked_reason, \(reason))
            FROM refresh_tokens t WHERE t.token_hash = \(Self.hash(token)) AND f.id = t.family_id
            RETURNING f.id, f.user_id
            """)
        guard let row = rows.first else { return nil }
        return (try row.decode("id"), try row.decode("user_id"))
    }

    func revokeFamily(_ familyId: UUID, reason: String) async throws {
        try await database.query(
            """
            UPDATE refresh_families SET revoked_at = now(), revoked_reason = \(reason)
            WHERE id = \(familyId) AND revoked_at IS NULL
            """)
    }

    /// Revokes every live family of a user (logout everywhere, deletion); returns their ids.
    func revokeAll(userId: UUID, reason: String) async throws -> [UUID] {
        let rows = try await database.query(
            """
            UPDATE refresh_families SET revoked_at = now(), revoked_reason = \(reason)
            WHERE user_id = \(userId) AND revoked_at IS NULL AND expires_at > now()
            RETURNING id
            """)
        return try rows.map { try $0.decode("id") }
    }

    /// Login sessions for the export: when they started, until when, whether revoked.
    func sessions(of userId: UUID) async throws -> [SessionRecord] {
        let rows = try await database.query(
            """
            SELECT id, created_at, expires_at, revoked_at, revoked_reason FROM refresh_families
            WHERE user_id = \(userId) ORDER BY created_at
            """)
        return try rows.map { row in
            SessionRecord(
                id: try row.decode(UUID.self, "id").uuidString.lowercased(), createdAt: try row.decode("created_at"),
                expiresAt: try row.decode("expires_at"), revokedAt: try row.decode("revoked_at"),
                revokedReason: try row.decode("revoked_reason"))
        }
    }
}

struct SessionRecord: Codable, Sendable {
    var id: String
    var createdAt: Date
    var expiresAt: Date
    var revokedAt: Date?
    var revokedReason: String?
}
