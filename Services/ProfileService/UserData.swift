import Contracts
import Database
import Foundation
import ServiceKit

/// What profile-service keeps about a user: the profile document.
struct ProfileUserData: Codable, Sendable {
    var profile: JSONValue?
    var createdAt: Date?
    var updatedAt: Date?

    static func routes(_ database: DatabasePool) -> UserDataRoutes<ProfileUserData> {
        UserDataRoutes(
            service: ServiceDescriptor.profileService.name,
            export: { userId in
                let rows = try await database.query(
                    "SELECT document, created_at, updated_at FROM profiles WHERE user_id = \(userId)")
                guard let row = rows.first else { return ProfileUserData() }
                let document = try row.decode(JSONB<JSONValue>.self, "document")
                return ProfileUserData(
                    profile: document.value, createdAt: try row.decode(Date.self, "created_at"),
                    updatedAt: try row.decode(Date.self, "updated_at"))
            },
            delete: { userId in try await database.query("DELETE FROM profiles WHERE user_id = \(userId)") })
    }
}
