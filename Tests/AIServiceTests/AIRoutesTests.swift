import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ServiceKit
import Taxonomy
import TestSupport
import Testing

@testable import AIService

/// The AI routes end to end in process, against the test PostgreSQL and Redis
/// and a fake Ollama: each with a model, without one, and with a model that
/// misbehaves.
@Suite("AI routes with and without a model")
struct AIRoutesTests {
    static let skillsModel = FakeOllama.Model.qwenCoder7B.name
    static let writerModel = FakeOllama.Model.qwen7B.name
    static let extractionModel = FakeOllama.Model.phi3Mini.name

    static let backendSkills = SkillAnalysisRequest(
        skills: [
            SkillInput(name: "Python", level: 4), SkillInput(name: "Postgres", level: 4), SkillInput(name: "Docker"),
            SkillInput(name: "git"),
        ],
        roleId: "backend-engineer")

    /// A narrative the validator accepts: focus names only skills the request
    /// lacks, and the text names them.
    static func narrativeReply(focus: [String]) -> FakeOllama.Reply {
        let taxonomy = try? Taxonomy.bundled()
        let names = focus.compactMap { taxonomy?.skill($0)?.name }.joined(separator: " and ")
        let focusJSON = focus.map { "\"\($0)\"" }.joined(separator: ",")
        return FakeOllama.Reply(
            "{\"narrative\": \"You already cover the core of backend work with Python and PostgreSQL; learn \(names) next.\", \"focus\": [\(focusJSON)]}"
        )
    }

    func analyze(
        _ client: some TestClientProtocol, _ request: SkillAnalysisRequest, user: UUID = UUID()
    ) async throws -> (HTTPResponse.Status, SkillAnalysisResponse?, TestResponse) {
        try await client.execute(
            uri: "/skills/analyze", method: .post, headers: AIServiceHarness.headers(user: user),
            body: try AIServiceHarness.body(request)
        ) { response in
            let decoded =
                response.status == .ok ? try AIServiceHarness.decode(SkillAnalysisResponse.self, response) : nil
            return (response.status, decoded, response)
        }
    }

    @Test("analyze with the skills model: narrative, llm.used, and the model's fixed options on the wire")
    func analyzeWithModel() async throws {
        try await FakeOllama.run { fake in
            try await AIServiceHarness.test(modelURL: fake.baseURL) { client in
                let (_, plain, _) = try await analyze(
                    client,
                    SkillAnalysisRequest(skills: Self.backendSkills.skills, roleId: "backend-engineer", useModel: false)
                )
                let deterministic = try #require(plain)
                #expect(deterministic.llm.used == false)
                #expect(deterministic.narrative == nil)
                let missing = try #require(deterministic.missingRequired.first?.skillId)
                fake.setReply(Self.narrativeReply(focus: [missing]), for: Self.skillsModel)

                let (status, answer, _) = try await analyze(client, Self.backendSkills)
                #expect(status == .ok)
                let result = try #require(answer)
                #expect(result.llm.used)
                #expect(result.llm.model == Self.skillsModel)
                #expect(result.llm.durations?.completionTokens != nil)
                #expect(result.narrative?.contains("PostgreSQL") == true)
                // The model explains; it never changes the deterministic result.
                #expect(result.score == deterministic.score)
                #expect(result.nextSteps == deterministic.nextSteps)

                let sent = try #require(fake.requests(to: "/api/chat").last)
                #expect(sent.model == Self.skillsModel)
                #expect(sent.option("num_ctx") == .number(4096))
                #expect(sent.option("num_thread") == .number(6))
                #expect(sent.option("temperature") == .number(0.2))
                #expect(sent["keep_alive"] == .string("30m"))
                #expect(sent["stream"] == .bool(false))
                #expect(sent["format"]?["required"] == .array([.string("narrative"), .string("focus")]))
                let system = sent["messages"].flatMap { messages -> String? in
                    if case .array(let items) = messages, case .string(let text)? = items.first?["content"] {
                        return text
                    }
                    return nil
                }
                #expect(system?.contains("JSON schema") == true, "the schema is stated in the system prompt too")
            }
        }
    }

    @Test("no model runtime reachable: 200 with the deterministic result and llm.used == false, quickly")
    func analyzeWithoutRuntime() async throws {
        try await AIServiceHarness.test(modelURL: AIServiceHarness.closedURL()) { client in
            let started = ContinuousClock.now
            let (status, answer, _) = try await analyze(client, Self.backendSkills)
            #expect(status == .ok)
            let result = try #require(answer)
            #expect(result.llm.used == false)
            #expect(result.llm.reason?.contains("reachable") == true)
            #expect(!result.missingRequired.isEmpty)
            #expect(result.narrative == nil)
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }

    @Test("a routed model that is not pulled: 200, deterministic, and the reason names the model")
    func analyzeWithoutModel() async throws {
        try await FakeOllama.run(installed: [.qwen7B]) { fake in
            try await AIServiceHarness.test(modelURL: fake.baseURL) { client in
                let (status, answer, _) = try await analyze(client, Self.backendSkills)
                #expect(status == .ok)
                let result = try #require(answer)
                #expect(result.llm.used == false)
                #expect(result.llm.reason?.contains(Self.skillsModel) == true)
                #expect(fake.requests(to: "/api/chat").isEmpty, "no chat goes to a model that isn't there")
            }
        }
    }

    @Test("an invalid structured answer gets one repair turn carrying the validation error")
    func structuredRepair() async throws {
        try await FakeOllama.run { fake in
            try await AIServiceHarness.test(modelURL: fake.baseURL) { client in
                let (_, plain, _) = try await analyze(
                    client,
                    SkillAnalysisRequest(skills: Self.backendSkills.skills, roleId: "backend-engineer", useModel: false)
                )
                let missing = try #require(plain?.missingRequired.first?.skillId)
                fake.queueReplies(
                    [
                        // A held skill as focus, wrapped in thinking and a fence: refused.
                        "<think>They know Python.</think>```json\n{\"narrative\": \"Focus on Python, which is central to backend engineering work today.\", \"focus\": [\"python\"]}\n```",
                        Self.narrativeReply(focus: [missing]),
                    ], for: Self.skillsModel)
                let (_, answer, _) = try await analyze(client, Self.backendSkills)
                let result = try #require(answer)
                #expect(result.llm.used)
                let chats = fake.requests(to: "/api/chat")
                #expect(chats.count == 2)
                let repair = try #require(chats.last)
                guard case .array(let messages)? = repair["messages"],
                    case .string(let last)? = messages.last?["content"]
                else {
                    Issue.record("the repair request has no messages")
                    return
                }
                #expect(last.contains("python"), "the repair turn names the rejected id")
                #expect(messages.count == 4, "system, user, the refused answer, the repair request")
            }
        }
    }

    @Test("answers still invalid after the repair: the deterministic result, with the reason")
    func structuredFallback() async throws {
        try await FakeOllama.run { fake in
            try await AIServiceHarness.test(modelURL: fake.baseURL) { client in
                fake.queueReplies(["not json at all", "{\"narrative\": \"\", \"focus\": []}"], for: Self.skillsModel)
                let (status, answer, _) = try await analyze(client, Self.backendSkills)
                #expect(status == .ok)
                let result = try #require(answer)
                #expect(result.llm.used == false)
                #expect(result.llm.reason?.contains("invalid") == true)
                #expect(result.narrative == nil)
                #expect(fake.requests(to: "/api/chat").count == 2)
            }
        }
    }

    @Test("résumé generation with models: each task on its model with fixed options; invented claims removed")
    func resumeWithModels() async throws {
        try await FakeOllama.run { fake in
            fake.setReply(
                "{\"skills\": [{\"name\": \"gRPC\", \"importance\": \"required\"}]}", for: Self.extractionModel)
            fake.setReply(
                FakeOllama.Reply(
                    """
                    {"summary": "Senior Backend Engineer and Kubernetes expert who grew revenue by 300% with Go services.",
                     "work": [{"index": 0, "highlights": ["\(ResumeFixtures.lumenHighlights[0])",
                       "Led a Kubernetes migration that increased revenue by 300%."]}]}
                    """), for: Self.writerModel)
            try await AIServiceHarness.test(modelURL: fake.baseURL) { client in
                let request = ResumeGenerationRequest(
                    jobDescription: ResumeFixtures.backendJob, profile: ResumeFixtures.profile, store: false)
                try await client.execute(
                    uri: "/resume/generate", method: .post, headers: AIServiceHarness.headers(),
                    body: try AIServiceHarness.body(request)
                ) { response in
                    #expect(response.status == .ok)
                    let result = try AIServiceHarness.decode(ResumeGenerationResponse.self, response)
                    #expect(result.llm.used)
                    #expect(result.llm.model?.contains(Self.writerModel) == true)
                    #expect(result.resumeVersionId == nil, "store: false")
                    let text = String(decoding: try AIServiceHarness.encoder.encode(result.resume), as: UTF8.self)
                    #expect(!text.contains("300%"))
                    #expect(!text.contains("Kubernetes"))
                    #expect(result.removedClaims.contains { $0.text.contains("300%") })
                    #expect(result.removedClaims.contains { $0.text.contains("Kubernetes") })
                    #expect(result.resume.work?.first?.highlights?.first == ResumeFixtures.lumenHighlights[0])
                }
                // Analyze too, so three tasks on three models have been asked.
                _ = try await analyze(client, Self.backendSkills)

                let chats = fake.requests(to: "/api/chat")
                #expect(Set(chats.compactMap(\.model)) == [Self.extractionModel, Self.writerModel, Self.skillsModel])
                var loadOptions: [String: Set<String>] = [:]
                for chat in chats {
                    let options =
                        "\(chat.option("num_ctx").map { "\($0)" } ?? "-")/\(chat.option("num_thread").map { "\($0)" } ?? "-")"
                    loadOptions[chat.model ?? "", default: []].insert(options)
                }
                #expect(
                    loadOptions.values.allSatisfy { $0.count == 1 }, "one num_ctx/num_thread per model: \(loadOptions)")
                #expect(loadOptions[Self.extractionModel] == ["\(JSONValue.number(4096))/\(JSONValue.number(6))"])
                #expect(loadOptions[Self.writerModel] == ["\(JSONValue.number(4096))/\(JSONValue.number(6))"])
                #expect(chats.first { $0.model == Self.extractionModel }?.option("temperature") == .number(0.3))
                #expect(chats.first { $0.model == Self.writerModel }?.option("temperature") == .number(0.7))
            }
        }
    }

    @Test("résumé generation without a model: the template version, llm.used == false")
    func resumeWithoutModel() async throws {
        try await AIServiceHarness.test(modelURL: AIServiceHarness.closedURL()) { client in
            let request = ResumeGenerationRequest(
                jobDescription: ResumeFixtures.backendJob, profile: ResumeFixtures.profile, store: false)
            try await client.execute(
                uri: "/resume/generate", method: .post, headers: AIServiceHarness.headers(),
                body: try AIServiceHarness.body(request)
            ) { response in
                #expect(response.status == .ok)
                let result = try AIServiceHarness.decode(ResumeGenerationResponse.self, response)
                #expect(result.llm.used == false)
                #expect(result.removedClaims.isEmpty)
                #expect(result.keywordCoverage.after >= result.keywordCoverage.before)
                #expect(result.missingRequirements.contains { $0.skillId == "kubernetes" })
            }
            for body in ["{}", "{\"jobDescription\": \"  \", \"profile\": {}}"] {
                try await client.execute(
                    uri: "/resume/generate", method: .post, headers: AIServiceHarness.headers(),
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .badRequest, "\(body)")
                }
            }
        }
    }

    @Test("the OpenAI-compatible backend, chosen by configuration, serves the same analysis")
    func analyzeThroughOpenAICompatibleBackend() async throws {
        // One small model for every task, as an operator running llama-server would route it.
        let model = "smollm2"
        let routing = FileManager.default.temporaryDirectory.appendingPathComponent(
            TestEnvironment.uniqueName("models") + ".json")
        let tasks = ModelTask.allCases.map { task in
            task == .embeddings
                ? "\"embeddings\": {\"model\": \"\(model)\", \"options\": {\"num_ctx\": 2048}, \"dimensions\": 384}"
                : "\"\(task.rawValue)\": {\"model\": \"\(model)\", \"options\": {\"num_ctx\": 2048, \"temperature\": 0.2}}"
        }
        try "{\"tasks\": {\(tasks.joined(separator: ", "))}}".write(to: routing, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: routing) }
        try await FakeOpenAICompatibleServer.run(models: [model]) { server in
            try await AIServiceHarness.test(
                modelURL: AIServiceHarness.closedURL(),
                extra: [
                    "LLM_BACKEND": "openai-compatible", "OPENAI_COMPATIBLE_URL": server.baseURL,
                    "OLLAMA_MODELS_FILE": routing.path,
                ]
            ) { client in
                let (_, plain, _) = try await analyze(
                    client,
                    SkillAnalysisRequest(skills: Self.backendSkills.skills, roleId: "backend-engineer", useModel: false)
                )
                let missing = try #require(plain?.missingRequired.first?.skillId)
                server.setReply(.text(Self.narrativeReply(focus: [missing]).text), for: model)
                let (status, answer, _) = try await analyze(client, Self.backendSkills)
                #expect(status == .ok)
                let result = try #require(answer)
                #expect(result.llm.used)
                #expect(result.llm.model == model)
                let sent = try #require(server.requestBodies(for: "/v1/chat/completions").last)
                #expect(sent["response_format"]?["type"] == .string("json_schema"))
                #expect(sent["response_format"]?["json_schema"]?["schema"]?["required"] != nil)
                #expect(sent["options"] == nil, "num_ctx is not an OpenAI parameter")
            }
        }
    }

    @Test("queue overflow: 503 problem+json with Retry-After instead of piling onto Ollama")
    func queueOverflow() async throws {
        try await FakeOllama.run { fake in
            fake.firstByteDelay = .milliseconds(1500)
            try await AIServiceHarness.test(
                modelURL: fake.baseURL, extra: ["OLLAMA_MAX_CONCURRENCY": "1", "OLLAMA_MAX_QUEUE": "0"]
            ) { client in
                let replies = try await withThrowingTaskGroup(
                    of: (status: HTTPResponse.Status, retryAfter: String?, contentType: String?).self
                ) { group in
                    for _ in 0..<3 {
                        group.addTask {
                            try await client.execute(
                                uri: "/skills/analyze", method: .post, headers: AIServiceHarness.headers(),
                                body: try AIServiceHarness.body(Self.backendSkills)
                            ) { response in
                                (response.status, response.headers[.retryAfter], response.headers[.contentType])
                            }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(replies.filter { $0.status == .ok }.count == 1)
                let refused = replies.filter { $0.status == .serviceUnavailable }
                #expect(refused.count == 2)
                #expect(refused.allSatisfy { (Int($0.retryAfter ?? "") ?? 0) >= 1 })
                #expect(refused.allSatisfy { $0.contentType == "application/problem+json" })
                #expect(fake.maxConcurrency(for: Self.skillsModel) == 1)
            }
        }
    }

    @Test("bad input is a 4xx problem and stores nothing")
    func badInput() async throws {
        try await AIServiceHarness.test(modelURL: AIServiceHarness.closedURL()) { client in
            let user = UUID()
            let cases: [(String, HTTPResponse.Status)] = [
                ("{}", .badRequest),
                ("{\"skills\":[{\"name\":\"Go\"}],\"roleId\":\"astronaut\"}", .unprocessableContent),
                ("{\"skills\":[{\"name\":\"Go\"}],\"roleId\":\"backend-engineer\",\"title\":\"Dev\"}", .badRequest),
                ("{\"skills\":[{\"name\":\"Go\",\"level\":9}],\"roleId\":\"backend-engineer\"}", .badRequest),
                ("{\"skills\":[{\"name\":\"Go\"}],\"jobDescription\":\"Great coffee.\"}", .unprocessableContent),
                ("[1,2", .badRequest),
            ]
            for (body, expected) in cases {
                try await client.execute(
                    uri: "/skills/analyze", method: .post, headers: AIServiceHarness.headers(user: user),
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == expected, "\(body)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            try await client.execute(
                uri: "/skills/analyses", method: .get, headers: AIServiceHarness.headers(user: user, json: false)
            ) { response in
                #expect(response.status == .ok)
                let page = try AIServiceHarness.decode(AnalyzeController.HistoryPage.self, response)
                #expect(page.items.isEmpty)
            }
        }
    }

    @Test("analyses are kept per user and each user sees only their own")
    func analysisHistory() async throws {
        try await AIServiceHarness.test(modelURL: AIServiceHarness.closedURL()) { client in
            let alice = UUID()
            let bob = UUID()
            _ = try await analyze(client, Self.backendSkills, user: alice)
            _ = try await analyze(client, Self.backendSkills, user: alice)
            for (user, count) in [(alice, 2), (bob, 0)] {
                try await client.execute(
                    uri: "/skills/analyses", method: .get, headers: AIServiceHarness.headers(user: user, json: false)
                ) { response in
                    let page = try AIServiceHarness.decode(AnalyzeController.HistoryPage.self, response)
                    #expect(page.items.count == count)
                }
            }
        }
    }

    @Test("GET /models reports what is missing; POST /models/pull streams progress and fetches it")
    func modelsAndPull() async throws {
        try await FakeOllama.run(installed: [.qwen7B, .allMiniLM]) { fake in
            try await AIServiceHarness.test(modelURL: fake.baseURL) { client in
                try await client.execute(uri: "/models", method: .get, headers: AIServiceHarness.headers(json: false)) {
                    response in
                    let status = try AIServiceHarness.decode(LanguageModels.Status.self, response)
                    #expect(status.reachable)
                    #expect(Set(status.missing) == [Self.skillsModel, Self.extractionModel])
                }
                try await client.execute(uri: "/ready", method: .get) { response in
                    let report = try AIServiceHarness.decode(ReadinessReport.self, response)
                    #expect(report.checks["models"]?.required == false)
                    #expect(report.checks["models"]?.detail?.contains("missing") == true)
                }
                try await client.execute(
                    uri: "/models/pull", method: .post, headers: AIServiceHarness.headers(json: false)
                ) { response in
                    #expect(response.status == .forbidden, "pulling needs the admin role")
                }
                try await client.execute(
                    uri: "/models/pull", method: .post,
                    headers: AIServiceHarness.headers(roles: ["user", "admin"], json: false)
                ) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/x-ndjson")
                    let lines = String(buffer: response.body).split(separator: "\n")
                    #expect(lines.contains { $0.contains("\"status\":\"success\"") })
                    #expect(lines.contains { $0.contains("\"completed\"") })
                    let last = try #require(lines.last)
                    #expect(last.contains("\"status\":\"done\""))
                    #expect(last.contains("\"failed\":[]"))
                }
                try await client.execute(uri: "/models", method: .get, headers: AIServiceHarness.headers(json: false)) {
                    response in
                    let status = try AIServiceHarness.decode(LanguageModels.Status.self, response)
                    #expect(status.missing.isEmpty)
                }
            }
        }
    }

    @Test("job and learning enrichment answer 503 problem+json while those services are unreachable")
    func enrichmentWithoutServices() async throws {
        try await AIServiceHarness.test(modelURL: AIServiceHarness.closedURL()) { client in
            for uri in ["/jobs/recommend", "/learning/resources?skill=go"] {
                try await client.execute(uri: uri, method: .get, headers: AIServiceHarness.headers(json: false)) {
                    response in
                    #expect(response.status == .serviceUnavailable, "\(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(String(buffer: response.body).contains("-service"))
                }
            }
        }
    }
}
