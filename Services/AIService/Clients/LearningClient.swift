import Contracts
import ServiceKit

/// learning-service's resource search, which the AI service explains.
struct LearningClient: Sendable {
    let client: InternalServiceClient

    func resources(query: [(String, String)], for identity: RequestIdentity) async throws -> [LearningResource] {
        guard
            let page = try await client.get(
                "/learning/resources", query: query, as: LearningResourcePage.self, for: identity)
        else {
            throw InternalServiceClient.Unavailable(service: client.service, reason: "it has no resources route")
        }
        return page.items
    }
}
