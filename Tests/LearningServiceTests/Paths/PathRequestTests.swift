import Contracts
import Foundation
import HTTPTypes
import ServiceKit
import Taxonomy
import Testing

@testable import LearningService

/// `POST /learning/paths` bodies: skills normalised through the Taxonomy,
/// unknown ones named in a 422, too many or malformed ones a 400, and an
/// analyze report read for its skills, levels and hours.
@Suite("learning path requests")
struct PathRequestTests {
    let taxonomy: Taxonomy

    init() throws { taxonomy = try Taxonomy.bundled() }

    static func body(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// A report as the AI service writes it: a role target, Docker held, two
    /// skills missing with Linux as a prerequisite step before them.
    static func analysis() throws -> JSONValue {
        let report = SkillAnalysisResponse(
            target: SkillAnalysisTarget(
                kind: .role, roleId: "devops-engineer", title: "DevOps Engineer", requirements: []),
            matched: [
                MatchedSkill(
                    skillId: "git", name: "Git", category: "tool", importance: .required, match: .exact, level: 3)
            ],
            missingRequired: [
                MissingSkill(skillId: "kubernetes", name: "Kubernetes", category: "tool", requiredLevel: 3)
            ],
            missingPreferred: [MissingSkill(skillId: "terraform", name: "Terraform", category: "tool")],
            levelGaps: [],
            score: MatchScore(
                value: 40, uncapped: 40, formula: "", requiredCoverage: 0.5, preferredCoverage: 0, levelFit: nil,
                weights: .init(required: 0.7, preferred: 0.2, level: 0.1), cap: nil),
            nextSteps: [
                NextStep(
                    order: 1, skillId: "linux", name: "Linux", category: "os", action: .learn,
                    importance: .prerequisite,
                    reason: "", estimatedHours: 20, toLevel: 2, unlocks: ["kubernetes"]),
                NextStep(
                    order: 2, skillId: "kubernetes", name: "Kubernetes", category: "tool", action: .learn,
                    importance: .required, reason: "", estimatedHours: 40, toLevel: 3, prerequisites: ["linux"]),
                NextStep(
                    order: 3, skillId: "terraform", name: "Terraform", category: "tool", action: .learn,
                    importance: .preferred, reason: "", estimatedHours: 25, toLevel: 2),
            ],
            unrecognizedSkills: [], llm: .unused(reason: "not asked for"))
        return try JSONValue(encoding: report)
    }

    @Test("skills are normalised to Taxonomy ids, repeats dropped")
    func skillsAreNormalised() throws {
        let request = try PathRequest(
            body: try Self.body(#"{"skills": ["k8s", "Terraform", "kubernetes"], "title": " My plan "}"#),
            taxonomy: taxonomy)
        #expect(request.targets == ["kubernetes", "terraform"])
        #expect(request.title == "My plan")
        #expect(request.origin == .skills)
    }

    @Test("unknown skills are a 422 naming each")
    func unknownSkillsAreNamed() throws {
        let error = #expect(throws: ServiceError.self) {
            try PathRequest(
                body: try Self.body(#"{"skills": ["kubernetes", "klingon", "quidditch"]}"#), taxonomy: taxonomy)
        }
        #expect(error?.status == .unprocessableContent)
        #expect(error?.detail?.contains("klingon") == true && error?.detail?.contains("quidditch") == true)
        #expect(error?.fieldErrors.map(\.pointer) == ["/skills/1", "/skills/2"])
    }

    @Test("too many skills, both or neither input, unknown fields: 400")
    func malformedRequestsAre400() throws {
        let many = (0...PathRequest.maxSkills).map { _ in "\"python\"" }.joined(separator: ",")
        for text in [
            #"{"skills": [\#(many)]}"#, #"{"skills": []}"#, #"{"skills": "python"}"#, #"{"skills": [3]}"#, "{}",
            #"{"skills": ["python"], "analysis": {}}"#, #"{"skills": ["python"], "colour": "blue"}"#,
            #"{"skills": ["python"], "title": ""}"#, #"{"analysis": []}"#, "[]",
        ] {
            let error = #expect(throws: ServiceError.self, "\(text)") {
                try PathRequest(body: try Self.body(text), taxonomy: taxonomy)
            }
            #expect(error?.status == .badRequest, "\(text)")
        }
    }

    @Test("an analyze report gives its missing skills, levels, hours and target")
    func analysisIsRead() throws {
        let request = try PathRequest(body: .object(["analysis": try Self.analysis()]), taxonomy: taxonomy)
        #expect(request.origin == .analysis)
        // Prerequisite steps are the builder's to place; the targets are what the role asks for.
        #expect(request.targets == ["kubernetes", "terraform"])
        #expect(request.hours == ["linux": 20, "kubernetes": 40, "terraform": 25])
        #expect(request.targetLevels == ["linux": 2, "kubernetes": 3, "terraform": 2])
        #expect(request.held == ["git"])
        #expect(request.currentLevels["git"] == 3)
        #expect(request.targetRole == "devops-engineer")
    }

    @Test("a report with no next steps falls back to its missing skills; one with nothing to learn is a 422")
    func analysisFallbacks() throws {
        let request = try PathRequest(
            body: try Self.body(
                #"{"analysis": {"missingRequired": [{"skillId": "docker", "requiredLevel": 3}], "levelGaps": [{"skillId": "sql", "have": 2, "need": 4}]}}"#
            ), taxonomy: taxonomy)
        #expect(request.targets == ["docker", "sql"])
        #expect(request.targetLevels == ["docker": 3, "sql": 4])
        #expect(request.currentLevels == ["sql": 2])
        let error = #expect(throws: ServiceError.self) {
            try PathRequest(body: try Self.body(#"{"analysis": {"nextSteps": []}}"#), taxonomy: taxonomy)
        }
        #expect(error?.status == .unprocessableContent)
    }
}
