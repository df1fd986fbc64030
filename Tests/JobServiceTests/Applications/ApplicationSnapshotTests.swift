import Contracts
import Database
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import JobService

/// What the user applied to stays as it was: the snapshot outlives the posting
/// closing, being edited at its board, and disappearing.
@Suite struct ApplicationSnapshotTests {
    typealias Tracker = ApplicationHarness

    @Test func theSnapshotKeepsThePostingAsItWasWhenSaved() async throws {
        let user = UUID()
        try await Tracker.test { client, pool in
            let posting = try await Tracker.insertPosting(
                pool, title: "Backend Engineer", company: "Initech", description: "Own the billing API.")
            let created = try await Tracker.track(client, user: user, posting: posting, status: .applied)
            let job = created.job
            #expect(job.id == posting.uuidString.lowercased())
            #expect(job.title == "Backend Engineer")
            #expect(job.company == "Initech")
            #expect(job.description == "Own the billing API.")
            #expect(job.locations == ["Berlin, Germany"])
            #expect(job.workplace == .hybrid)
            #expect(job.salary == Job.Salary(min: 70000, max: 90000, currency: "EUR", period: "year"))
            #expect(job.requiredSkills == ["swift"])
            #expect(job.seniority == "senior")
            #expect(job.source == "greenhouse")
            #expect(!job.closed)

            // The board edits the posting, then stops listing it.
            try await pool.query(
                """
                UPDATE postings SET title = 'Principal Backend Engineer', description = 'Changed.',
                    salary_min = 1, closed_at = now(), updated_at = now()
                WHERE id = \(posting)
                """)
            let later = try await Tracker.application(client, user: user, created.id)
            #expect(later.job == job)
            #expect(try await Tracker.list(client, user: user).items.first?.job.title == "Backend Engineer")

            // A closed posting can still be tracked by someone else, snapshotted as it is now.
            let other = try await Tracker.track(client, user: UUID(), posting: posting)
            #expect(other.job.title == "Principal Backend Engineer")
            #expect(other.job.closed)

            // Even when the posting row goes, the application and its snapshot stay.
            try await pool.query("DELETE FROM postings WHERE id = \(posting)")
            let orphan = try await Tracker.application(client, user: user, created.id)
            #expect(orphan.jobId == nil)
            #expect(orphan.job == job)
        }
    }
}
