import Foundation
import RedisKit
import TestSupport
import Testing

@testable import JobService

@Suite struct SourceRunnerTests {
    @Test func aRunStoresTheBoardsPostingsAndRecordsCountsAndStatus() async throws {
        try await IngestionFixture.with { fixture in
            try await FakeGreenhouse.run { board in
                board.setBoard("acme", postings: FakeJobPosting.numbered(3, company: "Acme"))
                let runner = fixture.runner([GreenhouseConnector(baseURL: board.baseURL, http: fixture.boardHTTP)])
                let source = IngestionFixture.source("greenhouse", "acme", name: "Acme")
                let next = Date(timeIntervalSince1970: 1_900_000_000)
                let outcome = await runner.run(source, nextRunAt: next)
                let report = try #require(outcome.report)
                #expect(report.status == .succeeded && report.error == nil)
                #expect(report.fetched == 3 && report.created == 3 && report.rejectedCount == 0)
                #expect(try await fixture.openIds("greenhouse:acme") == ["100001", "100002", "100003"])

                let status = try #require(try await fixture.status("greenhouse:acme"))
                #expect(status.lastStatus == "succeeded" && status.lastError == nil)
                #expect(status.fetched == 3 && status.created == 3 && status.updated == 0 && status.closed == 0)
                #expect(status.lastRunAt != nil && status.lastSuccessAt != nil && status.lastDurationMs != nil)
                #expect(status.nextRunAt == next)
                #expect(fixture.changes.value == 1)
            }
        }
    }

    @Test func aFailingBoardIsRecordedAsFailedWhileTheOtherSourcesStillSucceed() async throws {
        try await IngestionFixture.with { fixture in
            try await FakeGreenhouse.run { board in
                board.setBoard("broken", postings: FakeJobPosting.numbered(2, company: "Broken"))
                board.setBoard("acme", postings: FakeJobPosting.numbered(2, firstId: 200_001, company: "Acme"))
                let runner = fixture.runner(
                    [GreenhouseConnector(baseURL: board.baseURL, http: fixture.boardHTTP)], concurrency: 1)
                let broken = IngestionFixture.source("greenhouse", "broken")
                let acme = IngestionFixture.source("greenhouse", "acme")

                // A success first, so the failure must keep its time.
                _ = await runner.run(broken, nextRunAt: nil)
                let succeededAt = try #require(try await fixture.status(broken.id)?.lastSuccessAt)

                // Both attempts of the broken board's request answer 500; the second source runs after it.
                board.failNext(2, status: 500)
                let outcomes = await runner.runAll([broken, acme], nextRunAt: nil)
                let failed = try #require(outcomes[0].report)
                #expect(failed.status == .failed)
                #expect(failed.error == "Greenhouse board 'broken': server error (HTTP 500) (after 2 attempts)")
                #expect(failed.boardError?.code == .server)
                #expect(outcomes[1].report?.status == .succeeded && outcomes[1].report?.created == 2)

                let status = try #require(try await fixture.status(broken.id))
                #expect(status.lastStatus == "failed" && status.lastError == failed.error)
                #expect(status.lastSuccessAt == succeededAt && status.lastRunAt! > succeededAt)
                #expect(status.fetched == 0 && status.created == 0)
                // The failed fetch closed nothing.
                #expect(try await fixture.openIds(broken.id).count == 2)
                #expect(try await fixture.status(acme.id)?.lastStatus == "succeeded")
            }
        }
    }

    @Test func aSecondRunClosesThePostingsTheBoardNoLongerListsAndCountsThem() async throws {
        try await IngestionFixture.with { fixture in
            try await FakeGreenhouse.run { board in
                let postings = FakeJobPosting.numbered(3, company: "Acme")
                board.setBoard("acme", postings: postings)
                let runner = fixture.runner([GreenhouseConnector(baseURL: board.baseURL, http: fixture.boardHTTP)])
                let source = IngestionFixture.source("greenhouse", "acme")
                _ = await runner.run(source, nextRunAt: nil)

                board.setBoard("acme", postings: Array(postings.prefix(2)))
                let report = try #require(await runner.run(source, nextRunAt: nil).report)
                #expect(report.closed == 1 && report.unchanged == 2 && report.created == 0)
                #expect(try await fixture.openIds(source.id) == ["100001", "100002"])
                #expect(try await fixture.status(source.id)?.closed == 1)
            }
        }
    }

    @Test func aBoardAnsweringOnlyMalformedRowsClosesNothingButAnEmptyBoardClosesEverything() async throws {
        try await IngestionFixture.with { fixture in
            try await FakeGreenhouse.run { board in
                board.setBoard("acme", postings: FakeJobPosting.numbered(3, company: "Acme"))
                let runner = fixture.runner([GreenhouseConnector(baseURL: board.baseURL, http: fixture.boardHTTP)])
                let source = IngestionFixture.source("greenhouse", "acme")
                _ = await runner.run(source, nextRunAt: nil)

                board.setBoard("acme", [.raw(#"{"id": "not a number", "title": 42}"#), .raw(#""oops""#)])
                let malformed = try #require(await runner.run(source, nextRunAt: nil).report)
                #expect(malformed.status == .partial && malformed.fetched == 2 && malformed.rejectedCount == 2)
                #expect(malformed.closed == 0)
                #expect(try await fixture.openIds(source.id).count == 3)
                #expect(try await fixture.status(source.id)?.lastStatus == "partial")

                board.setBoard("acme", postings: [])
                let empty = try #require(await runner.run(source, nextRunAt: nil).report)
                #expect(empty.status == .succeeded && empty.closed == 3)
                #expect(try await fixture.openIds(source.id) == [])
            }
        }
    }

    @Test func draftsTheNormaliserRejectsAllOfCloseNothingEither() async throws {
        try await IngestionFixture.with { fixture in
            let connector = ScriptedConnector([
                .fetch(
                    ConnectorFetch(
                        postings: [DraftFixtures.draft("1"), DraftFixtures.draft("2")], rejected: [], requests: 1)),
                .fetch(ConnectorFetch(postings: [DraftFixtures.draft("1", company: "")], rejected: [], requests: 1)),
            ])
            let runner = fixture.runner([connector])
            let source = IngestionFixture.source("greenhouse", "acme")
            _ = await runner.run(source, nextRunAt: nil)
            let report = try #require(await runner.run(source, nextRunAt: nil).report)
            #expect(report.status == .partial && report.closed == 0)
            #expect(report.rejected == [RejectedRow(reference: "1 (Backend Engineer)", reason: "company: is empty")])
            #expect(try await fixture.openIds(source.id) == ["1", "2"])
        }
    }

    @Test func aSourceAlreadyRunningIsBusyAndASourceWithoutAConnectorFailsReadably() async throws {
        try await IngestionFixture.with { fixture in
            let connector = ScriptedConnector(drafts: [DraftFixtures.draft("1")])
            let runner = fixture.runner([connector])
            let source = IngestionFixture.source("greenhouse", "acme")
            try await fixture.redis.set(fixture.namespace + "source-lock:greenhouse:acme", to: "someone-else")
            #expect(await runner.run(source, nextRunAt: nil) == .busy)
            #expect(connector.fetchCount == 0)
            try await fixture.redis.delete(fixture.namespace + "source-lock:greenhouse:acme")

            let adzuna = IngestionFixture.source("adzuna", "swift developer")
            let report = try #require(await runner.run(adzuna, nextRunAt: nil).report)
            #expect(report.status == .failed)
            #expect(report.error == "Adzuna needs ADZUNA_APP_ID and ADZUNA_APP_KEY; they are not set")
            // The lock was released after the run.
            #expect(try await fixture.redis.exists(fixture.namespace + "source-lock:adzuna:swift developer") == false)
        }
    }

    @Test func sourcesRunConcurrentlyButNeverMoreThanTheLimitAtOnce() async throws {
        try await IngestionFixture.with { fixture in
            let slow = ScriptedConnector(provider: "lever", pause: .milliseconds(300), drafts: [])
            let runner = fixture.runner([slow], concurrency: 2)
            let sources = (1...5).map { IngestionFixture.source("lever", "board\($0)") }
            let outcomes = await runner.runAll(sources, nextRunAt: nil)
            #expect(outcomes.map(\.report?.sourceId) == sources.map(\.id))
            #expect(outcomes.allSatisfy { $0.report?.status == .succeeded })
            #expect(slow.fetchCount == 5 && slow.maxInFlight == 2)
        }
    }
}
