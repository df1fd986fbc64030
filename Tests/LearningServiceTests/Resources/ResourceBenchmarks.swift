import CurlHTTP
import Database
import Foundation
import ServiceKit
import Taxonomy
import TestSupport
import Testing

@testable import LearningService

#if canImport(Glibc)
import Glibc
#endif

/// `GET /learning/resources` timing against the real learning-service binary
/// and the shipped catalogue, with a profile-service fake answering the
/// learner's levels. Skipped unless `CAREERGINI_BENCH=1`; results go to
/// `bench-results/learning-resources.txt`.
@Suite(
    "learning-service resource benchmarks", .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["CAREERGINI_BENCH"] == "1"))
struct ResourceBenchmarks {
    static let report = BenchReport(file: "learning-resources.txt", title: "learning-service resources")

    @Test("GET /learning/resources at 16 concurrent clients, cached and uncached")
    func resources() async throws {
        let database = try await LearningDatabase.make()
        defer { Task { await database.close() } }
        let taxonomy = try Taxonomy.bundled()
        let catalogue = try Catalogue.bundled(taxonomy: taxonomy)
        // Skills the catalogue teaches, so every request ranks real rows.
        let skills = Array(Set(catalogue.entries.flatMap(\.skills))).sorted()
        try #require(!skills.isEmpty, "the catalogue is empty")
        let user = UUID()
        try await FakeProfileSkills.run { profiles in
            profiles.setSkills(
                ["python": 4, "docker": 3, "kubernetes": 2, "javascript": 5, "sql": 3, "go": 1], for: user)
            let service = try await RunningLearningService.start(
                databaseURL: database.url, profileURL: profiles.baseURL)
            defer { service.stop() }
            let token = LearningServiceHarness.tokens.issue(
                for: RequestIdentity(userId: user, roles: ["user"], service: "gateway"), audience: "learning-service")
            // The catalogue is written at start, or on the first request if that comes sooner.
            let clock = ContinuousClock()
            let first = try await clock.measure {
                _ = try await HTTPLoad.run(
                    clients: 1, requests: 1, base: service.base, token: token, paths: ["/learning/resources?skill=go"])
            }
            let typical = [
                "skill=python", "skill=k8s&prefer=video", "skill=javascript&level=beginner&free=true",
                "skill=sql,postgresql", "skill=docker&type=course", "skill=go&lang=en",
                "skill=react&prefer=video,course",
                "skill=machine%20learning&free=true", "skill=aws&limit=10", "skill=typescript", "skill=git",
                "skill=linux&level=intermediate",
            ]
            let cached = try await HTTPLoad.run(
                clients: 16, seconds: 8, base: service.base, token: token,
                paths: typical.map { "/learning/resources?" + $0 })
            // Acting for no user: no call to profile-service before the cache.
            let serviceToken = LearningServiceHarness.tokens.issue(
                for: RequestIdentity(userId: nil, roles: [], service: "ai-service"), audience: "learning-service")
            let cachedAnonymous = try await HTTPLoad.run(
                clients: 16, seconds: 8, base: service.base, token: serviceToken,
                paths: typical.map { "/learning/resources?" + $0 })
            // Every request a new key: each catalogue skill at each limit.
            let uncachedPaths = (1...50).flatMap { limit in
                skills.map { "/learning/resources?skill=\($0)&limit=\(limit)" }
            }
            let uncached = try await HTTPLoad.run(
                clients: 16, seconds: 8, base: service.base, token: token, paths: uncachedPaths)
            let browseFilters = [
                "", "&level=beginner", "&level=intermediate", "&level=advanced", "&free=true", "&free=false",
                "&type=course", "&type=docs",
            ]
            let browsePaths = (1...50).flatMap { limit in
                browseFilters.map { "/learning/resources?limit=\(limit)\($0)" }
            }
            let browse = try await HTTPLoad.run(
                clients: 16, seconds: 4, base: service.base, token: token, paths: browsePaths)
            let rows = try await database.pool.query("SELECT count(*) AS n FROM resources")
            let count: Int = try rows[0].decode("n")
            func line(_ name: String, _ result: HTTPLoad.Result) -> String {
                BenchReport.row(
                    [name, String(result.latencies.count), String(format: "%.0f", result.rate)]
                        + BenchReport.percentiles(result.latencies, [50, 95, 99]) + [String(result.failures)],
                    firstWidth: 44, width: 11)
            }
            Self.report.record(
                order: 1, title: "GET /learning/resources",
                lines: [
                    "The learning-service binary with the shipped catalogue (\(count) resources, \(skills.count) skills)",
                    "in the test PostgreSQL, the test Redis, no live providers, and a profile-service fake for the",
                    "learner's levels; clients in this process over libcurl; everything shares the machine's CPUs.",
                    "First request: \(BenchReport.milliseconds(first)).",
                    "Cached: twelve typical requests repeated. Uncached: every request a new key (each catalogue",
                    "skill at each limit), so each reads PostgreSQL once and ranks in memory. Browse: no skill, a",
                    "new limit or filter each time: every resource passing the filter read and ranked.",
                    "",
                    BenchReport.row(
                        ["load", "requests", "req/s", "p50", "p95", "p99", "errors"], firstWidth: 44, width: 11),
                    line("16 clients, cached", cached),
                    line("16 clients, cached, no user (no profile call)", cachedAnonymous),
                    line("16 clients, uncached (one skill)", uncached),
                    line("16 clients, uncached browse (no skill)", browse),
                ])
            #expect(
                cached.failures == 0 && cachedAnonymous.failures == 0 && uncached.failures == 0
                    && browse.failures == 0)
        }
    }
}

/// The learning-service binary built beside this test bundle, run as main runs it.
struct RunningLearningService {
    let pid: pid_t
    let base: String

    static func start(databaseURL: String, profileURL: String) async throws -> RunningLearningService {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let binary = folder.appendingPathComponent("learning-service").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build learning-service first")
        let port = FreePort.find()
        var environment = ProcessInfo.processInfo.environment
        environment.merge([
            "DATABASE_URL": databaseURL, "REDIS_URL": try TestEnvironment.redisURL(), "PORT": String(port),
            "HOST": "127.0.0.1", "INTERNAL_SECRET": TestEnvironment.internalSecret, "LOG_LEVEL": "error",
            "AI_SERVICE_URL": LearningServiceHarness.closedURL(), "PROFILE_SERVICE_URL": profileURL,
            "YOUTUBE_API_URL": LearningServiceHarness.closedURL(), "GITHUB_API_URL": LearningServiceHarness.closedURL(),
            "LEARNING_GITHUB_SEARCH": "false",
        ]) { $1 }
        environment["YOUTUBE_API_KEY"] = nil
        let pid = try ChildProcess.spawn(binary, [], environment: environment)
        let service = RunningLearningService(pid: pid, base: "http://127.0.0.1:\(port)")
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        let deadline = ContinuousClock.now + .seconds(60)
        while (try? await http.data(for: CurlRequest(method: "GET", url: service.base + "/health")).0.status) != 200 {
            guard ContinuousClock.now < deadline else {
                service.stop()
                throw TestEnvironment.Missing(variable: "a running learning-service (it did not start in 60 s)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return service
    }

    func stop() {
        kill(pid, SIGTERM)
        _ = ChildProcess.wait(pid)
    }
}
