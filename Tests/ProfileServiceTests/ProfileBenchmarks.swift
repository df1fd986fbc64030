import Contracts
import CurlHTTP
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ServiceKit
import Synchronization
import Taxonomy
import TestSupport
import Testing

@testable import ProfileService

#if canImport(Glibc)
import Glibc
#endif

/// Timing numbers for profile-service, run by `scripts/bench-suites.sh`: a
/// two-page PDF résumé through the deterministic path, and `GET /profile`
/// under 64 concurrent connections (wrk). Skipped unless `CAREERGINI_BENCH=1`;
/// results are printed and written to `bench-results/profile.txt`.
@Suite(
    "profile-service benchmarks", .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["CAREERGINI_BENCH"] == "1"))
struct ProfileBenchmarks {
    static let report = BenchReport(file: "profile.txt", title: "profile-service")
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/resumes")

    @Test("a two-page PDF résumé: pdftotext, then the deterministic parser")
    func pdfDeterministicPath() async throws {
        let bytes = Array(
            try Data(contentsOf: Self.fixtures.appendingPathComponent("alex-morgan-software-engineer.pdf")))
        let extractor = DocumentTextExtractor()
        let parser = ResumeTextParser(taxonomy: try Taxonomy.bundled())
        let first = try await extractor.extract(bytes, filename: "cv.pdf")
        #expect(first.pageCount == 2)
        #expect(parser.parse(first.text).work?.isEmpty == false)
        var extraction: [Duration] = []
        var parsing: [Duration] = []
        var total: [Duration] = []
        let clock = ContinuousClock()
        for _ in 0..<200 {
            let started = clock.now
            let document = try await extractor.extract(bytes, filename: "cv.pdf")
            let extracted = clock.now
            _ = parser.parse(document.text)
            let parsed = clock.now
            extraction.append(extracted - started)
            parsing.append(parsed - extracted)
            total.append(parsed - started)
        }
        let lines = [
            "alex-morgan-software-engineer.pdf (\(bytes.count) bytes, 2 pages, \(first.text.count) characters of text),"
                + " 200 runs one after another.",
            "pdftotext runs as a child process under prlimit for every run: most of the time is its start-up.",
            "",
            BenchReport.row(["step", "p50", "p99", "max"]),
            BenchReport.row(["pdftotext (child process)"] + BenchReport.percentiles(extraction, [50, 99, 100])),
            BenchReport.row(["ResumeTextParser.parse"] + BenchReport.percentiles(parsing, [50, 99, 100])),
            BenchReport.row(["both"] + BenchReport.percentiles(total, [50, 99, 100])),
        ]
        Self.report.record(order: 1, title: "PDF résumé through the deterministic path", lines: lines)
    }

    @Test("GET /profile under 64 concurrent connections (wrk), the real profile-service binary")
    func profileReadsUnderLoad() async throws {
        // The binary built beside this test bundle (release in bench-suites.sh), run as
        // main runs it: its own process, default pool sizes, logging at error.
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let binary = folder.appendingPathComponent("profile-service").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build profile-service first")
        let port = FreePort.find()
        var environment = ProcessInfo.processInfo.environment
        environment.merge([
            "DATABASE_URL": try TestEnvironment.databaseURL(), "REDIS_URL": try TestEnvironment.redisURL(),
            "PORT": String(port), "HOST": "127.0.0.1", "INTERNAL_SECRET": TestEnvironment.internalSecret,
            "LOG_LEVEL": "error", "AI_SERVICE_URL": ProfileServiceHarness.closedURL(),
        ]) { $1 }
        let pid = try ChildProcess.spawn(binary, [], environment: environment)
        defer {
            kill(pid, SIGTERM)
            _ = ChildProcess.wait(pid)
        }
        let base = "http://127.0.0.1:\(port)"
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        let deadline = ContinuousClock.now + .seconds(30)
        while (try? await http.data(for: CurlRequest(method: "GET", url: base + "/health")).0.status) != 200 {
            try #require(ContinuousClock.now < deadline, "profile-service did not start")
            try await Task.sleep(for: .milliseconds(100))
        }
        let user = UUID()
        let token = ProfileServiceHarness.tokens.issue(
            for: RequestIdentity(userId: user, roles: ["user"], service: "gateway"), audience: "profile-service")
        let text = try Data(contentsOf: Self.fixtures.appendingPathComponent("alex-morgan-software-engineer.txt"))
        let (imported, _) = try await http.data(
            for: CurlRequest(
                method: "POST", url: base + "/profile/imports/resume?filename=cv.txt&useModel=false",
                headers: [(InternalTokens.header, token), ("Content-Type", "text/plain")], body: .bytes(Array(text))))
        #expect(imported.status == 201)
        // wrk from Debian's package: a separate load generator.
        let output = try ChildProcess.run(
            "/usr/bin/env",
            ["wrk", "-t2", "-c64", "-d10s", "--latency", "-H", "\(InternalTokens.header): \(token)", base + "/profile"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(!output.stdout.contains("Non-2xx"), "\(output.stdout)")
        let lines =
            [
                "The profile-service binary (DATABASE_POOL_MAX default 10) against the test PostgreSQL and Redis; one",
                "imported 2-page résumé (a 9.9 KB document); wrk -t2 -c64 -d10s with an internal token. wrk, PostgreSQL",
                "and the service share the machine's CPUs.",
                "",
            ] + output.stdout.split(separator: "\n").map(String.init)
        Self.report.record(order: 3, title: "GET /profile, 64 concurrent connections", lines: lines)
    }
}
