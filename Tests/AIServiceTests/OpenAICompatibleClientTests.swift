import Contracts
import CurlHTTP
import Foundation
import Hummingbird
import NIOCore
import TestSupport
import Testing

@testable import AIService

@Suite("OpenAI-compatible backend against a llama-server fake")
struct OpenAICompatibleClientTests {
    static let chatModel = "qwen2.5-7b-instruct"
    static let embeddingModel = "all-minilm"

    /// A client for `baseURL` on its own curl loop, shut down afterwards.
    func withClient<T>(
        _ baseURL: String, configure: (inout OpenAICompatibleClient.Configuration) -> Void = { _ in },
        _ body: (OpenAICompatibleClient) async throws -> T
    ) async throws -> T {
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        var configuration = OpenAICompatibleClient.Configuration(baseURL: baseURL)
        configure(&configuration)
        return try await body(OpenAICompatibleClient(configuration: configuration, http: http))
    }

    func collect(_ stream: ChatStream) async throws -> [ChatChunk] {
        var chunks: [ChatChunk] = []
        for try await chunk in stream { chunks.append(chunk) }
        return chunks
    }

    // MARK: Chat

    @Test("chat sends OpenAI parameters and the nested json_schema response_format, and maps the answer")
    func chatWithSchema() async throws {
        try await FakeOpenAICompatibleServer.run { fake in
            fake.setReply(.text(#"{"skills":["swift","sql"]}"#), for: Self.chatModel)
            fake.apiKey = "sk-local-test"
            let schema = JSONValue.object([
                "type": .string("object"),
                "properties": .object(["skills": .object(["type": .string("array")])]),
                "required": .array([.string("skills")]),
            ])
            let request = ChatRequest(
                model: Self.chatModel, messages: [.system("Extract skills."), .user("I write Swift and SQL daily")],
                options: ModelOptions(numCtx: 4096, numThread: 6, temperature: 0.2, topP: 0.9, numPredict: 64),
                format: schema, keepAlive: "30m")
            let completion = try await withClient(fake.baseURL, configure: { $0.apiKey = "sk-local-test" }) {
                try await $0.chat(request)
            }
            #expect(completion.content == #"{"skills":["swift","sql"]}"#)
            #expect(completion.model == Self.chatModel)
            #expect(completion.doneReason == "stop")
            let metrics = try #require(completion.metrics)
            // The fake counts 4 template tokens per message plus the words: (4+2) + (4+6).
            #expect(metrics.promptEvalCount == 16)
            #expect(metrics.evalCount == 1)
            #expect(metrics.promptEvalDuration == 8_000_000)
            #expect(metrics.evalDuration != nil)
            #expect((metrics.totalDuration ?? 0) > 0)

            let sent = try #require(fake.requestBodies(for: "/v1/chat/completions").first)
            #expect(sent["model"] == .string(Self.chatModel))
            #expect(sent["stream"] == .bool(false))
            #expect(sent["max_tokens"] == .number(64))
            #expect(sent["temperature"] == .number(0.2))
            #expect(sent["top_p"] == .number(0.9))
            #expect(
                sent["response_format"]
                    == .object([
                        "type": .string("json_schema"),
                        "json_schema": .object([
                            "name": .string("response"), "strict": .bool(true), "schema": schema,
                        ]),
                    ]))
            #expect(
                sent["messages"]
                    == .array([
                        .object(["role": .string("system"), "content": .string("Extract skills.")]),
                        .object(["role": .string("user"), "content": .string("I write Swift and SQL daily")]),
                    ]))
            // Load-time options and Ollama's fields are not OpenAI parameters.
            for key in ["num_ctx", "num_thread", "options", "keep_alive", "format", "stream_options"] {
                #expect(sent[key] == nil, "unexpected \(key)")
            }
            #expect(fake.requests.last?.authorization == "Bearer sk-local-test")
        }
    }

    @Test("a wrong API key is a runtime error carrying the server's message")
    func wrongAPIKey() async throws {
        try await FakeOpenAICompatibleServer.run { fake in
            fake.apiKey = "right"
            let error = try await withClient(fake.baseURL, configure: { $0.apiKey = "wrong" }) { client in
                await #expect(throws: LanguageModelError.self) {
                    _ = try await client.chat(ChatRequest(model: Self.chatModel, messages: [.user("hi")]))
                }
            }
            #expect(error?.code == .runtimeError)
            #expect(error?.status == 401)
            #expect(error?.message == "Invalid API Key")
        }
    }

    @Test("replies follow the script in order, and a server error is a runtime error with its message")
    func scriptedQueueAndServerError() async throws {
        try await FakeOpenAICompatibleServer.run { fake in
            fake.setReply(.queue(["first answer", "second answer"]), for: Self.chatModel)
            try await withClient(fake.baseURL + "/v1/") { client in
                let request = ChatRequest(model: Self.chatModel, messages: [.user("again")])
                let first = try await client.chat(request)
                let second = try await client.chat(request)
                #expect(first.content == "first answer")
                #expect(second.content == "second answer")
                let error = await #expect(throws: LanguageModelError.self) { _ = try await client.chat(request) }
                #expect(error?.code == .runtimeError)
                #expect(error?.status == 500)
                #expect(error?.message.contains("used up") == true)
            }
        }
    }

    // MARK: Streaming

    @Test("a streamed answer arrives token by token and ends with usage and timings")
    func streamingIncrementally() async throws {
        try await FakeOpenAICompatibleServer.run { fake in
            let reply = "Swift is a safe, fast and expressive language."
            fake.setReply(.text(reply), for: Self.chatModel)
            fake.tokenDelay = .milliseconds(40)
            try await withClient(fake.baseURL) { client in
                let stream = try await client.streamChat(
                    ChatRequest(model: Self.chatModel, messages: [.user("What is Swift?")]))
                var iterator = stream.makeAsyncIterator()
                let first = try #require(try await iterator.next())
                #expect(first.content == "Swift")
                #expect(!first.done)
                // The server is still generating while the first token is in hand.
                #expect(fake.completedStreams == 0)
                var chunks = [first]
                while let chunk = try await iterator.next() { chunks.append(chunk) }
                #expect(try await iterator.next() == nil)

                let pieces = chunks.filter { !$0.done }.map(\.content)
                #expect(pieces == FakeOpenAICompatibleServer.tokens(of: reply))
                #expect(pieces.joined() == reply)
                let last = try #require(chunks.last)
                #expect(last.done)
                #expect(last.content.isEmpty)
                #expect(last.doneReason == "stop")
                let metrics = try #require(last.metrics)
                #expect(metrics.evalCount == pieces.count)
                #expect(metrics.promptEvalCount == 4 + 3)
                #expect(metrics.promptEvalDuration == 3_500_000)
                // Seven tokens 40 ms apart: the server's own generation time is reported.
                #expect((metrics.evalDuration ?? 0) >= 200_000_000)
                #expect((metrics.totalDuration ?? 0) >= (metrics.evalDuration ?? 0))
                #expect(chunks.filter(\.done).count == 1)
            }
            let sent = try #require(fake.requestBodies(for: "/v1/chat/completions").first)
            #expect(sent["stream"] == .bool(true))
            #expect(sent["stream_options"] == .object(["include_usage": .bool(true)]))
            #expect(fake.completedStreams == 1)
        }
    }

    @Test("max_tokens comes from numPredict and a cut answer ends with finish reason length")
    func streamingLength() async throws {
        try await FakeOpenAICompatibleServer.run { fake in
            fake.setReply(.text("one two three four five"), for: Self.chatModel)
            let chunks = try await withClient(fake.baseURL) { client in
                try await collect(
                    client.streamChat(
                        ChatRequest(
                            model: Self.chatModel, messages: [.user("count")], options: ModelOptions(numPredict: 2))))
            }
            #expect(chunks.map(\.content) == ["one", " two", ""])
            #expect(chunks.last?.doneReason == "length")
            #expect(chunks.last?.metrics?.evalCount == 2)
            #expect(fake.requestBodies(for: "/v1/chat/completions").first?["max_tokens"] == .number(2))
        }
    }

    @Test("an error event in the middle of a stream is thrown as a runtime error after the tokens before it")
    func midStreamError() async throws {
        try await FakeOpenAICompatibleServer.run { fake in
            fake.setReply(.text("alpha beta gamma delta"), for: Self.chatModel)
            fake.midStreamError = .init(afterTokens: 2, message: "llama_decode failed: out of memory")
            try await withClient(fake.baseURL) { client in
                let stream = try await client.streamChat(ChatRequest(model: Self.chatModel, messages: [.user("go")]))
                var received: [String] = []
                let error = await #expect(throws: LanguageModelError.self) {
                    for try await chunk in stream { received.append(chunk.content) }
                }
                #expect(received == ["alpha", " beta"])
                #expect(error?.code == .runtimeError)
                #expect(error?.message == "llama_decode failed: out of memory")
            }
        }
    }

    @Test("cancelling the reading task aborts the stream, and the server sees it")
    func cancellingTheReaderAborts() async throws {
        try await FakeOpenAICompatibleServer.run { fake in
            fake.setReply(.text(Array(repeating: "word", count: 200).joined(separator: " ")), for: Self.chatModel)
            fake.tokenDelay = .milliseconds(20)
            try await withClient(fake.baseURL) { client in
                let stream = try await client.streamChat(ChatRequest(model: Self.chatModel, messages: [.user("go")]))
                let (started, startedContinuation) = AsyncStream<Void>.makeStream()
                let reader = Task {
                    var count = 0
                    for try await _ in stream {
                        count += 1
                        if count == 3 { startedContinuation.yield() }
                    }
                    return count
                }
                for await _ in started { break }
                reader.cancel()
                let error = await #expect(throws: LanguageModelError.self) { _ = try await reader.value }
                #expect(error?.code == .cancelled)
                #expect(await fake.waitForAbandonedStreams(1))
                #expect(fake.completedStreams == 0)
            }
        }
    }

    @Test("dropping a stream part-read aborts the request to the server")
    func droppingTheStreamAborts() async throws {
        try await FakeOpenAICompatibleServer.run { fake in
            fake.setReply(.text(Array(repeating: "word", count: 200).joined(separator: " ")), for: Self.chatModel)
            fake.tokenDelay = .milliseconds(20)
            try await withClient(fake.baseURL) { client in
                do {
                    let stream = try await client.streamChat(
                        ChatRequest(model: Self.chatModel, messages: [.user("go")]))
                    var iterator = stream.makeAsyncIterator()
                    for _ in 0..<3 { _ = try await iterator.next() }
                }
                #expect(await fake.waitForAbandonedStreams(1))
                #expect(fake.completedStreams == 0)
            }
        }
    }

    // MARK: Failures

    @Test("an unknown model is modelNotFound for chat, streams and embeddings")
    func unknownModel() async throws {
        try await FakeOpenAICompatibleServer.run { fake in
            try await withClient(fake.baseURL) { client in
                let request = ChatRequest(model: "llama-3-70b", messages: [.user("hi")])
                let chatError = await #expect(throws: LanguageModelError.self) { _ = try await client.chat(request) }
                #expect(chatError?.code == .modelNotFound)
                #expect(chatError?.status == 404)
                #expect(chatError?.model == "llama-3-70b")
                #expect(chatError?.message == "The model `llama-3-70b` does not exist.")
                let streamError = await #expect(throws: LanguageModelError.self) {
                    _ = try await client.streamChat(request)
                }
                #expect(streamError?.code == .modelNotFound)
                let embedError = await #expect(throws: LanguageModelError.self) {
                    _ = try await client.embed(EmbeddingRequest(model: "nomic-embed", inputs: ["text"]))
                }
                #expect(embedError?.code == .modelNotFound)
            }
        }
    }

    @Test("a loading server (503) is busy, with its Retry-After")
    func loadingIsBusy() async throws {
        try await FakeOpenAICompatibleServer.run { fake in
            fake.loading = true
            fake.retryAfterSeconds = 7
            try await withClient(fake.baseURL) { client in
                let error = await #expect(throws: LanguageModelError.self) {
                    _ = try await client.streamChat(ChatRequest(model: Self.chatModel, messages: [.user("hi")]))
                }
                #expect(error?.code == .busy)
                #expect(error?.status == 503)
                #expect(error?.retryAfterSeconds == 7)
                #expect(error?.message == "Loading model")
                let healthError = await #expect(throws: LanguageModelError.self) { _ = try await client.version() }
                #expect(healthError?.code == .busy)

                fake.loading = false
                let version = try await client.version()
                #expect(version == "openai-compatible (health ok)")
            }
        }
    }

    @Test(
        "a server that refuses the json_schema form (llama-cpp-python) gets json_object with the schema, from then on")
    func fallsBackToJSONObjectFormat() async throws {
        try await FakeOpenAICompatibleServer.run(models: [Self.chatModel]) { server in
            server.acceptsJSONSchemaFormat = false
            server.setReply(.text("{\"answer\": \"yes\"}"), for: Self.chatModel)
            try await withClient(server.baseURL) { client in
                let schema = JSONValue.object(["type": .string("object")])
                let request = ChatRequest(model: Self.chatModel, messages: [.user("hi")], format: schema)
                let first = try await client.chat(request)
                let second = try await client.chat(request)
                #expect(first.content == "{\"answer\": \"yes\"}")
                #expect(second.content == "{\"answer\": \"yes\"}")
                let formats = server.requestBodies(for: "/v1/chat/completions").map { $0["response_format"]?["type"] }
                #expect(formats == [.string("json_schema"), .string("json_object"), .string("json_object")])
                #expect(server.requestBodies(for: "/v1/chat/completions").last?["response_format"]?["schema"] == schema)
            }
        }
    }

    @Test("no server listening is unreachable, reported at once")
    func unreachable() async throws {
        let started = ContinuousClock.now
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        var configuration = OpenAICompatibleClient.Configuration(baseURL: "http://127.0.0.1:\(FreePort.find())")
        configuration.connectTimeout = .seconds(30)
        let client = OpenAICompatibleClient(configuration: configuration, http: http)
        let error = await #expect(throws: LanguageModelError.self) {
            _ = try await client.chat(ChatRequest(model: Self.chatModel, messages: [.user("hi")]))
        }
        #expect(error?.code == .unreachable)
        let versionError = await #expect(throws: LanguageModelError.self) { _ = try await client.version() }
        #expect(versionError?.code == .unreachable)
        // Refused, not waited out: far inside the 30-second connect timeout.
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("a cold load longer than the first-byte timeout is a timeout")
    func firstByteTimeout() async throws {
        try await FakeOpenAICompatibleServer.run { fake in
            fake.firstByteDelay = .milliseconds(1500)
            try await withClient(fake.baseURL, configure: { $0.firstByteTimeout = .milliseconds(300) }) { client in
                let error = await #expect(throws: LanguageModelError.self) {
                    _ = try await client.streamChat(ChatRequest(model: Self.chatModel, messages: [.user("hi")]))
                }
                #expect(error?.code == .timeout)
            }
        }
    }

    @Test("a non-streamed answer slower than the total timeout is a timeout")
    func totalTimeout() async throws {
        try await FakeOpenAICompatibleServer.run { fake in
            fake.firstByteDelay = .milliseconds(1500)
            try await withClient(fake.baseURL, configure: { $0.totalTimeout = .milliseconds(300) }) { client in
                let error = await #expect(throws: LanguageModelError.self) {
                    _ = try await client.chat(ChatRequest(model: Self.chatModel, messages: [.user("hi")]))
                }
                #expect(error?.code == .timeout)
            }
        }
    }

    // MARK: Embeddings, models, health

    @Test("embeddings come back in input order, unit length, in batches of at most 32")
    func embeddings() async throws {
        try await FakeOpenAICompatibleServer.run { fake in
            fake.embeddingsOutOfOrder = true
            fake.normalizesEmbeddings = false
            fake.embeddingDimension = 48
            let inputs = (0..<70).map { "skill number \($0) with words w\($0 * 7) and x\($0 % 5)" }
            let vectors = try await withClient(fake.baseURL) { client in
                try await client.embed(EmbeddingRequest(model: Self.embeddingModel, inputs: inputs))
            }
            #expect(vectors.count == inputs.count)
            for (input, vector) in zip(inputs, vectors) {
                let expected = FakeOpenAICompatibleServer.embedding(of: input, dimension: 48)
                #expect(vector.count == 48)
                #expect(zip(vector, expected).allSatisfy { abs($0 - $1) < 1e-5 }, "wrong vector for \(input)")
                let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
                #expect(abs(norm - 1) < 1e-5)
            }
            let batches = fake.requestBodies(for: "/v1/embeddings").map { body -> Int in
                if case .array(let input) = body["input"] { return input.count }
                return -1
            }
            #expect(batches == [32, 32, 6])
            #expect(
                fake.requestBodies(for: "/v1/embeddings").allSatisfy { $0["model"] == .string(Self.embeddingModel) })
        }
    }

    @Test("installed models are the ids of /v1/models, with llama-server's file size")
    func installedModels() async throws {
        try await FakeOpenAICompatibleServer.run(models: ["qwen2.5-7b-instruct", "phi-3-mini", "all-minilm"]) { fake in
            let models = try await withClient(fake.baseURL) { try await $0.installedModels() }
            #expect(models.map(\.name) == ["qwen2.5-7b-instruct", "phi-3-mini", "all-minilm"])
            #expect(models.allSatisfy { $0.sizeBytes == FakeOpenAICompatibleServer.modelFileSize })
        }
    }

    @Test("version uses /health, and /v1/models where a server has no /health")
    func healthAndFallback() async throws {
        try await FakeOpenAICompatibleServer.run { fake in
            try await withClient(fake.baseURL) { client in
                #expect(client.kind == "openai-compatible")
                let llamaServer = try await client.version()
                fake.health = .emptyOK
                let vLLM = try await client.version()
                fake.health = .absent
                let lmStudio = try await client.version()
                #expect(llamaServer == "openai-compatible (health ok)")
                #expect(vLLM == "openai-compatible (health ok)")
                #expect(lmStudio == "openai-compatible (2 models)")
                #expect(fake.requests.suffix(2).map(\.path) == ["/health", "/v1/models"])
            }
        }
    }

    // MARK: Wire details servers differ on

    @Test("SSE comments, CRLF, a null-choices usage chunk and a missing [DONE] are all read")
    func lenientStreamParsing() async throws {
        let router = Router()
        router.post("/v1/chat/completions") { _, _ in
            let events = [
                ": keep-alive comment\r\n\r\n",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}]}\r\n\r\n",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\r\n\r\n",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}\n\n",
                "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
                "data: {\"choices\":null,\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2}}\n\n",
            ]
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: ResponseBody { writer in
                    for event in events { try await writer.write(ByteBuffer(string: event)) }
                    try await writer.finish(nil)
                })
        }
        try await withTestServer(router) { base in
            let chunks = try await withClient(base) { client in
                try await collect(client.streamChat(ChatRequest(model: "any", messages: [.user("hi")])))
            }
            #expect(chunks.map(\.content) == ["Hel", "lo", ""])
            #expect(chunks.last?.done == true)
            #expect(chunks.last?.doneReason == "stop")
            #expect(chunks.last?.metrics?.promptEvalCount == 9)
            #expect(chunks.last?.metrics?.evalCount == 2)
            #expect(chunks.last?.metrics?.evalDuration == nil)
        }
    }

    @Test("a stream cut off before its finish reason is an error, not a short answer")
    func truncatedStream() async throws {
        let router = Router()
        router.post("/v1/chat/completions") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: ResponseBody(
                    byteBuffer: ByteBuffer(
                        string: "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n")))
        }
        try await withTestServer(router) { base in
            try await withClient(base) { client in
                let stream = try await client.streamChat(ChatRequest(model: "any", messages: [.user("hi")]))
                var received: [String] = []
                let error = await #expect(throws: LanguageModelError.self) {
                    for try await chunk in stream { received.append(chunk.content) }
                }
                #expect(received == ["Hel"])
                #expect(error?.code == .runtimeError)
            }
        }
    }

    @Test("error bodies: vLLM's flat form, 429 with Retry-After, and a 404 that names no model")
    func errorMapping() {
        let flat = Array(#"{"object":"error","message":"The model `x` does not exist.","type":"NotFoundError"}"#.utf8)
        let notFound = OpenAIErrorMapping.error(status: 404, body: flat, retryAfter: nil, model: "x")
        #expect(notFound.code == .modelNotFound)
        #expect(notFound.message == "The model `x` does not exist.")

        let limited = OpenAIErrorMapping.error(
            status: 429, body: Array(#"{"error":{"message":"slow down","type":"rate_limit","code":null}}"#.utf8),
            retryAfter: "3", model: "m")
        #expect(limited.code == .busy)
        #expect(limited.retryAfterSeconds == 3)
        #expect(limited.message == "slow down")

        let noEndpoint = OpenAIErrorMapping.error(
            status: 404, body: Array("Not Found".utf8), retryAfter: nil, model: nil)
        #expect(noEndpoint.code == .runtimeError)
        #expect(noEndpoint.message == "Not Found")

        let unreadable = OpenAIErrorMapping.error(status: 502, body: [], retryAfter: nil, model: "m")
        #expect(unreadable.code == .runtimeError)
        #expect(unreadable.message == "HTTP 502")
    }
}
