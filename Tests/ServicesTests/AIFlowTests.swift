import Contracts
import CurlHTTP
import Foundation
import ServiceKit
import TestSupport
import Testing

/// The AI features across the real binaries, through the gateway: the AI service
/// reads the stored profile from profile-service and stores the tailored résumé
/// there, all without a model (none runs in CI).
@Suite("AI features across the real services", .serialized)
struct AIFlowTests {
    static func json(_ body: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
    }

    @Test("analyze reads the stored profile; generate stores a résumé version only its owner can read")
    func analyzeAndGenerateThroughTheGateway() async throws {
        let suite = try RunningSuite()
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        try await suite.waitUntilReady(http)
        let gateway = suite.url("gateway")
        func send(_ method: String, _ path: String, token: String, body: Data? = nil) async throws -> (Int, [UInt8]) {
            var headers: [(name: String, value: String)] = [("Authorization", "Bearer \(token)")]
            if body != nil { headers.append(("Content-Type", "application/json")) }
            let (response, bytes) = try await http.data(
                for: CurlRequest(
                    method: method, url: gateway + path, headers: headers, body: body.map { .bytes(Array($0)) },
                    timeouts: .init(connect: .seconds(2), total: .seconds(30))))
            return (response.status, bytes)
        }
        func register() async throws -> String {
            let (response, body) = try await http.data(
                for: CurlRequest(
                    method: "POST", url: gateway + "/api/v1/auth/register",
                    headers: [("Content-Type", "application/json")],
                    body: .bytes(
                        Array(
                            try JSONSerialization.data(withJSONObject: [
                                "email": "ai-\(UUID().uuidString.lowercased())@example.com",
                                "password": "correct horse battery staple",
                            ]))), timeouts: .init(connect: .seconds(2), total: .seconds(30))))
            #expect(response.status == 201)
            return try #require(try Self.json(body)["accessToken"] as? String)
        }
        let encoder = JSONEncoder()
        let alice = try await register()
        let bob = try await register()

        // No profile yet: analyze without skills says what to do.
        let target = try encoder.encode(SkillAnalysisRequest(roleId: "backend-engineer"))
        let (noProfile, noProfileBody) = try await send("POST", "/api/v1/ai/skills/analyze", token: alice, body: target)
        #expect(noProfile == 422, "\(String(decoding: noProfileBody, as: UTF8.self))")

        let profile = Resume(
            basics: .init(name: "Ada Example", label: "Backend Engineer", email: "ada@example.com"),
            work: [
                .init(
                    name: "Acme Logistics", position: "Backend Engineer", startDate: "2019-04",
                    highlights: [
                        "Built order APIs in Python and Django on PostgreSQL.",
                        "Cut nightly batch time by 35% with Redis caching.",
                    ])
            ],
            skills: [.init(name: "Backend", keywords: ["Python", "Django", "PostgreSQL", "Redis", "Docker"])])
        let (saved, _) = try await send("PUT", "/api/v1/profile", token: alice, body: try encoder.encode(profile))
        #expect(saved == 200)

        let (analyzed, analyzedBody) = try await send("POST", "/api/v1/ai/skills/analyze", token: alice, body: target)
        #expect(analyzed == 200)
        let analysis = try JSONDecoder().decode(SkillAnalysisResponse.self, from: Data(analyzedBody))
        #expect(analysis.matched.contains { $0.skillId == "python" }, "the stored profile was read")
        #expect(analysis.llm.used == false)

        let job = """
            Backend Engineer
            Requirements: Python, PostgreSQL and Kubernetes. Experience with Docker.
            Nice to have: Terraform.
            """
        let (generated, generatedBody) = try await send(
            "POST", "/api/v1/ai/resume/generate", token: alice,
            body: try encoder.encode(ResumeGenerationRequest(jobDescription: job)))
        #expect(generated == 200, "\(String(decoding: generatedBody, as: UTF8.self))")
        let tailored = try JSONDecoder().decode(ResumeGenerationResponse.self, from: Data(generatedBody))
        #expect(tailored.missingRequirements.contains { $0.skillId == "kubernetes" })
        let versionId = try #require(tailored.resumeVersionId)

        let (read, readBody) = try await send("GET", "/api/v1/profile/resumes/\(versionId)", token: alice)
        #expect(read == 200)
        let version = try JSONDecoder.iso8601.decode(ResumeVersion.self, from: Data(readBody))
        #expect(version.origin == .tailored)
        #expect(version.resume == tailored.resume)
        #expect(try await send("GET", "/api/v1/profile/resumes/\(versionId)", token: bob).0 == 404)
        let (list, listBody) = try await send("GET", "/api/v1/profile/resumes", token: alice)
        #expect(list == 200)
        #expect((try Self.json(listBody)["items"] as? [[String: Any]])?.count == 1)

        // The export carries the analysis and the saved version.
        let (exported, exportBody) = try await send("GET", "/api/v1/me/export", token: alice)
        #expect(exported == 200)
        let services = try #require(try Self.json(exportBody)["services"] as? [String: Any])
        let ai = (services["ai-service"] as? [String: Any])?["data"] as? [String: Any]
        #expect((ai?["analyses"] as? [[String: Any]])?.count == 1)
        let profileData = (services["profile-service"] as? [String: Any])?["data"] as? [String: Any]
        #expect((profileData?["resumeVersions"] as? [[String: Any]])?.count == 1)
    }
}

extension JSONDecoder {
    static let iso8601: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
