import Contracts
import ServiceKit

/// profile-service, as the AI service uses it: the user's profile in, tailored
/// résumés out.
struct ProfileClient: Sendable {
    let client: InternalServiceClient

    /// The user's profile, or nil when they have none yet.
    func profile(for identity: RequestIdentity) async throws -> Resume? {
        try await client.get("/profile", as: Resume.self, for: identity)
    }

    /// Stores a tailored résumé as a new version; returns it with its id.
    func saveResumeVersion(_ version: NewResumeVersion, for identity: RequestIdentity) async throws -> ResumeVersion {
        try await client.post("/profile/resumes", body: version, as: ResumeVersion.self, for: identity)
    }
}
