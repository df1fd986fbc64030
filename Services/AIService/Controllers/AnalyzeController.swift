import Contracts
import Database
import Foundation
import Hummingbird
import ServiceKit

/// `POST /skills/analyze`: the deterministic gap analysis, a narrative from the
/// skills model when one is available, and the result kept in the user's history.
struct AnalyzeController: Sendable {
    let analyzer: SkillGapAnalyzer
    let narrator: AnalysisNarrator
    let profiles: ProfileClient
    let database: DatabasePool

    func register(on router: Router<ServiceRequestContext>) {
        router.post("/skills/analyze", use: analyze)
        router.get("/skills/analyses", use: history)
    }

    @Sendable func analyze(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity = try context.requireUserIdentity()
        let body = try await request.decode(as: SkillAnalysisRequest.self, context: context)
        var profile = body.profile
        if profile == nil, body.skills == nil {
            // A malformed request is refused before any call to profile-service.
            do {
                _ = try analyzer.analyze(body)
            } catch let error as SkillAnalysisError {
                throw error.serviceError
            }
            do {
                profile = try await profiles.profile(for: identity)
            } catch let unavailable as InternalServiceClient.Unavailable {
                throw unavailable.problem
            }
            guard profile != nil else {
                throw ServiceError(
                    .unprocessableContent,
                    detail: "you have no profile yet: import a résumé, or send your skills in the request",
                    fieldErrors: [.init(pointer: "/skills", reason: "needed while there is no profile")])
            }
        }
        var result: SkillAnalysisResponse
        do {
            result = try analyzer.analyze(body, profile: profile)
        } catch let error as SkillAnalysisError {
            throw error.serviceError
        }
        if body.useModel == false {
            result.llm = .unused(reason: "not requested (useModel=false)")
        } else {
            do {
                let (narrative, llm) = try await narrator.narrate(
                    facts: Self.facts(result),
                    missingSkillIds: result.missingRequired.map(\.skillId) + result.missingPreferred.map(\.skillId)
                        + result.levelGaps.map(\.skillId))
                result.narrative = narrative
                result.llm = llm
            } catch let error as LanguageModelError where error.code == .overloaded {
                throw ServiceError.unavailable(
                    "the skills model is busy with other requests; retry shortly, or send useModel=false for the analysis without a narrative",
                    retryAfterSeconds: error.retryAfterSeconds ?? 5)
            }
        }
        try await store(result, userId: try identity.requireUser())
        return try JSONResponse.make(result)
    }

    /// The deterministic result in the words the narrator's prompt uses.
    static func facts(_ result: SkillAnalysisResponse) -> String {
        func names(_ items: [String]) -> String { items.isEmpty ? "none" : items.joined(separator: ", ") }
        var lines = [
            "Target: \(result.target.title ?? result.target.kind.rawValue)"
                + (result.target.level.map { " (level \($0) of 5)" } ?? ""),
            "Match score: \(result.score.value) of 100"
                + (result.score.cap?.applied == true ? " (capped: \(result.score.cap?.reason ?? ""))" : ""),
            "Skills they have that the target asks for: \(names(result.matched.map(\.name)))",
            "Missing required skills (skill id in brackets): \(names(result.missingRequired.map { "\($0.name) [\($0.skillId)]" }))",
            "Missing preferred skills: \(names(result.missingPreferred.map { "\($0.name) [\($0.skillId)]" }))",
            "Skills below the level needed: \(names(result.levelGaps.map { "\($0.name) [\($0.skillId)] \($0.have)→\($0.need)" }))",
        ]
        let steps = result.nextSteps.prefix(6).map { "\($0.order). \($0.name) (~\($0.estimatedHours) h): \($0.reason)" }
        if !steps.isEmpty { lines.append("Planned next steps:\n" + steps.joined(separator: "\n")) }
        return lines.joined(separator: "\n")
    }

    private func store(_ result: SkillAnalysisResponse, userId: UUID) async throws {
        let label = result.target.title ?? result.target.roleId ?? result.target.kind.rawValue
        try await database.query(
            """
            INSERT INTO analyses (user_id, target_kind, target_label, score, result)
            VALUES (\(userId), \(result.target.kind.rawValue), \(String(label.prefix(200))), \(Double(result.score.value)),
                    \(try JSONB(result)))
            """)
    }

    struct HistoryEntry: Codable, Sendable {
        var id: String
        var targetKind: String
        var target: String
        var score: Double
        var createdAt: Date
    }

    struct HistoryPage: Codable, Sendable {
        var items: [HistoryEntry]
    }

    /// The user's recent analyses, newest first, so progress shows over time.
    @Sendable func history(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let rows = try await database.query(
            """
            SELECT id, target_kind, target_label, score::float8 AS score, created_at FROM analyses
            WHERE user_id = \(userId) ORDER BY created_at DESC, id DESC LIMIT 50
            """)
        let items = try rows.map { row in
            HistoryEntry(
                id: try row.decode(UUID.self, "id").uuidString.lowercased(), targetKind: try row.decode("target_kind"),
                target: try row.decode("target_label"), score: try row.decode("score"),
                createdAt: try row.decode("created_at"))
        }
        return try JSONResponse.make(HistoryPage(items: items))
    }
}
