import Contracts
import Database
import Foundation
import ServiceKit

/// What profile-service keeps about a user: the profile document (with the
/// user's own edits and where each field came from), the sources it is built
/// from, the import history, the normalised skills, the profile vector's
/// metadata, and saved résumé versions.
struct ProfileUserData: Codable, Sendable {
    struct Source: Codable, Sendable {
        var id: String
        var kind: String
        var label: String
        var document: JSONValue
        var createdAt: Date
        var updatedAt: Date
    }

    struct Embedding: Codable, Sendable {
        var model: String
        var dimensions: Int
        var updatedAt: Date
    }

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
    var edits: JSONValue?
    var provenance: JSONValue?
    var createdAt: Date?
    var updatedAt: Date?
    var sources: [Source] = []
    var imports: [ProfileImportRecord] = []
    var skills: [JSONValue] = []
    var embedding: Embedding?
    var resumeVersions: [SavedResume] = []

    static func routes(_ database: DatabasePool) -> UserDataRoutes<ProfileUserData> {
        UserDataRoutes(
            service: ServiceDescriptor.profileService.name,
            export: { userId in try await export(userId, database) },
            delete: { userId in
                try await database.withTransaction { connection in
                    for table in [
                        "resume_versions", "profile_imports", "profile_sources", "profile_skills",
                        "profile_embeddings", "profile_embedding_jobs", "profiles",
                    ] {
                        try await connection.query("DELETE FROM \(identifier: table) WHERE user_id = \(userId)")
                    }
                }
            })
    }

    static func export(_ userId: UUID, _ database: DatabasePool) async throws -> ProfileUserData {
        var export = ProfileUserData()
        let rows = try await database.query(
            "SELECT document, edits, provenance, created_at, updated_at FROM profiles WHERE user_id = \(userId)")
        if let row = rows.first {
            export.profile = try row.decode(JSONB<JSONValue>.self, "document").value
            export.edits = try row.decode(JSONB<JSONValue>.self, "edits").value
            export.provenance = try row.decode(JSONB<JSONValue>.self, "provenance").value
            export.createdAt = try row.decode(Date.self, "created_at")
            export.updatedAt = try row.decode(Date.self, "updated_at")
        }
        let sources = try await database.query(
            """
            SELECT id, kind, label, document, created_at, updated_at FROM profile_sources
            WHERE user_id = \(userId) ORDER BY created_at, id
            """)
        export.sources = try sources.map { row in
            Source(
                id: try row.decode(UUID.self, "id").uuidString.lowercased(), kind: try row.decode("kind"),
                label: try row.decode("label"), document: try row.decode(JSONB<JSONValue>.self, "document").value,
                createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
        }
        let imports = try await database.query(
            """
            SELECT id, source_id, kind, label, status, report, created_at FROM profile_imports
            WHERE user_id = \(userId) ORDER BY created_at, id
            """)
        export.imports = try imports.map(ProfileStore.importRecord)
        let skills = try await database.query(
            """
            SELECT jsonb_build_object('id', skill_id, 'level', level, 'years', years, 'lastUsed', last_used,
                'sources', sources) AS skill
            FROM profile_skills WHERE user_id = \(userId) ORDER BY skill_id
            """)
        export.skills = try skills.map { try $0.decode(JSONB<JSONValue>.self, "skill").value }
        let embedding = try await database.query(
            "SELECT model, dimensions, updated_at FROM profile_embeddings WHERE user_id = \(userId)")
        export.embedding = try embedding.first.map { row in
            Embedding(
                model: try row.decode("model"), dimensions: try row.decode("dimensions"),
                updatedAt: try row.decode("updated_at"))
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
    }
}
