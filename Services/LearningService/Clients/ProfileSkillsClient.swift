import Foundation
import ServiceKit

/// profile-service's `GET /profile/skills`, read for the learner's current
/// level per skill, which decides the level of resource that suits them.
struct ProfileSkillsClient: Sendable {
    /// The part of profile-service's answer ranking reads.
    struct SkillList: Decodable, Sendable {
        struct Item: Decodable, Sendable {
            var id: String
            /// 1 (aware) … 5 (expert), when known.
            var level: Int?
        }
        var items: [Item]
    }

    /// A skill the profile shows without a level (seen in a résumé, say) has
    /// been used, so it counts as more than "aware": level 2.
    static let levelWhenUnrated = 2

    let client: InternalServiceClient

    /// Level per Taxonomy skill id; empty when the user has no profile yet.
    /// Throws `InternalServiceClient.Unavailable` when profile-service can't answer.
    func levels(for identity: RequestIdentity) async throws -> [String: Int] {
        guard let list = try await client.get("/profile/skills", as: SkillList.self, for: identity) else { return [:] }
        var levels: [String: Int] = [:]
        for item in list.items {
            let level = min(5, max(1, item.level ?? Self.levelWhenUnrated))
            levels[item.id] = max(levels[item.id] ?? 0, level)
        }
        return levels
    }
}
