import Database
import Foundation

/// Accounts and OAuth identities in the `identity` schema.
struct AccountStore: Sendable {
    let database: DatabasePool

    /// Creates a password account; nil when the e-mail is already registered.
    func createPasswordAccount(email: String, displayName: String, passwordHash: String) async throws -> Account? {
        do {
            let rows = try await database.query(
                """
                INSERT INTO users (email, display_name, password_hash) VALUES (\(email), \(displayName), \(passwordHash))
                RETURNING \(unsafeRaw: Account.columns)
                """)
            return try rows.first.map(Account.init(row:))
        } catch let error as DatabaseError where error.isUniqueViolation {
            return nil
        }
    }

    func account(id: UUID) async throws -> Account? {
        let rows = try await database.query("SELECT \(unsafeRaw: Account.columns) FROM users WHERE id = \(id)")
        return try rows.first.map(Account.init(row:))
    }

    func account(email: String) async throws -> Account? {
        let rows = try await database.query(
            "SELECT \(unsafeRaw: Account.columns) FROM users WHERE lower(email) = lower(\(email))")
        return try rows.first.map(Account.init(row:))
    }

    func updatePasswordHash(_ hash: String, for id: UUID) async throws {
        try await database.query("UPDATE users SET password_hash = \(hash), updated_at = now() WHERE id = \(id)")
    }

    /// The account linked to (provider, subject), creating both when new. Never
    /// matches by e-mail: the provider's address is copied to a new account only
    /// when no other account uses it.
    func accountForIdentity(_ identity: ExternalIdentity) async throws -> (account: Account, created: Bool) {
        do {
            return try await linkOrCreate(identity)
        } catch let error as DatabaseError where error.isUniqueViolation {
            // A concurrent first login of the same identity (or e-mail) won the race:
            // the second attempt finds its rows.
            return try await linkOrCreate(identity)
        }
    }

    private func linkOrCreate(_ identity: ExternalIdentity) async throws -> (account: Account, created: Bool) {
        try await database.withTransaction { connection in
            let existing = try await connection.query(
                """
                UPDATE identities SET last_login_at = now(), email = \(identity.email)
                WHERE provider = \(identity.provider) AND subject = \(identity.subject)
                RETURNING user_id
                """)
            if let row = existing.first {
                let userId: UUID = try row.decode("user_id")
                let rows = try await connection.query(
                    "SELECT \(unsafeRaw: Account.columns) FROM users WHERE id = \(userId)")
                guard let account = try rows.first.map(Account.init(row:)) else {
                    throw DatabaseError(.decodingFailed, "identity points at a missing user")
                }
                return (account, false)
            }
            let email = identity.emailVerified ? identity.email : nil
            let created = try await connection.query(
                """
                INSERT INTO users (email, display_name, avatar_url)
                VALUES (
                    (SELECT \(email) WHERE NOT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(\(email)))),
                    \(identity.displayName), \(identity.avatarURL))
                RETURNING \(unsafeRaw: Account.columns)
                """)
            guard let account = try created.first.map(Account.init(row:)) else {
                throw DatabaseError(.decodingFailed, "insert returned no row")
            }
            try await connection.query(
                """
                INSERT INTO identities (provider, subject, user_id, email)
                VALUES (\(identity.provider), \(identity.subject), \(account.id), \(identity.email))
                """)
            return (account, true)
        }
    }

    func identities(of userId: UUID) async throws -> [LinkedIdentity] {
        let rows = try await database.query(
            """
            SELECT provider, subject, email, created_at, last_login_at FROM identities
            WHERE user_id = \(userId) ORDER BY created_at
            """)
        return try rows.map { row in
            LinkedIdentity(
                provider: try row.decode("provider"), subject: try row.decode("subject"),
                email: try row.decode("email"), linkedAt: try row.decode("created_at"),
                lastLoginAt: try row.decode("last_login_at"))
        }
    }
}

/// A person as an OAuth provider describes them after a verified login.
struct ExternalIdentity: Sendable, Equatable {
    var provider: String
    var subject: String
    var email: String?
    var emailVerified: Bool
    var displayName: String
    var avatarURL: String?
}

/// An identity linked to an account, as exported.
struct LinkedIdentity: Codable, Sendable, Equatable {
    var provider: String
    var subject: String
    var email: String?
    var linkedAt: Date
    var lastLoginAt: Date
}
