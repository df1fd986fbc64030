import Contracts
import CurlHTTP
import Database
import Foundation
import ServiceKit
import Synchronization
import Taxonomy
import TestSupport
import Testing

@testable import JobService

@Suite struct PostingEmbeddingWorkerTests {
    static let taxonomy = try! Taxonomy.bundled()

    /// A worker on a fresh database, calling the AI service at `ai`.
    private func withWorker(
        ai: String, _ body: (PostingEmbeddingWorker, DatabasePool) async throws -> Void
    ) async throws {
        let database = try await JobDatabase.make()
        let http = CurlHTTPClient()
        let worker = PostingEmbeddingWorker(
            database: database.pool,
            ai: AIServiceClient(
                client: InternalServiceClient(
                    service: "ai-service", baseURL: ai, http: http,
                    tokens: try InternalTokens(
                        secret: Array(TestEnvironment.internalSecret.utf8), service: "job-service"))),
            taxonomy: Self.taxonomy, interval: .milliseconds(100), logger: TestEnvironment.logger)
        do {
            try await body(worker, database.pool)
        } catch {
            http.shutdown()
            await database.close()
            throw error
        }
        http.shutdown()
        await database.close()
    }

    private func save(_ pool: DatabasePool, _ postings: [NormalizedPosting]) async throws -> [String: UUID] {
        try await RecommendationHarness.save(pool, postings)
    }

    private func jobs(_ pool: DatabasePool) async throws -> [UUID: (attempts: Int, wait: Double, error: String?)] {
        let rows = try await pool.query(
            """
            SELECT posting_id, attempts, extract(epoch FROM not_before - now())::float8 AS wait, last_error
            FROM posting_embedding_jobs
            """)
        var jobs: [UUID: (attempts: Int, wait: Double, error: String?)] = [:]
        for row in rows {
            jobs[try row.decode("posting_id")] = (
                try row.decode("attempts"), try row.decode("wait"), try row.decode("last_error")
            )
        }
        return jobs
    }

    @Test func newAndChangedOpenPostingsAreQueuedByTheTable() async throws {
        let posted = Date(timeIntervalSince1970: 1_750_000_000)
        try await withWorker(ai: JobServiceHarness.closedURL()) { _, pool in
            let ids = try await save(
                pool,
                [
                    PostingFixtures.posting(externalId: "a", title: "iOS Engineer", postedAt: posted),
                    PostingFixtures.posting(externalId: "b", title: "Data Engineer", postedAt: posted),
                ])
            #expect(Set(try await jobs(pool).keys) == Set(ids.values))
            try await pool.query("DELETE FROM posting_embedding_jobs")
            // Seen again unchanged: nothing to do.
            _ = try await save(
                pool,
                [
                    PostingFixtures.posting(externalId: "a", title: "iOS Engineer", postedAt: posted),
                    PostingFixtures.posting(externalId: "b", title: "Senior Data Engineer", postedAt: posted),
                ])
            #expect(Array(try await jobs(pool).keys) == [ids["b"]])
            // Closing is no change of content; a posting inserted closed is never queued.
            try await pool.query("DELETE FROM posting_embedding_jobs")
            try await pool.query("UPDATE postings SET closed_at = now() WHERE external_id = 'a'")
            try await pool.query(
                """
                INSERT INTO postings (source, external_id, title, company, closed_at)
                VALUES ('lever', 'gone', 'Old', 'Acme', now())
                """)
            #expect(try await jobs(pool).isEmpty)
        }
    }

    @Test func theWorkerStoresOneVectorPerPostingFromOneBatchedCall() async throws {
        try await FakeEmbeddingService.run { ai in
            try await withWorker(ai: ai.baseURL) { worker, pool in
                let ids = try await save(
                    pool,
                    [
                        PostingFixtures.posting(
                            externalId: "ios", title: "iOS Engineer", company: "Apple Farm",
                            description: "  Build the app.  ", requiredSkills: ["swift"], preferredSkills: ["xctest"]),
                        PostingFixtures.posting(externalId: "data", title: "Data Engineer", company: "Numbers"),
                    ])
                #expect(try await worker.drainOnce() == .finished(claimed: 2))
                #expect(ai.calls.count == 1)
                let call = try #require(ai.calls.first)
                #expect(call.identity.userId == nil && call.identity.service == "job-service")
                #expect(
                    call.texts.sorted() == [
                        "Data Engineer at Numbers\nBuild things.",
                        "iOS Engineer at Apple Farm\nSkills: Swift, XCTest\nBuild the app.",
                    ])
                let rows = try await pool.query(
                    "SELECT posting_id, model, dimensions, vector, text_hash FROM posting_embeddings")
                #expect(rows.count == 2)
                for row in rows {
                    let id: UUID = try row.decode("posting_id")
                    let text = try #require(call.texts.first { $0.hasPrefix(id == ids["ios"] ? "iOS" : "Data") })
                    #expect(try row.decode(String.self, "model") == FakeEmbeddingService.model)
                    #expect(try row.decode(Int.self, "dimensions") == FakeEmbeddingService.dimensions)
                    let stored = try row.decode([Double].self, "vector").map(Float.init)
                    #expect(stored == FakeEmbeddingService.vector(for: text))
                }
                #expect(try await jobs(pool).isEmpty)

                // Queued again with the same text (a reopened posting): no new call.
                try await pool.query("UPDATE postings SET content_hash = content_hash || 'x'")
                #expect(try await jobs(pool).count == 2)
                #expect(try await worker.drainOnce() == .finished(claimed: 2))
                #expect(ai.calls.count == 1)
                #expect(try await jobs(pool).isEmpty)
                #expect(try await worker.drainOnce() == .finished(claimed: 0))
            }
        }
    }

    @Test func withoutAModelJobsBackOffExponentiallyAndFinishOnceOneAnswers() async throws {
        try await FakeEmbeddingService.run { ai in
            ai.available = false
            try await withWorker(ai: ai.baseURL) { worker, pool in
                let ids = try await save(pool, [PostingFixtures.posting(externalId: "a", title: "iOS Engineer")])
                let id = try #require(ids["a"])
                guard case .postponed(claimed: 1, _) = try await worker.drainOnce() else {
                    Issue.record("expected the pass to be postponed")
                    return
                }
                var job = try #require(try await jobs(pool)[id])
                #expect(job.attempts == 1)
                // About 10 s from the failure; a loaded machine takes seconds to read it back.
                #expect((5...10.5).contains(job.wait))
                #expect(job.error?.contains("ai-service is unavailable") == true)
                // Not due yet: nothing is claimed, nothing asked.
                #expect(try await worker.drainOnce() == .finished(claimed: 0))
                #expect(ai.calls.count == 1)

                try await pool.query("UPDATE posting_embedding_jobs SET not_before = now()")
                _ = try await worker.drainOnce()
                job = try #require(try await jobs(pool)[id])
                #expect(job.attempts == 2)
                #expect((15...20.5).contains(job.wait))

                ai.available = true
                try await pool.query("UPDATE posting_embedding_jobs SET not_before = now()")
                #expect(try await worker.drainOnce() == .finished(claimed: 1))
                #expect(try await jobs(pool).isEmpty)
                let stored = try await pool.query("SELECT 1 FROM posting_embeddings WHERE posting_id = \(id)")
                #expect(stored.count == 1)
            }
        }
        #expect(PostingEmbeddingWorker.backoffSeconds(attempt: 1) == 10)
        #expect(PostingEmbeddingWorker.backoffSeconds(attempt: 4) == 80)
        #expect(PostingEmbeddingWorker.backoffSeconds(attempt: 9) == 2_560)
        #expect(PostingEmbeddingWorker.backoffSeconds(attempt: 10) == 3_600)
        #expect(PostingEmbeddingWorker.backoffSeconds(attempt: 40) == 3_600)
    }

    @Test func aPostingThatChangesWhileItIsEmbeddedStaysQueuedForItsNewText() async throws {
        let database = PoolBox()
        // The posting changes while the AI service works on its first text.
        let changePosting: @Sendable () async throws -> Void = {
            guard let pool = database.pool.withLock({ $0 }) else { return }
            try await pool.query("UPDATE postings SET title = 'Staff iOS Engineer', content_hash = 'changed'")
        }
        try await FakeEmbeddingService.run(duringCall: changePosting) { ai in
            try await withWorker(ai: ai.baseURL) { worker, pool in
                database.pool.withLock { $0 = pool }
                let ids = try await save(pool, [PostingFixtures.posting(externalId: "a", title: "iOS Engineer")])
                #expect(try await worker.drainOnce() == .finished(claimed: 1))
                // The vector of the text sent is stored; the newer text waits for its own.
                let rows = try await pool.query("SELECT text_hash FROM posting_embeddings")
                #expect(rows.count == 1)
                let queued = try await jobs(pool)
                #expect(Array(queued.keys) == [ids["a"]])
                #expect(queued.values.first?.attempts == 0)
                database.pool.withLock { $0 = nil }
                #expect(try await worker.drainOnce() == .finished(claimed: 1))
                #expect(ai.calls.last?.texts.first?.hasPrefix("Staff iOS Engineer") == true)
            }
        }
    }
}

/// The database a fake's callback writes to, set once the test has one.
private final class PoolBox: Sendable {
    let pool = Mutex<DatabasePool?>(nil)
}
