import Contracts
import Foundation
import ServiceKit

/// job-service's recommendations, which the AI service explains.
struct JobClient: Sendable {
    let client: InternalServiceClient

    func recommendations(limit: Int, for identity: RequestIdentity) async throws -> [JobRecommendation] {
        guard
            let page = try await client.get(
                "/jobs/recommendations", query: [("limit", String(limit))], as: JobRecommendationPage.self,
                for: identity)
        else {
            throw InternalServiceClient.Unavailable(service: client.service, reason: "it has no recommendations route")
        }
        return page.items
    }
}

extension JobClient {
    /// One posting by id; nil when job-service has no such job.
    func job(id: String, for identity: RequestIdentity) async throws -> Job? {
        guard let encoded = id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-"])) else {
            return nil
        }
        return try await client.get("/jobs/\(encoded)", as: Job.self, for: identity)
    }
}
