import CurlHTTP
import Database
import Foundation
import Logging
import RedisKit
import Synchronization
import Taxonomy
import TestSupport

@testable import JobService

/// A fresh job-service database, the test Redis under a namespace of its own,
/// and runners over whichever connectors a test gives: ingestion tests talk to
/// the real stores, only the boards are fakes.
struct IngestionFixture: Sendable {
    static let taxonomy = try! Taxonomy.bundled()

    let database: JobDatabase
    let redis: RedisClient
    let namespace: String
    let http: CurlHTTPClient
    let changes: ChangeCounter

    static func with(_ body: (IngestionFixture) async throws -> Void) async throws {
        let database = try await JobDatabase.make()
        let fixture = IngestionFixture(
            database: database, redis: try TestEnvironment.makeRedis(commandTimeout: .seconds(5)),
            namespace: TestEnvironment.uniqueName("jobs") + ":", http: CurlHTTPClient(), changes: ChangeCounter())
        do {
            try await body(fixture)
        } catch {
            await fixture.close()
            throw error
        }
        await fixture.close()
    }

    private func close() async {
        http.shutdown()
        await redis.close()
        await database.close()
    }

    var store: PostingStore { PostingStore(database: database.pool) }
    var statuses: SourceStatusStore { SourceStatusStore(database: database.pool) }

    var ingestor: PostingIngestor {
        let changes = changes
        return PostingIngestor(
            store: store, normalizer: PostingNormalizer(taxonomy: Self.taxonomy), taxonomy: Self.taxonomy,
            onChange: { changes.increment() }, logger: TestEnvironment.logger)
    }

    func runner(_ connectors: [any JobBoardConnector], concurrency: Int = 4) -> SourceRunner {
        var runner = SourceRunner(
            connectors: JobBoardConnectors(connectors), ingestor: ingestor, statuses: statuses, redis: redis,
            namespace: namespace, logger: TestEnvironment.logger)
        runner.concurrency = concurrency
        return runner
    }

    /// Board HTTP that retries once, quickly: failure tests stay fast.
    var boardHTTP: JobBoardHTTP {
        JobBoardHTTP(
            client: http, retry: JobBoardHTTP.RetryPolicy(attempts: 2, baseDelay: .milliseconds(5)),
            timeouts: CurlRequest.Timeouts(connect: .seconds(2), total: .seconds(10)), logger: TestEnvironment.logger)
    }

    static func source(_ provider: String = "greenhouse", _ board: String, name: String? = nil) -> JobSource {
        JobSource(id: "\(provider):\(board)", provider: provider, board: board, name: name ?? board.capitalized)
    }

    /// The external ids of `sourceKey`'s open postings, sorted.
    func openIds(_ sourceKey: String) async throws -> [String] {
        let rows = try await database.pool.query(
            "SELECT external_id FROM postings WHERE source_key = \(sourceKey) AND closed_at IS NULL ORDER BY 1")
        return try rows.map { try $0.decode(String.self, "external_id") }
    }

    func status(_ id: String) async throws -> SourceStatus? {
        try await statuses.statuses(ids: [id])[id]
    }
}

/// Counts `onChange` calls.
final class ChangeCounter: Sendable {
    private let count = Mutex(0)

    func increment() { count.withLock { $0 += 1 } }

    var value: Int { count.withLock { $0 } }
}

/// A board scripted by the test: each fetch answers the next scripted result
/// (the last one repeats), after an optional pause, and counts itself.
final class ScriptedConnector: JobBoardConnector {
    enum Answer: Sendable {
        case fetch(ConnectorFetch)
        case failure(JobBoardError)
    }

    let provider: String
    private let answers: Mutex<[Answer]>
    private let fetches = Mutex((count: 0, inFlight: 0, maxInFlight: 0))
    let pause: Duration

    init(provider: String = "greenhouse", pause: Duration = .zero, _ answers: [Answer]) {
        self.provider = provider
        self.pause = pause
        self.answers = Mutex(answers)
    }

    convenience init(provider: String = "greenhouse", pause: Duration = .zero, drafts: [PostingDraft]) {
        self.init(
            provider: provider, pause: pause, [.fetch(ConnectorFetch(postings: drafts, rejected: [], requests: 1))])
    }

    var fetchCount: Int { fetches.withLock { $0.count } }
    /// The most fetches that were running at once.
    var maxInFlight: Int { fetches.withLock { $0.maxInFlight } }

    func fetch(_ source: JobSource) async throws -> ConnectorFetch {
        fetches.withLock {
            $0.count += 1
            $0.inFlight += 1
            $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
        }
        defer { fetches.withLock { $0.inFlight -= 1 } }
        if pause > .zero { try await Task.sleep(for: pause) }
        let answer = answers.withLock { answers in answers.count > 1 ? answers.removeFirst() : answers[0] }
        switch answer {
        case .fetch(let fetch): return fetch
        case .failure(let error): throw error
        }
    }
}

enum DraftFixtures {
    /// A valid draft of board `source` with id `id`.
    static func draft(
        _ id: String, title: String = "Backend Engineer", company: String = "Acme", source: String = "greenhouse",
        description: String = "<p>We use <b>Swift</b> and PostgreSQL.</p>"
    ) -> PostingDraft {
        PostingDraft(
            source: source, externalId: id, title: title, company: company, locations: ["Berlin, Germany"],
            descriptionHtml: description, applyUrl: "https://example.com/jobs/\(id)")
    }
}
