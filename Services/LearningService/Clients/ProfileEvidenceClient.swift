import Contracts
import Foundation
import ServiceKit

/// profile-service's `POST /internal/profile/skills/learning`: a finished
/// path step becomes "learning" evidence on the user's skill. Idempotent there
/// (the same evidence twice changes nothing), so a retried delivery is safe.
struct ProfileEvidenceClient: Sendable {
    /// The part of profile-service's answer (an import record) read here.
    struct Answer: Decodable, Sendable {
        var status: String
    }

    let client: InternalServiceClient

    /// Throws `InternalServiceClient.Unavailable` when profile-service can't take it now.
    func record(_ evidence: LearningEvidence, for userId: UUID) async throws {
        _ = try await client.post(
            "/internal/profile/skills/learning", body: evidence, as: Answer.self,
            for: RequestIdentity(userId: userId, roles: ["user"], service: ServiceDescriptor.learningService.name))
    }
}
