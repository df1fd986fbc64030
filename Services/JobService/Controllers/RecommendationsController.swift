import Contracts
import Hummingbird
import ServiceKit

/// `GET /jobs/recommendations?limit=`: open postings ranked for the signed-in
/// user, each with its score, matched and missing skills and an explanation.
///
/// A user without a profile, or with neither skills nor a target title in it,
/// gets 422 ("add skills or a target role to your profile first"): an empty
/// list would read as "no jobs for you". profile-service down or too slow is
/// 503 with Retry-After.
struct RecommendationsController: Sendable {
    let recommender: Recommender

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/jobs/recommendations", use: recommendations)
    }

    @Sendable func recommendations(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let identity = context.identity else { throw ServiceError(.unauthorized, detail: "sign in first") }
        _ = try identity.requireUser()
        let limit = try Self.limit(request.uri.queryParameters.get("limit"))
        do {
            return try JSONResponse.make(try await recommender.recommend(for: identity, limit: limit))
        } catch let unavailable as InternalServiceClient.Unavailable {
            throw unavailable.problem
        }
    }

    /// 1–50, 20 when absent.
    static func limit(_ text: String?) throws -> Int {
        guard let text else { return Recommender.defaultLimit }
        guard let value = Int(text), (1...Recommender.maximumLimit).contains(value) else {
            throw ServiceError.badRequest(
                "limit must be a whole number from 1 to \(Recommender.maximumLimit)",
                fieldErrors: [.init(pointer: "/limit", reason: "a whole number from 1 to \(Recommender.maximumLimit)")])
        }
        return value
    }
}
