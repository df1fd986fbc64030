import Contracts
import Foundation
import Hummingbird
import ServiceKit
import Taxonomy

/// The AI service's view over job-service and learning-service: their results,
/// each with why it fits this person. While either service is unreachable the
/// route answers 503 problem+json naming it.
struct EnrichmentController: Sendable {
    let jobs: JobClient
    let learning: LearningClient
    let profiles: ProfileClient
    let jobExplainer: JobFitExplainer
    let resourceAdvisor: ResourceAdvisor

    init(models: LanguageModels, taxonomy: Taxonomy, jobs: JobClient, learning: LearningClient, profiles: ProfileClient)
    {
        self.jobs = jobs
        self.learning = learning
        self.profiles = profiles
        jobExplainer = JobFitExplainer(models: models, taxonomy: taxonomy)
        resourceAdvisor = ResourceAdvisor(models: models, taxonomy: taxonomy)
    }

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/jobs/recommend", use: recommendJobs)
        router.get("/learning/resources", use: resources)
    }

    struct JobsAnswer: Codable, Sendable {
        var items: [JobFitExplainer.Explained]
        var llm: LLMUsage
    }

    struct ResourcesAnswer: Codable, Sendable {
        var items: [ResourceAdvisor.Advised]
        var llm: LLMUsage
    }

    @Sendable func recommendJobs(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity = try context.requireUserIdentity()
        let limit = try Self.limit(request)
        let useModel = try Self.useModel(request)
        let recommendations: [JobRecommendation]
        do {
            recommendations = try await jobs.recommendations(limit: limit, for: identity)
        } catch let unavailable as InternalServiceClient.Unavailable {
            throw unavailable.problem
        }
        let (items, llm) = try await explainOrOverloaded {
            try await jobExplainer.explain(recommendations, useModel: useModel)
        }
        return try JSONResponse.make(JobsAnswer(items: items, llm: llm))
    }

    /// Query parameters learning-service understands, passed through unchanged.
    static let resourceFilters = ["skill", "level", "type", "free", "lang", "prefer", "limit"]

    @Sendable func resources(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity = try context.requireUserIdentity()
        let useModel = try Self.useModel(request)
        let query = Self.resourceFilters.compactMap { name in
            request.uri.queryParameters.get(name).map { (name, $0) }
        }
        let resources: [LearningResource]
        do {
            resources = try await learning.resources(query: query, for: identity)
        } catch let unavailable as InternalServiceClient.Unavailable {
            // A query learning-service refuses (a bad level, an unknown skill) is the caller's to fix, not an outage.
            if unavailable.isRefusal, let status = unavailable.status {
                throw ServiceError(
                    HTTPResponse.Status(code: status),
                    detail:
                        "learning-service refused the query (HTTP \(status)): check skill, level, type, free, lang, prefer and limit"
                )
            }
            throw unavailable.problem
        }
        // The profile sharpens the advice (prerequisites held); without it the advice still stands.
        let profile = try? await profiles.profile(for: identity)
        let held = Set(profile?.careergini?.skills?.map(\.id) ?? [])
        let (items, llm) = try await explainOrOverloaded {
            try await resourceAdvisor.advise(resources, held: held, useModel: useModel)
        }
        return try JSONResponse.make(ResourcesAnswer(items: items, llm: llm))
    }

    /// Our model queue being full is the one failure that reaches the caller: 503 + Retry-After.
    private func explainOrOverloaded<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as LanguageModelError where error.code == .overloaded {
            throw ServiceError.unavailable(
                "the model is busy with other requests; retry shortly, or pass useModel=false for the rules' answer",
                retryAfterSeconds: error.retryAfterSeconds ?? 5)
        }
    }

    static func limit(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters.get("limit") else { return 10 }
        guard let value = Int(text), (1...50).contains(value) else {
            throw ServiceError.badRequest(
                "limit must be a whole number from 1 to 50", fieldErrors: [.init(pointer: "/limit", reason: "1–50")])
        }
        return value
    }

    static func useModel(_ request: Request) throws -> Bool {
        guard let text = request.uri.queryParameters.get("useModel") else { return true }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw ServiceError.badRequest("useModel must be true or false")
        }
    }
}
