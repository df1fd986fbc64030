import Contracts
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

/// Timing numbers for profile-service, run by `scripts/bench-suites.sh`: a
/// two-page PDF résumé through the deterministic path, and `GET /profile`
/// under 64 concurrent connections (wrk). Skipped unless `CAREERGINI_BENCH=1`;
/// results are printed and written to `bench-results/profile.txt`.
@Suite(
    "profile-service benchmarks", .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["CAREERGINI_BENCH"] == "1"))
struct ProfileBenchmarks {
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
            Bench.row(["step", "p50", "p99", "max"]),
            Bench.row(["pdftotext (child process)"] + Bench.percentiles(extraction)),
            Bench.row(["ResumeTextParser.parse"] + Bench.percentiles(parsing)),
            Bench.row(["both"] + Bench.percentiles(total)),
        ]
        Bench.record(order: 1, title: "PDF résumé through the deterministic path", lines: lines)
    }

    @Test("GET /profile under 64 concurrent connections (wrk), the real app on a live port")
    func profileReadsUnderLoad() async throws {
        let app = try await buildApplication(
            try ProfileServiceHarness.settings(extra: ["DATABASE_POOL_MAX": "10"]), logger: TestEnvironment.logger)
        let user = UUID()
        let token = ProfileServiceHarness.tokens.issue(
            for: RequestIdentity(userId: user, roles: ["user"], service: "gateway"), audience: "profile-service")
        let output = try await app.test(.live) { client in
            let port = try #require(client.port)
            let text = try String(
                contentsOf: Self.fixtures.appendingPathComponent("alex-morgan-software-engineer.txt"), encoding: .utf8)
            try await client.execute(
                uri: "/profile/imports/resume?filename=cv.txt&useModel=false", method: .post,
                headers: ProfileServiceHarness.headers(user: user, contentType: "text/plain"),
                body: ByteBuffer(string: text)
            ) { #expect($0.status == .created) }
            // wrk from Debian's package; a separate process, so the load generator
            // doesn't share this process's threads.
            return try ChildProcess.run(
                "/usr/bin/env",
                [
                    "wrk", "-t2", "-c64", "-d10s", "--latency", "-H", "\(InternalTokens.header): \(token)",
                    "http://localhost:\(port)/profile",
                ])
        }
        #expect(output.status == 0, "\(output.stderr)")
        #expect(!output.stdout.contains("Non-2xx"), "\(output.stdout)")
        let lines =
            [
                "profile-service as main builds it (test PostgreSQL and Redis, DATABASE_POOL_MAX 10) on a live port; one",
                "imported 2-page résumé; wrk -t2 -c64 -d10s with an internal token; client and server share the CPUs.",
                "",
            ] + output.stdout.split(separator: "\n").map(String.init)
        Bench.record(order: 3, title: "GET /profile, 64 concurrent connections", lines: lines)
    }
}

/// Formatting and the `bench-results/profile.txt` report.
enum Bench {
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.2f ms", (Double(seconds) + Double(attoseconds) / 1e18) * 1e3)
    }

    static func percentiles(_ samples: [Duration]) -> [String] {
        let sorted = samples.sorted()
        func rank(_ percent: Double) -> Duration {
            sorted[min(max(Int((percent / 100 * Double(sorted.count)).rounded(.up)), 1), sorted.count) - 1]
        }
        return [milliseconds(rank(50)), milliseconds(rank(99)), milliseconds(sorted.last ?? .zero)]
    }

    static func row(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            let width = index == 0 ? 36 : 13
            let padding = String(repeating: " ", count: max(0, width - cell.count))
            return index == 0 ? cell + padding : padding + cell
        }.joined()
    }

    private static let sections = SectionStore()

    static func record(order: Int, title: String, lines: [String]) {
        let section = (["## \(title)"] + lines).joined(separator: "\n") + "\n"
        print("\n" + section)
        let all = sections.set(order, section)
        #if DEBUG
        let build = "debug build"
        #else
        let build = "release build"
        #endif
        let header =
            "CareerGini profile-service benchmarks — \(Date().formatted(.iso8601)) — "
            + "\(ProcessInfo.processInfo.activeProcessorCount) CPUs — \(build)\n"
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("bench-results", isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? ([header] + all).joined(separator: "\n").write(
            to: folder.appendingPathComponent("profile.txt"), atomically: true, encoding: .utf8)
    }

    final class SectionStore: Sendable {
        private let sections = Mutex<[Int: String]>([:])

        func set(_ order: Int, _ section: String) -> [String] {
            sections.withLock {
                $0[order] = section
                return $0.sorted { $0.key < $1.key }.map(\.value)
            }
        }
    }
}
