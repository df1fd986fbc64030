import Contracts
import CurlHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Taxonomy
import TestSupport
import Testing

@testable import AIService

#if canImport(Glibc)
import Glibc
#endif

/// Timing numbers for the AI service, run by `scripts/bench-suites.sh`: what the
/// service adds to a model's stream (time to first token, tokens/s) and what the
/// deterministic analysis costs, in process and over HTTP. Skipped unless
/// `CAREERGINI_BENCH=1`, so the ordinary test run spends no time here. The table
/// is printed and written to `bench-results/ai.txt`.
@Suite(
    "AI service benchmarks", .serialized, .enabled(if: ProcessInfo.processInfo.environment["CAREERGINI_BENCH"] == "1"))
struct AIBenchmarks {
    // MARK: - Streaming pass-through

    /// The fake's fixed rate: one token every 20 ms, 50 tokens/s per stream.
    static let tokenDelay = Duration.milliseconds(20)
    static let replyTokens = 200

    @Test("streaming: time to first token and tokens/s, direct to the fake Ollama vs through LanguageModels")
    func streaming() async throws {
        let reply = FakeOllama.Reply(
            (1...Self.replyTokens).map { "word\($0)" }.joined(separator: " "))
        #expect(reply.tokens.count == Self.replyTokens)
        let routing = try ModelRouting.load(environment: [:], currentDirectory: BenchReport.repositoryRoot.path)
        let model = routing.route(for: .chat).model
        let messages = [ChatMessage.user("Tell me how to become a backend engineer.")]

        let (rows, oneTokenRows) = try await FakeOllama.run { fake in
            fake.tokenDelay = Self.tokenDelay
            fake.setReply(reply, for: model)
            let direct = CurlHTTPClient()
            let serviceHTTP = CurlHTTPClient()
            defer {
                direct.shutdown()
                serviceHTTP.shutdown()
            }
            let models = LanguageModels(
                backend: OllamaClient(baseURL: fake.baseURL, http: serviceHTTP), routing: routing,
                queues: ModelQueues(concurrency: 16, maxWaiting: 16), logger: TestEnvironment.logger)
            let directBody = try JSONEncoder().encode(DirectChatBody(model: model, messages: messages, stream: true))
            let directStream: @Sendable () async throws -> StreamTiming = {
                try await Self.streamDirect(http: direct, url: fake.baseURL + "/api/chat", body: Array(directBody))
            }
            let serviceStream: @Sendable () async throws -> StreamTiming = {
                try await Self.streamThroughService(models, messages: messages)
            }

            var rows: [StreamRow] = []
            for (streams, rounds) in [(1, 10), (16, 3)] {
                let row = try await Self.comparePaths(
                    streams: streams, rounds: rounds, direct: directStream, service: serviceStream)
                for runs in [row.direct, row.service] {
                    #expect(runs.timings.allSatisfy { $0.tokens == Self.replyTokens })
                }
                rows.append(row)
            }
            // The fake encodes every line of an answer before it sends the first, and
            // at 16 streams those encodings queue on its event loops: TTFT is mostly
            // the fake's. A one-token answer leaves HTTP and our own path.
            fake.setReply("Hello", for: model)
            var oneTokenRows: [StreamRow] = []
            for (streams, rounds) in [(1, 50), (16, 10)] {
                let row = try await Self.comparePaths(
                    streams: streams, rounds: rounds, direct: directStream, service: serviceStream)
                for runs in [row.direct, row.service] { #expect(runs.timings.allSatisfy { $0.tokens == 1 }) }
                oneTokenRows.append(row)
            }
            #expect(fake.abortedStreams == 0)
            return (rows, oneTokenRows)
        }

        var lines = [
            "Fake Ollama in process: \(Self.replyTokens) tokens per answer, one every "
                + "\(BenchFormat.milliseconds(Self.tokenDelay)) ms (ideal \(Int(1 / Self.tokenDelay.seconds)) tokens/s per stream).",
            "direct = CurlHTTPClient POST /api/chat, raw NDJSON lines; service = LanguageModels.stream(task: .chat)",
            "  → ModelQueues(concurrency: 16, maxWaiting: 16) → OllamaClient.streamChat → NDJSON decode → ChatChunk.",
            "TTFT from the call to the first content token; tokens/s = (tokens − 1) / (last token − first token);",
            "gap = time between consecutive tokens; CPU = this process (both clients and the fake) per 1,000 tokens.",
            "",
            BenchFormat.row([
                "streams", "path", "samples", "TTFT p50", "TTFT p99", "tok/s p50", "tok/s min", "gap p50", "gap p99",
                "CPU/1k tok",
            ]),
        ]
        for row in rows {
            for (name, runs) in [("direct", row.direct), ("service", row.service)] {
                lines.append(
                    BenchFormat.row([
                        "\(row.streams)", name, "\(runs.timings.count)",
                        BenchFormat.milliseconds(runs.firstTokens.percentile(50)) + " ms",
                        BenchFormat.milliseconds(runs.firstTokens.percentile(99)) + " ms",
                        String(format: "%.2f", runs.rates.percentile(50)),
                        String(format: "%.2f", runs.rates.min() ?? 0),
                        BenchFormat.milliseconds(runs.gaps.percentile(50)) + " ms",
                        BenchFormat.milliseconds(runs.gaps.percentile(99)) + " ms",
                        BenchFormat.milliseconds(runs.cpuPerThousandTokens) + " ms",
                    ]))
            }
        }
        lines.append("")
        for row in rows {
            let addedP50 = row.service.firstTokens.percentile(50) - row.direct.firstTokens.percentile(50)
            let addedP99 = row.service.firstTokens.percentile(99) - row.direct.firstTokens.percentile(99)
            let ratio = row.service.rates.percentile(50) / row.direct.rates.percentile(50)
            lines.append(
                "\(row.streams) stream(s), \(row.rounds) rounds: added TTFT p50 \(BenchFormat.milliseconds(addedP50)) ms, "
                    + "p99 \(BenchFormat.milliseconds(addedP99)) ms; tokens/s service/direct = "
                    + String(format: "%.3f", ratio))
        }
        lines += [
            "",
            "One-token answers (\"Hello\"): TTFT without the fake encoding 201 lines first (at 16 streams those "
                + "encodings queue on the fake's event loops).",
            "",
            BenchFormat.row(["streams", "path", "samples", "TTFT p50", "TTFT p99", "CPU/stream"]),
        ]
        for row in oneTokenRows {
            for (name, runs) in [("direct", row.direct), ("service", row.service)] {
                lines.append(
                    BenchFormat.row([
                        "\(row.streams)", name, "\(runs.timings.count)",
                        BenchFormat.milliseconds(runs.firstTokens.percentile(50)) + " ms",
                        BenchFormat.milliseconds(runs.firstTokens.percentile(99)) + " ms",
                        BenchFormat.milliseconds(runs.cpu / runs.timings.count) + " ms",
                    ]))
            }
        }
        lines.append("")
        for row in oneTokenRows {
            let addedP50 = row.service.firstTokens.percentile(50) - row.direct.firstTokens.percentile(50)
            let addedP99 = row.service.firstTokens.percentile(99) - row.direct.firstTokens.percentile(99)
            lines.append(
                "\(row.streams) stream(s), \(row.rounds) rounds, one-token answers: added TTFT p50 "
                    + "\(BenchFormat.milliseconds(addedP50)) ms, p99 \(BenchFormat.milliseconds(addedP99)) ms")
        }
        aiReport.record(order: 1, title: "Streaming pass-through (time to first token, tokens/s)", lines: lines)
    }

    /// Both paths at one concurrency, after an unmeasured round of each (connections,
    /// code paths); rounds interleaved so drift (another process) hits both alike.
    static func comparePaths(
        streams: Int, rounds: Int, direct: @escaping @Sendable () async throws -> StreamTiming,
        service: @escaping @Sendable () async throws -> StreamTiming
    ) async throws -> StreamRow {
        _ = try await round(streams: streams, direct)
        _ = try await round(streams: streams, service)
        var row = StreamRow(streams: streams, rounds: rounds, direct: StreamRuns(), service: StreamRuns())
        for _ in 0..<rounds {
            row.direct.add(try await round(streams: streams, direct))
            row.service.add(try await round(streams: streams, service))
        }
        #expect(row.direct.timings.count == streams * rounds)
        #expect(row.service.timings.count == streams * rounds)
        return row
    }

    /// `/api/chat`'s body as any client would send it.
    struct DirectChatBody: Encodable {
        var model: String
        var messages: [ChatMessage]
        var stream: Bool
    }

    /// One stream read straight off the wire: the fake writes its keys sorted, so a
    /// content line is one with `"done":false`; nothing is decoded.
    static func streamDirect(http: CurlHTTPClient, url: String, body: [UInt8]) async throws -> StreamTiming {
        let clock = ContinuousClock()
        var recorder = TokenRecorder(start: clock.now)
        let response = try await http.execute(
            CurlRequest(
                method: "POST", url: url, headers: [(name: "Content-Type", value: "application/json")],
                body: .bytes(body), timeouts: .init(connect: .seconds(2), total: nil, firstByte: .seconds(30))))
        try #require(response.status == 200)
        for try await line in response.body.lines where line.contains(#""done":false"#) {
            recorder.token(at: clock.now)
        }
        return recorder.timing
    }

    /// One stream through the service's own path, as a chat route will read it.
    static func streamThroughService(_ models: LanguageModels, messages: [ChatMessage]) async throws -> StreamTiming {
        let clock = ContinuousClock()
        var recorder = TokenRecorder(start: clock.now)
        let stream = try await models.stream(task: .chat, messages: messages)
        for try await chunk in stream where !chunk.done {
            recorder.token(at: clock.now)
        }
        return recorder.timing
    }

    /// `streams` streams started together; returns when all have ended.
    static func round(
        streams: Int, _ stream: @escaping @Sendable () async throws -> StreamTiming
    ) async throws -> (timings: [StreamTiming], cpu: Duration) {
        let cpuBefore = ProcessCPU.now()
        let timings = try await withThrowingTaskGroup(of: StreamTiming.self) { group in
            for _ in 0..<streams { group.addTask { try await stream() } }
            var timings: [StreamTiming] = []
            for try await timing in group { timings.append(timing) }
            return timings
        }
        return (timings, ProcessCPU.now() - cpuBefore)
    }

    struct StreamTiming: Sendable {
        var firstToken: Duration
        var tokens: Int
        var generation: Duration
        var gaps: [Duration]

        var tokensPerSecond: Double {
            tokens > 1 && generation > .zero ? Double(tokens - 1) / generation.seconds : 0
        }
    }

    /// Notes the instant of each token of one stream.
    struct TokenRecorder {
        let start: ContinuousClock.Instant
        private var first: ContinuousClock.Instant?
        private var last: ContinuousClock.Instant?
        private var count = 0
        private var gaps: [Duration] = []

        init(start: ContinuousClock.Instant) {
            self.start = start
            gaps.reserveCapacity(AIBenchmarks.replyTokens)
        }

        mutating func token(at instant: ContinuousClock.Instant) {
            if let last { gaps.append(instant - last) }
            if first == nil { first = instant }
            last = instant
            count += 1
        }

        var timing: StreamTiming {
            StreamTiming(
                firstToken: (first ?? start) - start, tokens: count, generation: (last ?? start) - (first ?? start),
                gaps: gaps)
        }
    }

    /// The measured streams of one path at one concurrency.
    struct StreamRuns {
        var timings: [StreamTiming] = []
        var cpu: Duration = .zero

        mutating func add(_ round: (timings: [StreamTiming], cpu: Duration)) {
            timings += round.timings
            cpu += round.cpu
        }

        var firstTokens: [Duration] { timings.map(\.firstToken) }
        var rates: [Double] { timings.map(\.tokensPerSecond) }
        var gaps: [Duration] { timings.flatMap(\.gaps) }
        var cpuPerThousandTokens: Duration {
            let tokens = timings.reduce(0) { $0 + $1.tokens }
            return tokens == 0 ? .zero : cpu * 1000 / tokens
        }
    }

    struct StreamRow {
        var streams: Int
        var rounds: Int
        var direct: StreamRuns
        var service: StreamRuns
    }

    // MARK: - Deterministic analysis in process

    static let analyzeIterations = 2_000
    static let analyzeWarmUp = 200

    @Test("analyze in process: SkillGapAnalyzer against a role and a ~2,000-character job description")
    func analyzeInProcess() throws {
        let clock = ContinuousClock()
        let loadStart = clock.now
        let taxonomy = try Taxonomy.bundled()
        let taxonomyLoad = clock.now - loadStart
        let analyzer = SkillGapAnalyzer(taxonomy: taxonomy)
        #expect((1_800...2_300).contains(Self.jobDescription.count))

        var lines = [
            "SkillGapAnalyzer.analyze on ProfileFixtures.backendEngineer (2 jobs, 11 skills), "
                + "\(Self.analyzeWarmUp) warm-up calls, then \(Self.analyzeIterations) timed one by one, one thread.",
            "Taxonomy.bundled() (read and validate taxonomy.json, once per process): "
                + "\(BenchFormat.milliseconds(taxonomyLoad)) ms.",
            "",
            BenchFormat.row(["target", "calls", "p50", "p99", "max", "calls/s"]),
        ]
        let cases: [(String, SkillAnalysisRequest)] = [
            ("role backend-engineer", SkillAnalysisRequest(roleId: "backend-engineer")),
            (
                "job description, \(Self.jobDescription.count) chars",
                SkillAnalysisRequest(jobDescription: Self.jobDescription)
            ),
        ]
        for (name, request) in cases {
            let profile = ProfileFixtures.backendEngineer
            for _ in 0..<Self.analyzeWarmUp {
                _ = try analyzer.analyze(request, profile: profile, referenceDate: ProfileFixtures.referenceDate)
            }
            var samples: [Duration] = []
            samples.reserveCapacity(Self.analyzeIterations)
            var matched = 0
            let started = clock.now
            for _ in 0..<Self.analyzeIterations {
                let callStart = clock.now
                let result = try analyzer.analyze(
                    request, profile: profile, referenceDate: ProfileFixtures.referenceDate)
                samples.append(clock.now - callStart)
                matched += result.matched.count
            }
            let elapsed = clock.now - started
            #expect(matched > 0)
            lines.append(
                BenchFormat.row([
                    name, "\(samples.count)", BenchFormat.microseconds(samples.percentile(50)) + " µs",
                    BenchFormat.microseconds(samples.percentile(99)) + " µs",
                    BenchFormat.microseconds(samples.max() ?? .zero) + " µs",
                    String(format: "%.0f", Double(samples.count) / elapsed.seconds),
                ]))
        }
        aiReport.record(order: 2, title: "Deterministic analyze, in process", lines: lines)
    }

    /// A realistic posting of about 2,000 characters: sections, years, alternatives.
    static let jobDescription = """
        Senior Backend Engineer, Payments Platform

        About us
        We run the payment rails for 40,000 small businesses across Europe and North America. Our platform \
        moves money between banks, card networks and wallets every second of the day, and our customers \
        depend on it to get paid on time.

        The role
        You will join the platform team that owns the ledger, payouts and reconciliation services. You will \
        design APIs that other teams build on, run what you build in production, and help us move from a few \
        large services to smaller ones with clear ownership.

        What you will do
        - Design and build REST APIs and event-driven services in Python or Go.
        - Model financial data in PostgreSQL and write SQL that stays fast at billions of rows.
        - Run services on Kubernetes in AWS, with Terraform for everything we provision.
        - Own reliability: monitoring with Prometheus and Grafana, on-call, and blameless postmortems.
        - Review code and mentor engineers earlier in their careers.
        - Work with product managers and finance to turn regulations into designs.

        How we work
        Small teams own their services end to end. We write short design documents before large changes, \
        deploy many times a day behind feature flags, and keep on-call humane with one week in six.

        Requirements
        - 5+ years of experience building backend systems in production.
        - Strong Python; Go experience is a plus.
        - Deep knowledge of PostgreSQL, transactions and indexing.
        - Experience with Docker and CI/CD pipelines such as GitHub Actions.
        - You have designed REST APIs used by external customers.
        - Clear written and spoken communication in English.

        Nice to have
        - Kafka or another event streaming platform.
        - Redis for caching and rate limiting.
        - Experience with system design for high-availability services.
        - Familiarity with GraphQL.

        Benefits
        - Remote-first within three time zones, with a yearly team week.
        - A learning budget of 2,000 euros a year.
        - 30 days of paid holiday.
        """

    // MARK: - Analysis over HTTP

    static let httpClients = 16
    static let httpDuration = Duration.seconds(10)
    /// A bound on each client's loop besides the time, so the load always stops.
    static let httpMaxRequestsPerClient = 200_000

    @Test("analyze over HTTP: the real AI app on a live port, 16 clients, useModel false")
    func analyzeOverHTTP() async throws {
        let settings = try AIServiceHarness.settings(modelURL: AIServiceHarness.closedURL())
        let app = try await buildApplication(settings, logger: TestEnvironment.logger)
        let cases: [(String, SkillAnalysisRequest)] = [
            (
                "role backend-engineer",
                SkillAnalysisRequest(
                    profile: ProfileFixtures.backendEngineer, roleId: "backend-engineer", useModel: false)
            ),
            (
                "job description, \(Self.jobDescription.count) chars",
                SkillAnalysisRequest(
                    profile: ProfileFixtures.backendEngineer, jobDescription: Self.jobDescription, useModel: false)
            ),
        ]
        let bodies = try cases.map { try AIServiceHarness.encoder.encode($0.1) }
        let results = try await app.test(.live) { client in
            let port = try #require(client.port)
            let http = CurlHTTPClient()
            defer { http.shutdown() }
            // HummingbirdTesting binds the live server to "localhost".
            let url = "http://localhost:\(port)/skills/analyze"
            var results: [LoadResult] = []
            for body in bodies {
                try await Self.checkAnswer(http: http, url: url, body: Array(body))
                // Warm-up: connections to the service, its database pool and code paths.
                _ = try await Self.load(http: http, url: url, body: Array(body), duration: .seconds(1))
                results.append(
                    try await Self.load(http: http, url: url, body: Array(body), duration: Self.httpDuration))
            }
            return results
        }

        var lines = [
            "The AI app as main builds it (AIServiceHarness settings: test PostgreSQL and Redis, DATABASE_POOL_MAX default "
                + "10), on a live port; \(Self.httpClients) clients (CurlHTTPClient, keep-alive), each request with an",
            "internal token, POST /skills/analyze with the profile in the body and useModel false, "
                + "\(Self.httpDuration.components.seconds) s per target after 1 s of warm-up.",
            "Every answer includes an INSERT of the result (JSONB) into ai.analyses: that write is part of each request's cost.",
            "Client and server share this machine's CPUs.",
            "",
            BenchFormat.row(["target", "requests", "errors", "req/s", "p50", "p99", "max"]),
        ]
        for ((name, _), result) in zip(cases, results) {
            #expect(result.failures == 0, "\(result.firstFailure ?? "")")
            #expect(result.latencies.count > 0)
            lines.append(
                BenchFormat.row([
                    name, "\(result.latencies.count)", "\(result.failures)",
                    String(format: "%.0f", Double(result.latencies.count) / result.elapsed.seconds),
                    BenchFormat.milliseconds(result.latencies.percentile(50)) + " ms",
                    BenchFormat.milliseconds(result.latencies.percentile(99)) + " ms",
                    BenchFormat.milliseconds(result.latencies.max() ?? .zero) + " ms",
                ]))
            if let failure = result.firstFailure { lines.append("  first failure: \(failure)") }
        }
        aiReport.record(order: 3, title: "Deterministic analyze over HTTP (useModel false)", lines: lines)
    }

    /// One request decoded, so the load below measures real answers.
    static func checkAnswer(http: CurlHTTPClient, url: String, body: [UInt8]) async throws {
        let (response, answer) = try await http.data(for: analyzeRequest(url: url, body: body, user: UUID()))
        try #require(response.status == 200, "\(String(decoding: answer, as: UTF8.self))")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let result = try decoder.decode(SkillAnalysisResponse.self, from: Data(answer))
        #expect(result.llm.used == false)
        #expect(!result.matched.isEmpty)
    }

    static func analyzeRequest(url: String, body: [UInt8], user: UUID) -> CurlRequest {
        let headers = AIServiceHarness.headers(user: user).map { (name: $0.name.rawName, value: $0.value) }
        return CurlRequest(method: "POST", url: url, headers: headers, body: .bytes(body))
    }

    struct LoadResult: Sendable {
        var latencies: [Duration] = []
        var failures = 0
        var firstFailure: String?
        var elapsed: Duration = .zero
    }

    /// `httpClients` clients in a closed loop for `duration`, each as its own user.
    static func load(http: CurlHTTPClient, url: String, body: [UInt8], duration: Duration) async throws -> LoadResult {
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = started + duration
        var total = try await withThrowingTaskGroup(of: LoadResult.self) { group in
            for _ in 0..<httpClients {
                group.addTask {
                    // One token per client, minted before the clock matters (it lives 60 s).
                    let request = analyzeRequest(url: url, body: body, user: UUID())
                    var result = LoadResult()
                    while clock.now < deadline && result.latencies.count + result.failures < httpMaxRequestsPerClient {
                        let sent = clock.now
                        do {
                            let (response, answer) = try await http.data(for: request)
                            if response.status == 200 {
                                result.latencies.append(clock.now - sent)
                            } else {
                                result.failures += 1
                                if result.firstFailure == nil {
                                    result.firstFailure =
                                        "HTTP \(response.status): \(String(decoding: answer.prefix(300), as: UTF8.self))"
                                }
                            }
                        } catch {
                            result.failures += 1
                            if result.firstFailure == nil { result.firstFailure = "\(error)" }
                        }
                    }
                    return result
                }
            }
            var total = LoadResult()
            for try await result in group {
                total.latencies += result.latencies
                total.failures += result.failures
                total.firstFailure = total.firstFailure ?? result.firstFailure
            }
            return total
        }
        total.elapsed = clock.now - started
        return total
    }
}

// MARK: - Measuring and reporting

fileprivate extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

fileprivate extension Array where Element: Comparable {
    /// Nearest-rank percentile: the smallest sample with at least `percent` % of
    /// the samples at or below it.
    func percentile(_ percent: Double) -> Element {
        precondition(!isEmpty, "a percentile of no samples")
        let sorted = self.sorted()
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }
}

/// CPU time (user + system) this process has used so far.
private enum ProcessCPU {
    static func now() -> Duration {
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return .zero }
        func duration(_ time: timeval) -> Duration {
            .seconds(Int64(time.tv_sec)) + .microseconds(Int64(time.tv_usec))
        }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }
}

private enum BenchFormat {
    static func milliseconds(_ duration: Duration) -> String { String(format: "%.2f", duration.seconds * 1e3) }
    static func microseconds(_ duration: Duration) -> String { String(format: "%.1f", duration.seconds * 1e6) }

    /// A table row: the first column left-aligned, the rest right-aligned.
    static func row(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            let width = index == 0 ? 34 : 12
            let padding = String(repeating: " ", count: Swift.max(0, width - cell.count))
            return index == 0 ? cell + padding : padding + cell
        }.joined()
    }
}

/// The sections measured so far, written to `bench-results/ai.txt`.
private let aiReport = BenchReport(file: "ai.txt", title: "AI service")
