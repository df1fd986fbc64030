import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ServiceKit
import TestSupport
import Testing

@testable import AIService

/// `POST /internal/extract/resume` and `POST /internal/embed` end to end in
/// process, called as profile-service calls them, against a fake Ollama: with a
/// model that answers well, badly, or not at all, and as the gateway (for which
/// the routes do not exist).
@Suite("Internal model routes: résumé extraction and embeddings")
struct InternalModelRoutesTests {
    static let extractionModel = FakeOllama.Model.phi3Mini.name
    static let embeddingModel = FakeOllama.Model.allMiniLM.name

    // MARK: Callers

    /// Headers of a call from another service (profile-service by default) acting for `user`.
    static func serviceHeaders(service: String = "profile-service", user: UUID? = UUID()) throws -> HTTPFields {
        let tokens = try InternalTokens(secret: Array(TestEnvironment.internalSecret.utf8), service: service)
        var headers = HTTPFields()
        let name = try #require(HTTPField.Name(InternalTokens.header))
        headers[name] = tokens.issue(
            for: RequestIdentity(userId: user, roles: ["user"], service: service), audience: "ai-service")
        headers[.contentType] = "application/json"
        return headers
    }

    struct Answer<Value: Decodable> {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var value: Value?
        var problem: Problem?
    }

    static func post<Value: Decodable>(
        _ client: some TestClientProtocol, _ uri: String, body: ByteBuffer, headers: HTTPFields? = nil,
        as type: Value.Type
    ) async throws -> Answer<Value> {
        let headers = try headers ?? serviceHeaders()
        return try await client.execute(uri: uri, method: .post, headers: headers, body: body) { response in
            let isProblem = response.headers[.contentType] == Problem.mediaType
            return Answer(
                status: response.status, headers: response.headers,
                value: response.status == .ok ? try AIServiceHarness.decode(Value.self, response) : nil,
                problem: isProblem ? try AIServiceHarness.decode(Problem.self, response) : nil)
        }
    }

    static func extract(
        _ client: some TestClientProtocol, text: String = resumeText, draft: Resume = draft,
        headers: HTTPFields? = nil
    ) async throws -> Answer<ResumeExtractionResponse> {
        try await post(
            client, "/internal/extract/resume",
            body: try AIServiceHarness.body(ResumeExtractionRequest(text: text, draft: draft)), headers: headers,
            as: ResumeExtractionResponse.self)
    }

    static func embed(
        _ client: some TestClientProtocol, _ texts: [String], headers: HTTPFields? = nil
    ) async throws -> Answer<EmbedResponse> {
        try await post(
            client, "/internal/embed", body: try AIServiceHarness.body(EmbedRequest(texts: texts)), headers: headers,
            as: EmbedResponse.self)
    }

    // MARK: Routing

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The extraction model's window for most tests: phi3-mini-4k's own 4,096
    /// tokens. At the shipped 2,048 the schema that `structured` states in the
    /// prompt leaves no room for a résumé, and the route says so instead of
    /// answering (`extractionWithShippedRouting`).
    static let extractionContext = 4096

    /// Runs `body` with `OLLAMA_MODELS_FILE` naming the shipped routing table with
    /// the extraction model's `num_ctx` at `extractionContext` (every task on that
    /// model gets it: one window per model).
    static func withExtractionContext(
        _ body: ([String: String]) async throws -> Void
    ) async throws {
        let shipped = try Data(contentsOf: repositoryRoot.appending(path: "ollama/models.json"))
        guard case .object(var root) = try JSONDecoder().decode(JSONValue.self, from: shipped),
            case .object(var tasks) = root["tasks"]
        else {
            Issue.record("ollama/models.json is not a routing table")
            return
        }
        for (name, entry) in tasks {
            guard case .object(var members) = entry, members["model"] == .string(extractionModel),
                case .object(var options) = members["options"]
            else { continue }
            options["num_ctx"] = .number(Double(extractionContext))
            members["options"] = .object(options)
            tasks[name] = .object(members)
        }
        root["tasks"] = .object(tasks)
        let file = FileManager.default.temporaryDirectory.appending(path: "routing-\(UUID().uuidString).json")
        try JSONEncoder().encode(JSONValue.object(root)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try await body(["OLLAMA_MODELS_FILE": file.path])
    }

    // MARK: Fixtures

    static let resumeText = """
        Jane Doe
        Backend Engineer
        jane.doe@example.com | +49 30 1234567 | Berlin
        github.com/janedoe

        EXPERIENCE
        Senior Backend Engineer, Acme GmbH, Berlin
        03/2019 – Present
        - Built the billing service in Swift and PostgreSQL
        - Cut p99 latency by 40%

        Software Engineer, Initech, Hamburg
        2016 – 02/2019
        - Maintained the Python data pipeline

        EDUCATION
        M.Sc. Computer Science, TU Berlin, 2014 – 2016

        SKILLS
        Swift, Python, PostgreSQL, Docker

        LANGUAGES
        German (native), English (fluent)
        """

    /// What a deterministic parser might make of it: the first job's employer
    /// stuck in the title, the second job and the education missed.
    static let draft = Resume(
        basics: Resume.Basics(name: "Jane Doe", email: "jane.doe@example.com"),
        work: [
            Resume.Work(
                position: "Senior Backend Engineer, Acme GmbH, Berlin", startDate: "2019-03",
                highlights: ["Built the billing service in Swift and PostgreSQL", "Cut p99 latency by 40%"])
        ],
        skills: [Resume.SkillGroup(keywords: ["Swift", "Python", "PostgreSQL", "Docker"])],
        careergini: CareerginiExtension(skills: [ProfileSkill(id: "swift")]))

    /// The model's answer, with what a real one adds around it: thinking, a
    /// Markdown fence, a field outside the subset, "Present" as an end date.
    static let validAnswer = """
        <think>The first job's title holds the employer; the draft missed Initech and TU Berlin.</think>
        ```json
        {"basics": {"name": "Jane Doe", "label": "Backend Engineer", "email": "jane.doe@example.com",
          "phone": "+49 30 1234567", "summary": "An invented summary", "location": {"city": "Berlin"},
          "profiles": [{"network": "GitHub", "username": "janedoe", "url": "https://github.com/janedoe"}]},
         "work": [
          {"name": "Acme GmbH", "position": "Senior Backend Engineer", "location": "Berlin", "startDate": "2019-03",
           "endDate": "Present", "summary": "not asked for",
           "highlights": ["Built the billing service in Swift and PostgreSQL", "Cut p99 latency by 40%"]},
          {"name": "Initech", "position": "Software Engineer", "location": "Hamburg", "startDate": "2016",
           "endDate": "2019-02", "highlights": ["Maintained the Python data pipeline", "  "]}],
         "education": [{"institution": "TU Berlin", "studyType": "M.Sc.", "area": "Computer Science",
           "startDate": "2014", "endDate": "2016"}],
         "skills": [{"name": "", "keywords": ["Swift", "Python", "PostgreSQL", "Docker"]}],
         "languages": [{"language": "German", "fluency": "native"}, {"language": "English", "fluency": "fluent"}],
         "certificates": [], "projects": []}
        ```
        """

    /// `validAnswer` as the route returns it: the subset only, normalised.
    static let expected = Resume(
        basics: Resume.Basics(
            name: "Jane Doe", label: "Backend Engineer", email: "jane.doe@example.com", phone: "+49 30 1234567",
            location: Resume.Location(city: "Berlin"),
            profiles: [Resume.Profile(network: "GitHub", username: "janedoe", url: "https://github.com/janedoe")]),
        work: [
            Resume.Work(
                name: "Acme GmbH", location: "Berlin", position: "Senior Backend Engineer", startDate: "2019-03",
                highlights: ["Built the billing service in Swift and PostgreSQL", "Cut p99 latency by 40%"]),
            Resume.Work(
                name: "Initech", location: "Hamburg", position: "Software Engineer", startDate: "2016",
                endDate: "2019-02", highlights: ["Maintained the Python data pipeline"]),
        ],
        education: [
            Resume.Education(
                institution: "TU Berlin", area: "Computer Science", studyType: "M.Sc.", startDate: "2014",
                endDate: "2016")
        ],
        skills: [Resume.SkillGroup(keywords: ["Swift", "Python", "PostgreSQL", "Docker"])],
        languages: [
            Resume.Language(language: "German", fluency: "native"),
            Resume.Language(language: "English", fluency: "fluent"),
        ])

    /// Valid JSON in the schema's shape, with a date the schema forbids.
    static let badDateAnswer = """
        {"basics": {"name": "Jane Doe"}, "work": [{"name": "Acme GmbH", "position": "Senior Backend Engineer",
         "startDate": "03/2019"}], "education": []}
        """

    static func messages(of request: FakeOllama.RecordedRequest) -> [ChatMessage] {
        guard case .array(let items) = request["messages"] else { return [] }
        return items.compactMap { item in
            guard case .string(let role) = item["role"], let role = ChatMessage.Role(rawValue: role),
                case .string(let content) = item["content"]
            else { return nil }
            return ChatMessage(role: role, content: content)
        }
    }

    // MARK: Extraction

    @Test("extraction: the fast model's valid answer, as the JSON Resume subset, with the text and draft in the prompt")
    func extractionWithValidAnswer() async throws {
        try await FakeOllama.run { fake in
            fake.setReply(FakeOllama.Reply(Self.validAnswer), for: Self.extractionModel)
            try await Self.withExtractionContext { extra in
                try await AIServiceHarness.test(modelURL: fake.baseURL, extra: extra) { client in
                    let answer = try await Self.extract(client)
                    #expect(answer.status == .ok)
                    let response = try #require(answer.value)
                    #expect(response.resume == Self.expected)
                    #expect(response.llm.used)
                    #expect(response.llm.model == Self.extractionModel)
                    #expect(response.llm.reason == nil, "the whole text fitted")

                    let sent = try #require(fake.requests(to: "/api/chat").last)
                    #expect(fake.requests(to: "/api/chat").count == 1)
                    #expect(sent.model == Self.extractionModel)
                    #expect(
                        sent["format"]?["required"]
                            == .array([.string("basics"), .string("work"), .string("education")]))
                    #expect(
                        sent["format"]?["properties"]?["work"]?["items"]?["properties"]?["startDate"]?["pattern"]
                            == .string(ResumeExtractionSchema.datePattern))
                    let system = try #require(Self.messages(of: sent).first { $0.role == .system }?.content)
                    #expect(system.contains("Maintained the Python data pipeline"), "the résumé text is in the prompt")
                    #expect(system.contains("position=\"Senior Backend Engineer, Acme GmbH, Berlin\""), "and the draft")
                    #expect(system.contains("JSON schema"))
                }
            }
        }
    }

    @Test("extraction: an invalid answer is repaired once, with the reason sent back to the model")
    func extractionRepaired() async throws {
        try await FakeOllama.run { fake in
            fake.queueReplies(
                [FakeOllama.Reply(Self.badDateAnswer), FakeOllama.Reply(Self.validAnswer)], for: Self.extractionModel)
            try await Self.withExtractionContext { extra in
                try await AIServiceHarness.test(modelURL: fake.baseURL, extra: extra) { client in
                    let answer = try await Self.extract(client)
                    #expect(answer.status == .ok)
                    let response = try #require(answer.value)
                    #expect(response.resume == Self.expected)
                    #expect(response.llm.used)

                    let calls = fake.requests(to: "/api/chat")
                    #expect(calls.count == 2)
                    let repair = try #require(calls.last.map(Self.messages(of:))?.last)
                    #expect(repair.role == .user)
                    #expect(repair.content.contains("work[0].startDate \"03/2019\" must be \"YYYY-MM\" or \"YYYY\""))
                }
            }
        }
    }

    @Test("extraction: invalid twice → resume null, llm.used false, and the reason; the caller keeps its draft")
    func extractionInvalidTwice() async throws {
        try await FakeOllama.run { fake in
            fake.queueReplies(
                [FakeOllama.Reply("{}"), FakeOllama.Reply(Self.badDateAnswer), FakeOllama.Reply(Self.validAnswer)],
                for: Self.extractionModel)
            try await Self.withExtractionContext { extra in
                try await AIServiceHarness.test(modelURL: fake.baseURL, extra: extra) { client in
                    let answer = try await Self.extract(client)
                    #expect(answer.status == .ok)
                    let response = try #require(answer.value)
                    #expect(response.resume == nil)
                    #expect(response.llm.used == false)
                    #expect(response.llm.reason?.contains("stayed invalid after one repair") == true)
                    #expect(response.llm.reason?.contains("work[0].startDate") == true)
                    #expect(response.llm.durations?.completionTokens != nil, "the wasted model time is reported")
                    #expect(fake.requests(to: "/api/chat").count == 2, "one repair, no more")
                }
            }
        }
    }

    @Test("extraction: answers with nothing usable are refused, whatever their shape")
    func extractionValidatorRefusals() throws {
        func refusal(_ json: String) -> String? {
            do {
                _ = try LanguageModels.decodeAndValidate(
                    json,
                    output: StructuredOutput<Resume>(schema: ResumeExtractionSchema.schema) {
                        try ResumeExtractionValidator.validate($0)
                    })
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal("{}") == "the object is empty")
        #expect(refusal(#"{"skills": [{"keywords": ["Swift"]}]}"#)?.contains("no basics, work or education") == true)
        #expect(
            refusal(#"{"work": [{"highlights": ["Did things"]}]}"#)?.contains("no basics, work or education") == true)
        #expect(refusal(#"{"work": "Acme"}"#)?.hasPrefix("work must be a") == true)
        #expect(
            refusal(#"{"work": [{"name": "Acme", "startDate": "2020-05", "endDate": "2019"}]}"#)
                == "work[0] ends (2019) before it starts (2020-05)")
        #expect(refusal(#"{"basics": {"email": "jane at example"}}"#)?.contains("not an e-mail address") == true)
        #expect(refusal(#"{"education": [{"institution": "TU", "endDate": "2016-13"}]}"#)?.contains("YYYY-MM") == true)
        #expect(refusal(#"{"basics": {"name": "Jane"}, "work": [{"name": "Acme", "endDate": "heute"}]}"#) == nil)
        #expect(refusal(#"{"education": [{"institution": "TU", "startDate": "2014-10-01"}]}"#) == nil)
    }

    @Test("extraction without a model runtime or without the extraction model: 200, resume null, and why")
    func extractionWithoutModel() async throws {
        try await AIServiceHarness.test(modelURL: AIServiceHarness.closedURL()) { client in
            let answer = try await Self.extract(client)
            #expect(answer.status == .ok)
            let response = try #require(answer.value)
            #expect(response.resume == nil)
            #expect(response.llm.used == false)
            #expect(response.llm.reason?.contains("reachable") == true)
        }
        try await FakeOllama.run(installed: [.qwen7B, .allMiniLM]) { fake in
            try await AIServiceHarness.test(modelURL: fake.baseURL) { client in
                let response = try #require(try await Self.extract(client).value)
                #expect(response.resume == nil)
                #expect(response.llm.reason?.contains(Self.extractionModel) == true)
                #expect(fake.requests(to: "/api/chat").isEmpty)
            }
        }
    }

    @Test("extraction: a long text is cut to the model's window, with the schema counted, and the answer says so")
    func extractionLongTextFitsWindow() async throws {
        let filler = (1...1_000).map { "- Item \($0): maintained services and reviewed changes" }
        let text = Self.resumeText + "\n\nMORE\n" + filler.joined(separator: "\n")
        #expect(text.count > 50_000 && text.count <= ResumeExtractor.maximumTextCharacters)
        try await FakeOllama.run { fake in
            fake.setReply(FakeOllama.Reply(Self.validAnswer), for: Self.extractionModel)
            try await Self.withExtractionContext { extra in
                try await AIServiceHarness.test(modelURL: fake.baseURL, extra: extra) { client in
                    let response = try #require(try await Self.extract(client, text: text).value)
                    #expect(response.resume == Self.expected)
                    #expect(response.llm.reason?.contains("did not fit its context window") == true)

                    let sent = try #require(fake.requests(to: "/api/chat").last)
                    let messages = Self.messages(of: sent)
                    let system = try #require(messages.first { $0.role == .system }?.content)
                    #expect(system.contains("characters omitted to fit the model's context window"))
                    #expect(system.contains("Jane Doe"), "the start of the text is kept")
                    #expect(system.contains("JSON schema"))
                    // Everything sent, the schema included, leaves the answer its num_predict.
                    let numPredict = try #require(ModelRoutingTable.builtIn.tasks[.extraction]?.options.numPredict)
                    #expect(sent.option("num_ctx") == .number(Double(Self.extractionContext)))
                    #expect(TokenEstimate.tokens(in: messages) <= Self.extractionContext - numPredict)
                }
            }
        }
    }

    @Test("extraction with the shipped routing table: the prompt fits the window, or the answer says it cannot")
    func extractionWithShippedRouting() async throws {
        var environment = EnvironmentReader([:])
        let route = try ModelRouting.load(&environment, currentDirectory: Self.repositoryRoot.path).route(
            for: .extraction)
        let numCtx = try #require(route.options.numCtx)
        let numPredict = try #require(route.options.numPredict)
        try await FakeOllama.run { fake in
            fake.setReply(FakeOllama.Reply(Self.validAnswer), for: Self.extractionModel)
            try await AIServiceHarness.test(modelURL: fake.baseURL) { client in
                let response = try #require(try await Self.extract(client).value)
                if let sent = fake.requests(to: "/api/chat").last {
                    #expect(response.resume == Self.expected)
                    #expect(TokenEstimate.tokens(in: Self.messages(of: sent)) <= numCtx - numPredict)
                } else {
                    #expect(response.resume == nil)
                    #expect(response.llm.used == false)
                    #expect(response.llm.reason?.contains("does not fit the model's context window") == true)
                }
            }
        }
    }

    @Test("extraction: empty text 400, text over 60,000 characters 413, both problem+json naming /text")
    func extractionBadInput() async throws {
        try await AIServiceHarness.test(modelURL: AIServiceHarness.closedURL()) { client in
            let empty = try await Self.extract(client, text: " \n\t ")
            #expect(empty.status == .badRequest)
            #expect(empty.problem?.errors?.first?.pointer == "/text")

            let long = try await Self.extract(client, text: String(repeating: "a", count: 60_001))
            #expect(long.status == .contentTooLarge)
            #expect(long.problem?.errors?.first?.pointer == "/text")

            let malformed = try await Self.post(
                client, "/internal/extract/resume", body: ByteBuffer(string: #"{"text": "Jane"}"#),
                as: ResumeExtractionResponse.self)
            #expect(malformed.status == .badRequest, "the draft is required")
        }
    }

    // MARK: Embeddings

    @Test("embed: one unit vector per text, in order, from the routed embedding model")
    func embedVectors() async throws {
        let texts = [
            "Swift backend engineer with PostgreSQL", "Gardening and watercolour painting", "PostgreSQL Swift",
        ]
        try await FakeOllama.run { fake in
            try await AIServiceHarness.test(modelURL: fake.baseURL) { client in
                let answer = try await Self.embed(client, texts)
                #expect(answer.status == .ok)
                let response = try #require(answer.value)
                #expect(response.model == "all-minilm")
                #expect(response.dimensions == 384)
                #expect(response.vectors.count == texts.count)
                for (text, vector) in zip(texts, response.vectors) {
                    let reference = FakeOllama.embedding(of: text, dimension: 384)
                    #expect(vector.count == 384)
                    #expect(zip(vector, reference).allSatisfy { abs($0 - $1) < 1e-5 }, "vector for \(text)")
                    #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)
                }
                func cosine(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
                #expect(
                    cosine(response.vectors[0], response.vectors[2]) > cosine(response.vectors[0], response.vectors[1]))
                #expect(fake.requests(to: "/api/embed").last?.model == "all-minilm")
            }
        }
    }

    @Test("embed: 0 or 65 texts, a blank text, or more than 1 MiB → 400/413 problem+json with field errors")
    func embedBadInput() async throws {
        // A body limit above 1 MiB, so the route's own limit on the texts is what answers.
        try await FakeOllama.run { fake in
            try await AIServiceHarness.test(modelURL: fake.baseURL, extra: ["MAX_BODY_BYTES": "4194304"]) { client in
                let none = try await Self.embed(client, [])
                #expect(none.status == .badRequest)
                #expect(none.problem?.errors?.first?.pointer == "/texts")

                let many = try await Self.embed(client, Array(repeating: "Swift", count: 65))
                #expect(many.status == .badRequest)
                #expect(many.problem?.errors?.first?.pointer == "/texts")

                let blank = try await Self.embed(client, ["Swift", " \n", "Go", ""])
                #expect(blank.status == .badRequest)
                #expect(blank.problem?.errors?.map(\.pointer) == ["/texts/1", "/texts/3"])

                let half = String(repeating: "word ", count: 110_000)
                let large = try await Self.embed(client, [half, half])
                #expect(large.status == .contentTooLarge)
                #expect(large.problem?.errors?.first?.pointer == "/texts")

                let malformed = try await Self.post(
                    client, "/internal/embed", body: ByteBuffer(string: #"{"text": ["Swift"]}"#), as: EmbedResponse.self
                )
                #expect(malformed.status == .badRequest)
                #expect(fake.requests(to: "/api/embed").isEmpty, "nothing invalid reaches the model")
            }
        }
    }

    @Test("embed without a runtime or without the embedding model: 503 problem+json with Retry-After")
    func embedWithoutModel() async throws {
        try await AIServiceHarness.test(modelURL: AIServiceHarness.closedURL()) { client in
            let answer = try await Self.embed(client, ["Swift"])
            #expect(answer.status == .serviceUnavailable)
            #expect(answer.headers[.retryAfter].flatMap(Int.init) != nil)
            #expect(answer.problem?.detail?.contains("reachable") == true)
        }
        try await FakeOllama.run(installed: [.qwen7B, .phi3Mini]) { fake in
            try await AIServiceHarness.test(modelURL: fake.baseURL) { client in
                let answer = try await Self.embed(client, ["Swift"])
                #expect(answer.status == .serviceUnavailable)
                #expect(answer.headers[.retryAfter].flatMap(Int.init) != nil)
                #expect(answer.problem?.detail?.contains("all-minilm") == true)
            }
        }
    }

    @Test("embed: vectors of another size than the routing table names → 502")
    func embedWrongDimensions() async throws {
        try await FakeOllama.run { fake in
            fake.embeddingDimension = 100
            try await AIServiceHarness.test(modelURL: fake.baseURL) { client in
                let answer = try await Self.embed(client, ["Swift", "Go"])
                #expect(answer.status == .badGateway)
                #expect(answer.problem?.detail?.contains("100-dimensional") == true)
            }
        }
    }

    @Test("a full model queue: 503 with Retry-After on both routes, while the running call still succeeds")
    func queueOverflow() async throws {
        try await FakeOllama.run { fake in
            fake.setReply(FakeOllama.Reply(Self.validAnswer), for: Self.extractionModel)
            // Long enough that both calls are surely in flight together on a loaded machine.
            fake.firstByteDelay = .seconds(6)
            try await Self.withExtractionContext { routing in
                let extra = routing.merging(["OLLAMA_MAX_CONCURRENCY": "1", "OLLAMA_MAX_QUEUE": "0"]) { $1 }
                try await AIServiceHarness.test(modelURL: fake.baseURL, extra: extra) { client in
                    async let running = Self.extract(client)
                    async let runningEmbed = Self.embed(client, ["Swift"])
                    let busy = await fake.eventually(timeout: .seconds(10)) {
                        $0.inFlight(for: Self.extractionModel) == 1 && $0.inFlight(for: Self.embeddingModel) == 1
                    }
                    #expect(busy)
                    let refused = try await Self.extract(client)
                    let refusedEmbed = try await Self.embed(client, ["Go"])
                    for answer in [refused.status, refusedEmbed.status] { #expect(answer == .serviceUnavailable) }
                    #expect(refused.headers[.retryAfter].flatMap(Int.init).map { $0 >= 1 } == true)
                    #expect(refusedEmbed.headers[.retryAfter].flatMap(Int.init).map { $0 >= 1 } == true)
                    #expect(refused.problem != nil && refusedEmbed.problem != nil)
                    #expect(try await running.status == .ok)
                    #expect(try await runningEmbed.status == .ok)
                }
            }
        }
    }

    // MARK: Callers

    @Test("as the gateway forwards users' calls: 404 on both routes, as if absent; a call for no user: 401")
    func notForTheGateway() async throws {
        try await FakeOllama.run { fake in
            fake.setReply(FakeOllama.Reply(Self.validAnswer), for: Self.extractionModel)
            try await Self.withExtractionContext { extra in
                try await AIServiceHarness.test(modelURL: fake.baseURL, extra: extra) { client in
                    let gateway = AIServiceHarness.headers()
                    let extraction = try await Self.extract(client, headers: gateway)
                    #expect(extraction.status == .notFound)
                    #expect(extraction.problem?.detail == "no route for POST /internal/extract/resume")
                    let embedding = try await Self.embed(client, ["Swift"], headers: gateway)
                    #expect(embedding.status == .notFound)
                    #expect(embedding.problem?.detail == "no route for POST /internal/embed")

                    let noUser = try Self.serviceHeaders(user: nil)
                    #expect(try await Self.extract(client, headers: noUser).status == .unauthorized)
                    #expect(try await Self.embed(client, ["Swift"], headers: noUser).status == .unauthorized)
                    #expect(fake.requests(to: "/api/chat").isEmpty && fake.requests(to: "/api/embed").isEmpty)

                    // The same calls from job-service are served.
                    let jobService = try Self.serviceHeaders(service: "job-service")
                    #expect(try await Self.embed(client, ["Swift"], headers: jobService).status == .ok)
                    #expect(try await Self.extract(client, headers: jobService).status == .ok)
                }
            }
        }
    }
}

extension InternalModelRoutesTests.Answer: Sendable where Value: Sendable {}
