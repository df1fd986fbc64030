import Contracts
import Foundation
import ServiceKit

/// profile-service, as recommendations read it: the user's profile (a JSON
/// Resume with the `x-careergini` skills, target roles and preferences) and
/// the vector of its summary.
struct ProfileServiceClient: Sendable {
    /// `GET /profile/embedding`'s answer.
    struct ProfileEmbedding: Codable, Sendable, Equatable {
        var model: String
        var dimensions: Int
        var vector: [Float]
        var updatedAt: Date
    }

    let client: InternalServiceClient

    /// The profile; nil when the user has none yet.
    func profile(for identity: RequestIdentity) async throws -> Resume? {
        try await client.get("/profile", as: Resume.self, for: identity)
    }

    /// The profile's vector; nil when none has been made yet.
    func embedding(for identity: RequestIdentity) async throws -> ProfileEmbedding? {
        try await client.get("/profile/embedding", as: ProfileEmbedding.self, for: identity)
    }
}
