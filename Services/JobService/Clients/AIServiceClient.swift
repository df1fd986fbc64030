import Contracts
import ServiceKit

/// The AI service, as job-service uses it: vectors for posting texts.
struct AIServiceClient: Sendable {
    let client: InternalServiceClient

    /// Postings belong to no user, so job-service asks on its own behalf.
    static let identity = RequestIdentity(userId: nil, roles: [], service: "job-service")

    func embed(_ texts: [String]) async throws -> EmbedResponse {
        try await client.post(
            "/internal/embed", body: EmbedRequest(texts: texts), as: EmbedResponse.self, for: Self.identity)
    }
}
