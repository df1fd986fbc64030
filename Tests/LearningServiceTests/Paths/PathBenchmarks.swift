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

@testable import LearningService

/// Building a 10-skill learning path (with its prerequisites) against the
/// shipped catalogue in PostgreSQL: the builder alone, the builder plus the
/// save, and `POST /learning/paths` through the router with profile-service
/// answering. Skipped unless `CAREERGINI_BENCH=1`; results go to
/// `bench-results/learning-paths.txt`.
@Suite(
    "learning-service path benchmarks", .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["CAREERGINI_BENCH"] == "1"))
struct PathBenchmarks {
    static let report = BenchReport(file: "learning-paths.txt", title: "learning-service paths")
    static let builds = 200
    static let skills = [
        "kubernetes", "terraform", "react", "typescript", "postgresql", "aws", "python", "go", "graphql", "redis",
    ]

    @Test("building a 10-skill path: p50/p99 over 200 builds")
    func tenSkillPath() async throws {
        let database = try await LearningDatabase.make()
        defer { Task { await database.close() } }
        let taxonomy = try Taxonomy.bundled()
        let resources = ResourceStore(database: database.pool)
        let sync = CatalogueSync(
            catalogue: try Catalogue.bundled(taxonomy: taxonomy), store: resources, logger: TestEnvironment.logger)
        try await sync.ensureLoaded()
        let builder = PathBuilder(
            taxonomy: taxonomy, resources: resources, ranker: ResourceRanker(taxonomy: taxonomy), catalogue: sync,
            discovery: nil)
        let store = PathStore(database: database.pool)
        let request = try PathRequest(
            body: .object(["skills": .array(Self.skills.map(JSONValue.string))]), taxonomy: taxonomy)
        let levels = ["linux": 3, "python": 2, "git": 3]
        let clock = ContinuousClock()
        var steps = 0
        for _ in 0..<10 { _ = try await builder.build(request, learnerLevels: levels) }

        var buildOnly: [Duration] = []
        for _ in 0..<Self.builds {
            buildOnly.append(
                try await clock.measure { steps = try await builder.build(request, learnerLevels: levels).steps.count })
        }
        var buildAndSave: [Duration] = []
        let user = UUID()
        for _ in 0..<Self.builds {
            buildAndSave.append(
                try await clock.measure {
                    _ = try await store.create(user, try await builder.build(request, learnerLevels: levels))
                })
        }

        // Through the router, profile-service (a fake) answering the learner's skills.
        let routed = Mutex<[Duration]>([])
        let body = #"{"skills": [\#(Self.skills.map { "\"\($0)\"" }.joined(separator: ", "))]}"#
        try await FakeProfileService.serve { profile in
            profile.setSkills([(id: "linux", level: 3), (id: "python", level: 2), (id: "git", level: nil)], for: user)
            try await LearningServiceHarness.test(
                extra: [
                    "DATABASE_URL": database.url, "PROFILE_SERVICE_URL": profile.baseURL,
                    "LEARNING_GITHUB_SEARCH": "false",
                ]
            ) { client in
                let headers = LearningServiceHarness.headers(user: user)
                for round in 0..<(Self.builds + 10) {
                    let started = clock.now
                    try await client.execute(
                        uri: "/learning/paths", method: .post, headers: headers, body: ByteBuffer(string: body)
                    ) { #expect($0.status == .created) }
                    if round >= 10 { routed.withLock { $0.append(clock.now - started) } }
                }
            }
        }

        #expect(steps > Self.skills.count)
        Self.report.record(
            order: 1, title: "Building a 10-skill path",
            lines: [
                "\(Self.skills.joined(separator: ", ")) for a learner holding Linux, Python and Git:",
                "\(steps) steps with prerequisites, one resources query, ranking per step, milestones;",
                "\(Self.builds) runs each after 10 warm-up runs, one at a time.",
                "",
                BenchReport.row(["what", "p50", "p99"]),
                BenchReport.row(["PathBuilder.build"] + BenchReport.percentiles(buildOnly)),
                BenchReport.row(["build + PathStore.create"] + BenchReport.percentiles(buildAndSave)),
                BenchReport.row(["POST /learning/paths (router)"] + BenchReport.percentiles(routed.withLock { $0 })),
            ])
    }
}
