import Contracts
import Database
import Foundation
import Hummingbird
import ServiceKit
import Taxonomy

/// The user's skills as the taxonomy names them, each with level, years,
/// last use and the evidence that shows it; and the profile's vector for the
/// services that match on it.
struct SkillsController: Sendable {
    let store: ProfileStore
    let taxonomy: Taxonomy

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/profile/skills", use: skills)
        router.get("/profile/embedding", use: embedding)
    }

    struct SkillView: Codable, Sendable {
        var id: String
        var name: String
        var category: String
        var level: Int?
        var years: Double?
        var lastUsed: String?
        /// Where it was seen: "resume", "linkedin", "github", "user", "learning".
        var sources: [String]
        var evidence: [SkillEvidence]
    }

    struct SkillList: Codable, Sendable {
        var items: [SkillView]
    }

    @Sendable func skills(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let document = try await store.read(userId)?.document ?? .object([:])
        let skills =
            try (document["x-careergini"] ?? .object([:])).decoded(as: CareerginiExtension.self)
            .skills ?? []
        let items = skills.compactMap { skill -> SkillView? in
            guard let known = taxonomy.skill(skill.id) else { return nil }
            let evidence = skill.evidence ?? []
            return SkillView(
                id: skill.id, name: known.name, category: known.category, level: skill.level, years: skill.years,
                lastUsed: skill.lastUsed, sources: Array(Set(evidence.map(\.source))).sorted(), evidence: evidence)
        }
        return try JSONResponse.make(SkillList(items: items))
    }

    struct EmbeddingView: Codable, Sendable {
        var model: String
        var dimensions: Int
        var vector: [Float]
        var updatedAt: Date
    }

    @Sendable func embedding(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let rows = try await store.database.query(
            "SELECT model, dimensions, vector, updated_at FROM profile_embeddings WHERE user_id = \(userId)")
        guard let row = rows.first else {
            throw ServiceError.notFound("no profile vector yet: matching uses skills alone")
        }
        let vector: [Double] = try row.decode("vector")
        return try JSONResponse.make(
            EmbeddingView(
                model: try row.decode("model"), dimensions: try row.decode("dimensions"),
                vector: vector.map(Float.init), updatedAt: try row.decode("updated_at")))
    }
}
