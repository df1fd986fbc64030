import Database
import Foundation

/// A CareerGini account as the gateway stores it.
struct Account: Sendable, Equatable {
    var id: UUID
    var email: String?
    var displayName: String
    var roles: [String]
    var avatarURL: String?
    var createdAt: Date
    /// The PHC string; nil for accounts that only sign in through OAuth.
    var passwordHash: String?
    /// Set once deletion has started; such an account cannot sign in.
    var deletingSince: Date?

    static let columns = "id, email, display_name, roles, avatar_url, created_at, password_hash, deleting_since"

    init(row: DatabaseRow) throws {
        id = try row.decode("id")
        email = try row.decode("email")
        displayName = try row.decode("display_name")
        roles = try row.decode("roles")
        avatarURL = try row.decode("avatar_url")
        createdAt = try row.decode("created_at")
        passwordHash = try row.decode("password_hash")
        deletingSince = try row.decode("deleting_since")
    }

    /// What `GET /api/v1/me` and the login answer show of an account.
    var publicView: AccountView {
        AccountView(
            id: id.uuidString.lowercased(), email: email, displayName: displayName, roles: roles,
            avatarUrl: avatarURL, createdAt: createdAt, hasPassword: passwordHash != nil)
    }
}

/// The account's wire form.
struct AccountView: Codable, Sendable, Equatable {
    var id: String
    var email: String?
    var displayName: String
    var roles: [String]
    var avatarUrl: String?
    var createdAt: Date
    var hasPassword: Bool
}
