import Database
import Foundation
import Testing

@testable import JobService

@Suite struct PostingIngestorTests {
    @Test func draftsAreNormalisedStoredAndCountedAndRejectionsNameTheRowAndWhy() async throws {
        try await IngestionFixture.with { fixture in
            let ingestor = fixture.ingestor
            let drafts = [
                DraftFixtures.draft("1"), DraftFixtures.draft("2", title: "Data Engineer"),
                DraftFixtures.draft("3", title: "   "), DraftFixtures.draft("4", company: ""),
            ]
            let first = try await ingestor.ingest(drafts, sourceKey: "greenhouse:acme", closeMissing: true)
            #expect(first.received == 4 && first.created == 2 && first.updated == 0 && first.closed == 0)
            #expect(
                first.rejected == [
                    RejectedRow(reference: "3", reason: "title: is empty"),
                    RejectedRow(reference: "4 (Backend Engineer)", reason: "company: is empty"),
                ])
            #expect(fixture.changes.value == 1)

            // The same board again: nothing rewritten, nobody told.
            let again = try await ingestor.ingest(drafts, sourceKey: "greenhouse:acme", closeMissing: true)
            #expect(again.created == 0 && again.unchanged == 2 && again.rejected.count == 2)
            #expect(fixture.changes.value == 1)

            // What is stored is the normalised posting, with the skills' search text.
            let rows = try await fixture.database.pool.query(
                "SELECT description, skill_ids, skill_text FROM postings WHERE external_id = '1'")
            let row = try #require(rows.first)
            #expect(try row.decode(String.self, "description") == "We use Swift and PostgreSQL.")
            let skills = try row.decode([String].self, "skill_ids")
            #expect(skills.contains("swift") && skills.contains("postgresql"))
            #expect(try row.decode(String.self, "skill_text").contains("Swift"))
        }
    }

    @Test func aBatchOfOnlyRejectedDraftsNeverClosesTheSourcesOpenPostings() async throws {
        try await IngestionFixture.with { fixture in
            let ingestor = fixture.ingestor
            _ = try await ingestor.ingest(
                [DraftFixtures.draft("1"), DraftFixtures.draft("2")], sourceKey: "greenhouse:acme", closeMissing: true)
            let broken = [DraftFixtures.draft("3", title: ""), DraftFixtures.draft("4", company: " ")]
            let report = try await ingestor.ingest(broken, sourceKey: "greenhouse:acme", closeMissing: true)
            #expect(report.closed == 0 && report.rejected.count == 2)
            #expect(try await fixture.openIds("greenhouse:acme") == ["1", "2"])

            // A board that really lists nothing has emptied: its postings close.
            let empty = try await ingestor.ingest([], sourceKey: "greenhouse:acme", closeMissing: true)
            #expect(empty.closed == 2)
            #expect(try await fixture.openIds("greenhouse:acme") == [])
        }
    }

    @Test func normalisationRunsOffTheCooperativePoolAndKeepsTheDraftsOrder() async throws {
        try await IngestionFixture.with { fixture in
            let description = String(
                repeating: """
                    <h2>About the role</h2><p>You will build <b>distributed systems</b> in Go and Kubernetes, \
                    with PostgreSQL &amp; Redis.</p><ul><li>5+ years of Python</li><li>Terraform is a plus</li></ul>
                    """, count: 8)
            let count = 300
            let drafts = (0..<count).map {
                DraftFixtures.draft(String($0), title: "Platform Engineer \($0)", description: description)
            }
            let clock = ContinuousClock()
            let started = clock.now
            let normalized = try await fixture.ingestor.normalize(drafts, now: Date())
            let elapsed = clock.now - started
            let ids = normalized.compactMap { try? $0.get().posting.externalId }
            #expect(ids == drafts.map(\.externalId))
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print(
                "PostingIngestor normalised \(count) postings in \(String(format: "%.2f", seconds)) s: "
                    + "\(Int(Double(count) / max(seconds, 0.000_001))) postings/s on "
                    + "\(ProcessInfo.processInfo.activeProcessorCount) CPUs")

            let report = try await fixture.ingestor.ingest(drafts, sourceKey: "greenhouse:big", closeMissing: true)
            #expect(report.created == count && report.rejected.isEmpty)
        }
    }
}
