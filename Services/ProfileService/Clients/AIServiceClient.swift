import Contracts
import ServiceKit

/// The AI service, as profile-service uses it: a model's reading of a résumé,
/// and vectors for profile summaries. Both are optional help: without them the
/// deterministic parse stands and matching uses skills alone.
struct AIServiceClient: Sendable {
    let client: InternalServiceClient

    func extractResume(
        text: String, draft: Resume, for identity: RequestIdentity
    ) async throws
        -> ResumeExtractionResponse
    {
        try await client.post(
            "/internal/extract/resume", body: ResumeExtractionRequest(text: text, draft: draft),
            as: ResumeExtractionResponse.self, for: identity)
    }

    func embed(_ texts: [String], for identity: RequestIdentity) async throws -> EmbedResponse {
        try await client.post(
            "/internal/embed", body: EmbedRequest(texts: texts), as: EmbedResponse.self, for: identity)
    }
}
