import Contracts
import CurlHTTP
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TestSupport
import Testing

@testable import AIService

@Suite("OllamaClient against a wire-faithful fake Ollama")
struct OllamaClientTests {
    static let chatModel = FakeOllama.Model.qwen7B.name
    static let extractionModel = FakeOllama.Model.phi3Mini.name
    static let embeddingModel = "all-minilm"

    /// A fake Ollama and a client pointed at it, both gone after `body`.
    func withOllama(
        timeouts: OllamaClient.Timeouts = OllamaClient.Timeouts(),
        _ body: (FakeOllama, OllamaClient) async throws -> Void
    ) async throws {
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        try await FakeOllama.run { fake in
            try await body(fake, OllamaClient(baseURL: fake.baseURL, http: http, timeouts: timeouts))
        }
    }

    static func ask(_ text: String, model: String = chatModel) -> ChatRequest {
        ChatRequest(model: model, messages: [.user(text)])
    }

    // MARK: - Chat

    @Test func chatSendsTheDocumentedBodyAndDecodesTheAnswer() async throws {
        try await withOllama { fake, client in
            fake.setReply("Hello there, Ada.", for: Self.chatModel)
            let schema = JSONValue.object([
                "type": .string("object"),
                "properties": .object(["answer": .object(["type": .string("string")])]),
                "required": .array([.string("answer")]),
            ])
            let request = ChatRequest(
                model: Self.chatModel, messages: [.system("Be brief."), .user("Hi")],
                options: ModelOptions(numCtx: 4096, numThread: 6, temperature: 0.7), format: schema, keepAlive: "30m")

            let completion = try await client.chat(request)

            #expect(completion.content == "Hello there, Ada.")
            #expect(completion.model == Self.chatModel)
            #expect(completion.doneReason == "stop")
            #expect(completion.metrics?.evalCount == 3)
            #expect(completion.metrics?.promptEvalCount == 3)
            #expect(completion.metrics?.totalDuration != nil)
            #expect(completion.metrics?.tokensPerSecond != nil)

            let sent = try #require(fake.requests(to: "/api/chat").first)
            #expect(sent.method == "POST")
            #expect(sent["model"] == .string(Self.chatModel))
            #expect(sent["stream"] == .bool(false))
            #expect(sent.option("num_ctx") == .number(4096))
            #expect(sent.option("num_thread") == .number(6))
            #expect(sent.option("temperature") == .number(0.7))
            #expect(sent["options"]?["top_p"] == nil, "nil options are omitted, not sent as null")
            #expect(sent["format"] == schema)
            #expect(sent["keep_alive"] == .string("30m"))
            #expect(
                sent["messages"]
                    == .array([
                        .object(["role": .string("system"), "content": .string("Be brief.")]),
                        .object(["role": .string("user"), "content": .string("Hi")]),
                    ]))
        }
    }

    @Test func chatWithoutOptionsOrFormatOmitsThem() async throws {
        try await withOllama { fake, client in
            let completion = try await client.chat(Self.ask("Hi"))
            #expect(completion.content == "This is a deterministic reply from \(Self.chatModel).")
            let sent = try #require(fake.requests(to: "/api/chat").first)
            guard case .object(let members) = sent.body else {
                Issue.record("the body is not a JSON object")
                return
            }
            #expect(Set(members.keys) == ["model", "messages", "stream"])
        }
    }

    @Test func streamChatDeliversTokensIncrementallyInOrder() async throws {
        try await withOllama { fake, client in
            let text = "one two three four five six"
            fake.setReply(FakeOllama.Reply(text), for: Self.chatModel)
            fake.tokenDelay = .milliseconds(40)

            let stream = try await client.streamChat(Self.ask("count"))
            var chunks: [ChatChunk] = []
            var arrivals: [ContinuousClock.Instant] = []
            for try await chunk in stream {
                chunks.append(chunk)
                arrivals.append(.now)
            }

            #expect(chunks.dropLast().map(\.content) == FakeOllama.tokens(of: text))
            #expect(chunks.map(\.content).joined() == text)
            #expect(chunks.dropLast().allSatisfy { !$0.done })
            let last = try #require(chunks.last)
            #expect(last.done)
            #expect(last.doneReason == "stop")
            #expect(last.metrics?.evalCount == 6)
            #expect(last.metrics?.promptEvalCount == 1)
            #expect(last.metrics?.evalDuration == 6 * 40_000_000)
            #expect(last.metrics?.loadDuration != nil)
            #expect(last.metrics?.promptEvalDuration != nil)
            #expect(last.metrics?.totalDuration != nil)
            // Five 40 ms gaps between the first and the last token: they were not buffered.
            #expect(arrivals[arrivals.count - 2] - arrivals[0] >= .milliseconds(150))
            #expect(fake.requests(to: "/api/chat").first?["stream"] == .bool(true))
            #expect(fake.completedStreams == 1)
        }
    }

    @Test func aFinalLineWithoutMetricsDecodes() async throws {
        try await withOllama { fake, client in
            fake.setReply(
                FakeOllama.Reply("short answer", doneReason: "length", includesMetrics: false), for: Self.chatModel)

            var chunks: [ChatChunk] = []
            for try await chunk in try await client.streamChat(Self.ask("hi")) { chunks.append(chunk) }
            let last = try #require(chunks.last)
            #expect(last.done)
            #expect(last.doneReason == "length")
            #expect(last.metrics == nil)
            #expect(chunks.map(\.content).joined() == "short answer")

            let completion = try await client.chat(Self.ask("hi"))
            #expect(completion.metrics == nil)
            #expect(completion.doneReason == "length")
        }
    }

    @Test func anErrorLineMidStreamIsThrownAfterTheTokensBeforeIt() async throws {
        try await withOllama { fake, client in
            let reply = FakeOllama.Reply.failing(afterTokens: 2, message: "llama runner process has terminated")
            fake.setReply(reply, for: Self.chatModel)

            let stream = try await client.streamChat(Self.ask("hi"))
            var received: [String] = []
            let error = await #expect(throws: LanguageModelError.self) {
                for try await chunk in stream { received.append(chunk.content) }
            }
            #expect(received == Array(reply.tokens.prefix(2)))
            #expect(error?.code == .runtimeError)
            #expect(error?.message == "llama runner process has terminated")
            #expect(error?.model == Self.chatModel)
            #expect(error?.status == 200)
        }
    }

    @Test func aFailedNonStreamedAnswerIsARuntimeErrorWithStatus() async throws {
        try await withOllama { fake, client in
            fake.setReply(.failing(afterTokens: 1, message: "out of memory"), for: Self.chatModel)
            let error = await #expect(throws: LanguageModelError.self) { try await client.chat(Self.ask("hi")) }
            #expect(error?.code == .runtimeError)
            #expect(error?.status == 500)
            #expect(error?.message == "out of memory")
        }
    }

    @Test func queuedRepliesAreUsedInOrderBeforeTheFixedOne() async throws {
        try await withOllama { fake, client in
            fake.setReply("fixed", for: Self.chatModel)
            fake.queueReplies(["not json", #"{"answer":"ok"}"#], for: Self.chatModel)
            var answers: [String] = []
            for _ in 0..<3 { answers.append(try await client.chat(Self.ask("hi")).content) }
            #expect(answers == ["not json", #"{"answer":"ok"}"#, "fixed"])
        }
    }

    // MARK: - Generate

    @Test func generateSendsThePromptAndReturnsTheResponse() async throws {
        try await withOllama { fake, client in
            fake.setReplyHandler(for: Self.extractionModel) { request in
                guard case .string(let prompt) = request["prompt"] else { return "no prompt" }
                return FakeOllama.Reply("echo: \(prompt)")
            }
            let request = GenerateRequest(
                model: Self.extractionModel, prompt: "ping pong", system: "Answer tersely.",
                options: ModelOptions(numCtx: 2048, temperature: 0.3), keepAlive: "10m")

            let completion = try await client.generate(request)
            #expect(completion.content == "echo: ping pong")
            #expect(completion.metrics?.evalCount == 3)

            var streamed: [ChatChunk] = []
            for try await chunk in try await client.streamGenerate(request) { streamed.append(chunk) }
            #expect(streamed.map(\.content).joined() == "echo: ping pong")
            #expect(streamed.last?.done == true)

            let sent = fake.requests(to: "/api/generate")
            #expect(sent.map { $0["stream"] } == [.bool(false), .bool(true)])
            #expect(sent.allSatisfy { $0["prompt"] == .string("ping pong") })
            #expect(sent.allSatisfy { $0["system"] == .string("Answer tersely.") })
            #expect(sent.allSatisfy { $0.option("num_ctx") == .number(2048) && $0["keep_alive"] == .string("10m") })
        }
    }

    // MARK: - Failures

    @Test func aModelThatIsNotPulledIsModelNotFound() async throws {
        try await withOllama { _, client in
            let missing = "no-such-model:7b"
            let chatError = await #expect(throws: LanguageModelError.self) {
                try await client.chat(Self.ask("hi", model: missing))
            }
            #expect(chatError?.code == .modelNotFound)
            #expect(chatError?.model == missing)
            #expect(chatError?.status == 404)
            #expect(chatError?.message == "model '\(missing)' not found")

            let streamError = await #expect(throws: LanguageModelError.self) {
                _ = try await client.streamChat(Self.ask("hi", model: missing))
            }
            #expect(streamError?.code == .modelNotFound)

            let embedError = await #expect(throws: LanguageModelError.self) {
                _ = try await client.embed(EmbeddingRequest(model: missing, inputs: ["x"]))
            }
            #expect(embedError?.code == .modelNotFound)

            let showError = await #expect(throws: LanguageModelError.self) { _ = try await client.show(model: missing) }
            #expect(showError?.code == .modelNotFound)
        }
    }

    @Test func aBusyRuntimeIsBusyWithItsRetryAfter() async throws {
        try await withOllama { fake, client in
            fake.forceBusy = true
            fake.busyRetryAfter = 7
            let error = await #expect(throws: LanguageModelError.self) { try await client.chat(Self.ask("hi")) }
            #expect(error?.code == .busy)
            #expect(error?.status == 503)
            #expect(error?.retryAfterSeconds == 7)
            #expect(error?.message == FakeOllama.busyMessage)
        }
    }

    @Test func requestsBeyondTheRuntimesLimitAreBusyUntilOneEnds() async throws {
        try await withOllama { fake, client in
            fake.maxConcurrentRequestsPerModel = 1
            fake.tokenDelay = .milliseconds(20)
            fake.setReply("a few words to stream", for: Self.chatModel)

            let first = try await client.streamChat(Self.ask("first"))
            let error = await #expect(throws: LanguageModelError.self) {
                _ = try await client.streamChat(Self.ask("second"))
            }
            #expect(error?.code == .busy)
            #expect(error?.retryAfterSeconds == nil)

            var text = ""
            for try await chunk in first { text += chunk.content }
            #expect(text == "a few words to stream")
            #expect(await fake.eventually { $0.inFlight(for: Self.chatModel) == 0 })
            #expect(try await client.chat(Self.ask("third")).content == "a few words to stream")
            #expect(fake.maxConcurrency(for: Self.chatModel) == 1)
        }
    }

    @Test func aPortNobodyListensOnIsUnreachableAtOnce() async throws {
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        let client = OllamaClient(
            baseURL: "http://127.0.0.1:\(FreePort.find())", http: http,
            timeouts: OllamaClient.Timeouts(firstByte: .seconds(30)))
        let start = ContinuousClock.now
        let versionError = await #expect(throws: LanguageModelError.self) { _ = try await client.version() }
        #expect(versionError?.code == .unreachable)
        let streamError = await #expect(throws: LanguageModelError.self) {
            _ = try await client.streamChat(Self.ask("hi"))
        }
        #expect(streamError?.code == .unreachable)
        #expect(streamError?.model == Self.chatModel)
        #expect(ContinuousClock.now - start < .seconds(10), "well under the 30 s first-byte timeout")
    }

    @Test func aColdLoadLongerThanTheFirstByteTimeoutIsATimeout() async throws {
        // Margins wide enough for a loaded 2-core machine: 1.5 s timeout, 5 s load.
        try await withOllama(timeouts: OllamaClient.Timeouts(firstByte: .milliseconds(1500))) { fake, client in
            fake.firstByteDelay = .seconds(5)
            let start = ContinuousClock.now
            let error = await #expect(throws: LanguageModelError.self) {
                _ = try await client.streamChat(Self.ask("hi"))
            }
            #expect(error?.code == .timeout)
            #expect(ContinuousClock.now - start < .seconds(4))

            fake.firstByteDelay = .milliseconds(100)
            var text = ""
            for try await chunk in try await client.streamChat(Self.ask("hi")) { text += chunk.content }
            #expect(text == "This is a deterministic reply from \(Self.chatModel).")
        }
    }

    @Test func aNonStreamedAnswerPastTheCompletionDeadlineIsATimeout() async throws {
        try await withOllama(timeouts: OllamaClient.Timeouts(completion: .milliseconds(1500))) { fake, client in
            fake.firstByteDelay = .seconds(5)
            let start = ContinuousClock.now
            let error = await #expect(throws: LanguageModelError.self) { _ = try await client.chat(Self.ask("hi")) }
            #expect(error?.code == .timeout)
            #expect(ContinuousClock.now - start < .seconds(4))
        }
    }

    @Test func cancellingTheReaderMidStreamAbortsTheRequest() async throws {
        try await withOllama { fake, client in
            fake.tokenDelay = .milliseconds(50)
            fake.setReply(FakeOllama.Reply((1...40).map { "word\($0)" }.joined(separator: " ")), for: Self.chatModel)
            let stream = try await client.streamChat(Self.ask("talk"))
            let (twoTokens, signal) = AsyncStream<Void>.makeStream()
            let reader = Task {
                var count = 0
                for try await _ in stream {
                    count += 1
                    if count == 2 { signal.yield() }
                }
                return count
            }
            var waiting = twoTokens.makeAsyncIterator()
            await waiting.next()
            reader.cancel()

            switch await reader.result {
            case .success(let count): Issue.record("the stream ran to the end (\(count) chunks)")
            case .failure(let error): #expect((error as? LanguageModelError)?.code == .cancelled)
            }
            #expect(await fake.eventually { $0.abortedStreams == 1 })
            #expect(fake.completedStreams == 0)
            #expect(await fake.eventually { $0.inFlight(for: Self.chatModel) == 0 })
        }
    }

    @Test func droppingAStreamUnreadAbortsTheRequest() async throws {
        try await withOllama { fake, client in
            fake.tokenDelay = .milliseconds(50)
            fake.setReply(FakeOllama.Reply((1...40).map { "word\($0)" }.joined(separator: " ")), for: Self.chatModel)
            do {
                let stream = try await client.streamChat(Self.ask("talk"))
                var iterator = stream.makeAsyncIterator()
                #expect(try await iterator.next()?.content == "word1")
            }
            #expect(await fake.eventually { $0.abortedStreams == 1 })
            #expect(fake.completedStreams == 0)
        }
    }

    @Test func undocumentedAnswersAreInvalidResponses() async throws {
        let router = Router()
        router.post("/api/chat") { _, _ in
            Self.ndjson(#"{"model":"m","message":{"role":"assistant","content":"ok"},"done":false}"# + "\nnot json\n")
        }
        router.post("/api/generate") { _, _ in
            Self.ndjson(#"{"model":"m","response":"cut","done":false}"# + "\n")
        }
        router.get("/api/tags") { _, _ in Self.ndjson(#"{"models":"many"}"#) }
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        try await withTestServer(router) { baseURL in
            let client = OllamaClient(baseURL: baseURL, http: http)
            var received: [String] = []
            let lineError = await #expect(throws: LanguageModelError.self) {
                for try await chunk in try await client.streamChat(Self.ask("hi")) { received.append(chunk.content) }
            }
            #expect(received == ["ok"])
            #expect(lineError?.code == .invalidResponse)

            let cutError = await #expect(throws: LanguageModelError.self) {
                for try await _ in try await client.streamGenerate(GenerateRequest(model: "m", prompt: "p")) {}
            }
            #expect(cutError?.code == .invalidResponse)

            let tagsError = await #expect(throws: LanguageModelError.self) { _ = try await client.installedModels() }
            #expect(tagsError?.code == .invalidResponse)

            // Go's own 404 for an unknown path is not "model not found".
            let pathError = await #expect(throws: LanguageModelError.self) { _ = try await client.runningModels() }
            #expect(pathError?.code == .runtimeError)
            #expect(pathError?.status == 404)
        }
    }

    static func ndjson(_ text: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/x-ndjson"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    // MARK: - Embeddings

    @Test func embedBatchesInputsAndKeepsTheirOrder() async throws {
        try await withOllama { fake, client in
            let inputs = (0..<40).map { "candidate \($0) writes swift on the server" }
            let vectors = try await client.embed(
                EmbeddingRequest(model: Self.embeddingModel, inputs: inputs, keepAlive: "1h"))

            #expect(vectors.count == inputs.count)
            for (input, vector) in zip(inputs, vectors) {
                #expect(vector.count == 384)
                #expect(abs(Self.norm(vector) - 1) < 1e-4)
                #expect(Self.cosine(vector, FakeOllama.embedding(of: input)) > 0.9999)
            }
            let sent = fake.requests(to: "/api/embed")
            #expect(sent.map(\.inputs.count) == [32, 8])
            #expect(sent.flatMap(\.inputs) == inputs)
            #expect(sent.allSatisfy { $0["truncate"] == .bool(true) && $0["keep_alive"] == .string("1h") })
            #expect(try await client.embed(EmbeddingRequest(model: Self.embeddingModel, inputs: [])) == [])
        }
    }

    @Test func similarTextsGetCloserVectors() async throws {
        try await withOllama { _, client in
            let vectors = try await client.embed(
                EmbeddingRequest(
                    model: Self.embeddingModel,
                    inputs: [
                        "senior swift backend engineer", "swift backend engineer, senior level",
                        "pastry chef in a small bakery",
                    ]))
            #expect(Self.cosine(vectors[0], vectors[1]) > Self.cosine(vectors[0], vectors[2]) + 0.3)
        }
    }

    @Test func aLongInputIsChunkedAndStillGetsOneVector() async throws {
        try await withOllama { fake, client in
            let long = (1...700).map { "term\($0)" }.joined(separator: " ")
            let inputs = ["short first", long, "short last"]
            let vectors = try await client.embed(EmbeddingRequest(model: Self.embeddingModel, inputs: inputs))

            #expect(vectors.count == 3)
            let sent = fake.requests(to: "/api/embed").flatMap(\.inputs)
            #expect(sent.first == "short first")
            #expect(sent.last == "short last")
            let chunks = Array(sent.dropFirst().dropLast())
            #expect(chunks.count > 1)
            #expect(chunks.joined(separator: " ") == long)
            #expect(chunks.allSatisfy { EmbeddingChunking.estimatedTokens(of: $0) <= 256 })
            #expect(chunks.allSatisfy { $0.split(separator: " ").count <= fake.embeddingWindow })

            let expected = EmbeddingChunking.mergedVector(chunks.map { FakeOllama.embedding(of: $0) })
            #expect(Self.cosine(vectors[1], try #require(expected)) > 0.9999)
            #expect(abs(Self.norm(vectors[1]) - 1) < 1e-4)
            #expect(Self.cosine(vectors[0], FakeOllama.embedding(of: "short first")) > 0.9999)
            #expect(Self.cosine(vectors[2], FakeOllama.embedding(of: "short last")) > 0.9999)
        }
    }

    @Test func theWindowComesFromTheRequestsNumCtx() async throws {
        try await withOllama { fake, client in
            let long = (1...100).map { "w\($0)" }.joined(separator: " ")
            _ = try await client.embed(
                EmbeddingRequest(model: Self.embeddingModel, inputs: [long], options: ModelOptions(numCtx: 32)))
            let sent = try #require(fake.requests(to: "/api/embed").first)
            #expect(sent.inputs.count >= 4)
            #expect(sent.inputs.allSatisfy { EmbeddingChunking.estimatedTokens(of: $0) <= 32 })
            #expect(sent.option("num_ctx") == .number(32))
        }
    }

    @Test func chunkingCutsAtWhitespaceAndSplitsOverlongWords() {
        #expect(EmbeddingChunking.chunks(of: "fits  as\tit is", window: 256) == ["fits  as\tit is"])
        let words = (1...50).map { "word\($0)" }
        let chunks = EmbeddingChunking.chunks(of: words.joined(separator: "\n"), window: 10)
        #expect(chunks.flatMap { $0.split(separator: " ").map(String.init) } == words)
        #expect(chunks.allSatisfy { EmbeddingChunking.estimatedTokens(of: $0) <= 10 })

        let giant = String(repeating: "é", count: 100)
        let pieces = EmbeddingChunking.chunks(of: giant, window: 5)
        #expect(pieces.joined() == giant)
        #expect(pieces.allSatisfy { $0.utf8.count <= 20 })
        #expect(EmbeddingChunking.estimatedTokens(of: "a b c d") == 4)
        #expect(EmbeddingChunking.estimatedTokens(of: "internationalisation") == 5)
    }

    // MARK: - Models

    @Test func installedModelsListTheTags() async throws {
        try await withOllama { _, client in
            let models = try await client.installedModels()
            #expect(models.map(\.name) == FakeOllama.Model.defaultInstalled.map(\.name))
            let miniLM = try #require(models.first { $0.name == "all-minilm:latest" })
            #expect(miniLM.sizeBytes == 45_960_996)
            #expect(miniLM.digest?.count == 64)
            #expect(miniLM.modifiedAt != nil)
        }
    }

    @Test func runningModelsShowWhatWasLoaded() async throws {
        try await withOllama { _, client in
            #expect(try await client.runningModels().isEmpty)
            _ = try await client.chat(
                ChatRequest(model: Self.chatModel, messages: [.user("hi")], options: ModelOptions(numCtx: 4096)))
            let running = try await client.runningModels()
            #expect(running.map(\.name) == [Self.chatModel])
            #expect(running.first?.contextLength == 4096)
            #expect(running.first?.expiresAt != nil)
            #expect(running.first?.sizeBytes == FakeOllama.Model.qwen7B.sizeBytes)
        }
    }

    @Test func showReportsWindowAndVectorSize() async throws {
        try await withOllama { _, client in
            let miniLM = try await client.show(model: Self.embeddingModel)
            #expect(miniLM.architecture == "bert")
            #expect(miniLM.contextLength == 512)
            #expect(miniLM.embeddingLength == 384)
            #expect(miniLM.capabilities == ["embedding"])

            let qwen = try await client.show(model: Self.chatModel)
            #expect(qwen.architecture == "qwen2")
            #expect(qwen.contextLength == 32768)
            #expect(qwen.parameters?.contains("stop") == true)
            #expect(qwen.quantizationLevel == "Q4_K_M")
            #expect(qwen.template?.isEmpty == false)
        }
    }

    @Test func versionIsReported() async throws {
        try await withOllama { fake, client in
            let reported = try await client.version()
            #expect(reported == "0.12.3")
            fake.version = "0.13.1"
            let changed = try await client.version()
            #expect(changed == "0.13.1")
        }
    }

    @Test func pullStreamsProgressAndInstallsTheModel() async throws {
        try await withOllama { fake, client in
            let model = FakeOllama.Model.llama32.name
            #expect(try await !client.installedModels().map(\.name).contains(model))

            var steps: [PullProgress] = []
            for try await step in try await client.pull(model: model) { steps.append(step) }

            #expect(steps.first?.status == "pulling manifest")
            #expect(steps.last?.isSuccess == true)
            #expect(steps.map(\.status).contains("verifying sha256 digest"))
            #expect(steps.map(\.status).contains("writing manifest"))
            let downloads = steps.filter { $0.digest != nil }
            #expect(downloads.count >= 2)
            #expect(downloads.allSatisfy { $0.total == FakeOllama.Model.llama32.sizeBytes })
            let completed = downloads.map { $0.completed ?? 0 }
            #expect(completed == completed.sorted())
            #expect(completed.last == FakeOllama.Model.llama32.sizeBytes)
            #expect(try await client.installedModels().map(\.name).contains(model))
            #expect(fake.requests(to: "/api/pull").first?["stream"] == .bool(true))
        }
    }

    @Test func pullingAModelTheRegistryLacksFails() async throws {
        try await withOllama { fake, client in
            let before = fake.installedModels
            var statuses: [String] = []
            let error = await #expect(throws: LanguageModelError.self) {
                for try await step in try await client.pull(model: "no-such-model") { statuses.append(step.status) }
            }
            #expect(statuses == ["pulling manifest"])
            #expect(error?.code == .modelNotFound)
            #expect(error?.message == FakeOllama.pullNotFoundMessage)
            #expect(fake.installedModels == before)
        }
    }

    // MARK: - Helpers

    static func norm(_ vector: [Float]) -> Float {
        vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    static func cosine(_ left: [Float], _ right: [Float]) -> Float {
        guard left.count == right.count else { return -2 }
        let dot = zip(left, right).reduce(0) { $0 + $1.0 * $1.1 }
        return dot / (norm(left) * norm(right))
    }
}

/// The fake's wire details that the client does not exercise, checked with raw HTTP.
@Suite("FakeOllama wire details")
struct FakeOllamaWireTests {
    static func post(_ http: CurlHTTPClient, _ url: String, _ json: String) async throws -> (Int, String, String?) {
        let request = CurlRequest(
            method: "POST", url: url, headers: [(name: "Content-Type", value: "application/json")],
            body: .bytes(Array(json.utf8)))
        let (response, body) = try await http.data(for: request)
        return (response.status, String(decoding: body, as: UTF8.self), response.header("Content-Type"))
    }

    @Test func rootSaysRunningAndStreamingIsTheDefault() async throws {
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        try await FakeOllama.run { fake in
            let (root, body) = try await http.data(for: CurlRequest(url: fake.baseURL + "/"))
            #expect(root.status == 200)
            #expect(String(decoding: body, as: UTF8.self) == "Ollama is running")

            let (status, text, contentType) = try await Self.post(
                http, fake.baseURL + "/api/generate", #"{"model":"all-minilm","prompt":"hi"}"#)
            #expect(status == 200)
            #expect(contentType == "application/x-ndjson")
            let lines = text.split(separator: "\n")
            #expect(
                lines.count == 1 + FakeOllama.tokens(of: "This is a deterministic reply from all-minilm:latest.").count)
            #expect(lines.last?.contains(#""done":true"#) == true)
            #expect(lines.last?.contains(#""done_reason":"stop""#) == true)
        }
    }

    @Test func anOverlongEmbedInputWithoutTruncationIsRefused() async throws {
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        try await FakeOllama.run { fake in
            fake.embeddingWindow = 4
            let url = fake.baseURL + "/api/embed"
            let (refused, error, _) = try await Self.post(
                http, url, #"{"model":"all-minilm","input":"one two three four five","truncate":false}"#)
            #expect(refused == 400)
            #expect(error == #"{"error":"\#(FakeOllama.inputTooLongMessage)"}"#)

            let (cut, _, _) = try await Self.post(
                http, url, #"{"model":"all-minilm","input":["one two three four five"]}"#)
            #expect(cut == 200)
        }
    }
}
