import Contracts
import Foundation
import Hummingbird
import ServiceKit
import Taxonomy

/// `POST /internal/profile/skills/learning`: learning-service reports a path
/// step the user finished. It becomes `learning` evidence on the skill, in a
/// source of the lowest priority (see `ProfileStore.recordLearning`). Only
/// learning-service may call it, and the gateway never forwards `/internal/...`.
struct LearningEvidenceController: Sendable {
    let store: ProfileStore
    let taxonomy: Taxonomy

    static let maxTextLength = 300

    func register(on router: Router<ServiceRequestContext>) {
        router.post("/internal/profile/skills/learning", use: record)
    }

    @Sendable func record(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        guard context.identity?.service == ServiceDescriptor.learningService.name else {
            throw ServiceError(.forbidden, detail: "only learning-service records learning evidence")
        }
        let evidence = try await request.decode(as: LearningEvidence.self, context: context)
        guard let skill = taxonomy.skillId(for: evidence.skill) else {
            throw ServiceError(
                .unprocessableContent, detail: "\(evidence.skill) is not a known skill",
                fieldErrors: [.init(pointer: "/skill", reason: "not a taxonomy skill")])
        }
        let text = evidence.text.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [Problem.FieldError] = []
        if text.isEmpty || text.count > Self.maxTextLength {
            problems.append(.init(pointer: "/text", reason: "1 to \(Self.maxTextLength) characters"))
        }
        if let date = evidence.date, !Self.isPartialDate(date) {
            problems.append(.init(pointer: "/date", reason: "an ISO 8601 partial date such as 2026-11"))
        }
        guard problems.isEmpty else {
            throw ServiceError.badRequest("malformed learning evidence", fieldErrors: problems)
        }
        let record = try await store.recordLearning(
            userId, skill: skill, evidence: SkillEvidence(source: "learning", text: text, date: evidence.date))
        return try JSONResponse.make(record)
    }

    /// "2026", "2026-11" or "2026-11-03", with a real month.
    static func isPartialDate(_ text: String) -> Bool {
        text.range(of: #"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"#, options: .regularExpression) != nil
            && PartialDate.month(text) != nil
    }
}
