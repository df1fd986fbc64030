import Contracts
import Database
import Foundation
import ServiceKit

/// What profile-service keeps about a user: the profile document and saved résumé versions.
struct ProfileUserData: Codable, Sendable {
    struct SavedResume: Codable, Sendable {
        var id: String
        var label: String
        var origin: String
        var jobDescription: String?
        var resume: JSONValue
        var report: JSONValue?
        var createdAt: Date
    }

    var profile: JSONValue?
    var createdAt: Date?
    var updatedAt: Date?
    var resumeVersions: [SavedResume] = []

    static func routes(_ database: DatabasePool) -> UserDataRoutes<ProfileUserData> {
        UserDataRoutes(
            service: ServiceDescriptor.profileService.name,
            export: { userId in
                let rows = try await database.query(
                    "SELECT document, created_at, updated_at FROM profiles WHERE user_id = \(userId)")
                var export = ProfileUserData()
                if let row = rows.first {
                    export.profile = try row.decode(JSONB<JSONValue>.self, "document").value
                    export.createdAt = try row.decode(Date.self, "created_at")
                    export.updatedAt = try row.decode(Date.self, "updated_at")
                }
                let versions = try await database.query(
                    """
                    SELECT id, label, origin, job_description, document, report, created_at FROM resume_versions
                    WHERE user_id = \(userId) ORDER BY created_at, id
                    """)
                export.resumeVersions = try versions.map { row in
                    SavedResume(
                        id: try row.decode(UUID.self, "id").uuidString.lowercased(), label: try row.decode("label"),
                        origin: try row.decode("origin"), jobDescription: try row.decode("job_description"),
                        resume: try row.decode(JSONB<JSONValue>.self, "document").value,
                        report: try row.decode(JSONB<JSONValue>?.self, "report")?.value,
                        createdAt: try row.decode("created_at"))
                }
                return export
            },
            delete: { userId in
                try await database.withTransaction { connection in
                    try await connection.query("DELETE FROM resume_versions WHERE user_id = \(userId)")
                    try await connection.query("DELETE FROM profiles WHERE user_id = \(userId)")
                }
            })
    }
}
