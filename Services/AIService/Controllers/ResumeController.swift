import Contracts
import Foundation
import Hummingbird
import Logging
import ServiceKit

/// `POST /resume/generate`: a résumé tailored to one job, from the user's
/// profile, saved as a résumé version with profile-service unless `store` is false.
struct ResumeController: Sendable {
    let generator: ResumeGenerator
    let profiles: ProfileClient
    let jobs: JobClient
    /// Job descriptions longer than this are refused rather than cut silently.
    static let maximumJobDescriptionCharacters = 30_000

    func register(on router: Router<ServiceRequestContext>) {
        router.post("/resume/generate", use: generate)
    }

    @Sendable func generate(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity = try context.requireUserIdentity()
        let body = try await request.decode(as: ResumeGenerationRequest.self, context: context)
        let jobDescription = try await self.jobDescription(body, identity: identity)
        let profile = try await self.profile(body, identity: identity)
        var response: ResumeGenerationResponse
        do {
            response = try await generator.generate(
                profile: profile, jobDescription: jobDescription, targetTitle: body.targetTitle,
                useModel: body.useModel ?? true)
        } catch let error as LanguageModelError where error.code == .overloaded {
            throw ServiceError.unavailable(
                "the résumé model is busy with other requests; retry shortly, or send useModel=false for the template version",
                retryAfterSeconds: error.retryAfterSeconds ?? 5)
        }
        if body.store ?? true {
            let label = "Tailored for " + Self.label(title: body.targetTitle, jobDescription: jobDescription)
            do {
                let report = try JSONDecoder().decode(
                    JSONValue.self,
                    from: InternalServiceClient.encoder.encode(
                        StoredReport(
                            keywordCoverage: response.keywordCoverage,
                            missingRequirements: response.missingRequirements.map(\.skillId),
                            removedClaims: response.removedClaims.count, llm: response.llm)))
                let version = try await profiles.saveResumeVersion(
                    NewResumeVersion(
                        label: label, origin: .tailored, jobDescription: jobDescription, resume: response.resume,
                        report: report),
                    for: identity)
                response.resumeVersionId = version.id
            } catch let unavailable as InternalServiceClient.Unavailable {
                // The tailored résumé is still worth having; the answer says it was not saved.
                context.logger.warning("tailored résumé not stored", metadata: ["reason": "\(unavailable)"])
                response.storeError = "not saved: \(unavailable.description); save it again later"
            }
        }
        return try JSONResponse.make(response)
    }

    struct StoredReport: Encodable {
        var keywordCoverage: KeywordCoverage
        var missingRequirements: [String]
        var removedClaims: Int
        var llm: LLMUsage
    }

    /// The JD inline, or the posting's description from job-service by id.
    private func jobDescription(_ body: ResumeGenerationRequest, identity: RequestIdentity) async throws -> String {
        switch (body.jobDescription, body.jobId) {
        case (let text?, nil):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else {
                throw ServiceError.badRequest(
                    "the job description is empty",
                    fieldErrors: [.init(pointer: "/jobDescription", reason: "must not be empty")])
            }
            guard trimmed.count <= Self.maximumJobDescriptionCharacters else {
                throw ServiceError(
                    .contentTooLarge,
                    detail: "the job description is over \(Self.maximumJobDescriptionCharacters) characters",
                    fieldErrors: [.init(pointer: "/jobDescription", reason: "too long")])
            }
            return trimmed
        case (nil, let id?):
            let job: Job?
            do {
                job = try await jobs.job(id: id, for: identity)
            } catch let unavailable as InternalServiceClient.Unavailable {
                throw unavailable.problem
            }
            guard let job else { throw ServiceError.notFound("no job \(id)") }
            return "\(job.title) at \(job.company)\n\n\(job.description ?? "")"
        case (nil, nil):
            throw ServiceError.badRequest(
                "send the job description, or a job id",
                fieldErrors: [.init(pointer: "/jobDescription", reason: "one of jobDescription or jobId is required")])
        case (_?, _?):
            throw ServiceError.badRequest(
                "send either the job description or a job id, not both",
                fieldErrors: [.init(pointer: "/jobId", reason: "conflicts with jobDescription")])
        }
    }

    private func profile(_ body: ResumeGenerationRequest, identity: RequestIdentity) async throws -> Resume {
        if let profile = body.profile { return profile }
        let stored: Resume?
        do {
            stored = try await profiles.profile(for: identity)
        } catch let unavailable as InternalServiceClient.Unavailable {
            throw unavailable.problem
        }
        guard let stored else {
            throw ServiceError(
                .unprocessableContent, detail: "you have no profile yet: import a résumé first, or send one",
                fieldErrors: [.init(pointer: "/profile", reason: "needed while there is no stored profile")])
        }
        return stored
    }

    /// A short label for the saved version: the title, else the JD's first line.
    static func label(title: String?, jobDescription: String) -> String {
        let first = title ?? jobDescription.split(whereSeparator: \.isNewline).first.map(String.init) ?? "a job"
        let trimmed = first.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.count > 80 ? String(trimmed.prefix(79)) + "…" : trimmed
    }
}
