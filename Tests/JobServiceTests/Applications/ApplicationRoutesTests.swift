import Contracts
import Database
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ServiceKit
import Testing

@testable import JobService

/// The tracker's routes against real PostgreSQL: the life of an application,
/// its history, duplicates, isolation between users and the GDPR routes.
@Suite struct ApplicationRoutesTests {
    typealias Harness = JobServiceHarness
    typealias Tracker = ApplicationHarness

    @Test func createsReadsListsUpdatesAndDeletesAnApplication() async throws {
        let user = UUID()
        try await Tracker.test { client, pool in
            let posting = try await Tracker.insertPosting(pool, title: "Senior iOS Engineer")
            let resume = UUID()
            let created = try await Tracker.create(
                client, user: user,
                """
                {"jobId": "\(posting)", "status": "applied", "resumeVersionId": "\(resume)",
                 "note": "  Referred by Sam  ", "followUpOn": "2025-04-10"}
                """)
            #expect(created.jobId == posting.uuidString.lowercased())
            #expect(created.job.title == "Senior iOS Engineer")
            #expect(created.job.descriptionHtml == "<p>Build the app.</p>")
            #expect(created.status == .applied)
            #expect(created.nextStatuses == [.noResponse, .response, .interview, .rejected, .withdrawn])
            #expect(created.resumeVersionId == resume.uuidString.lowercased())
            #expect(created.note == "Referred by Sam")
            #expect(created.followUpOn == "2025-04-10")
            #expect(created.history?.map(\.to) == [.applied])
            #expect(created.history?.first?.from == nil)
            #expect(created.history?.first?.note == "Referred by Sam")

            let read = try await Tracker.application(client, user: user, created.id)
            #expect(read == created)

            let page = try await Tracker.list(client, user: user)
            #expect(page.items.map(\.id) == [created.id])
            #expect(page.items.first?.history == nil)
            // Lists leave the HTML description out, as posting lists do.
            #expect(page.items.first?.job.descriptionHtml == nil)
            #expect(page.items.first?.job.description == "Build the app.")
            #expect(page.nextCursor == nil)

            let updated = try await Tracker.move(client, user: user, created.id, to: .interview, note: "Call on Monday")
            #expect(updated.status == .interview)
            #expect(updated.note == "Call on Monday")
            #expect(updated.updatedAt >= created.updatedAt)
            #expect(updated.history?.map(\.to) == [.applied, .interview])

            // Clearing fields with null, and a note alone, are not status events.
            let cleared = try await Tracker.patch(
                client, user: user, created.id, #"{"followUpOn": null, "resumeVersionId": null, "note": "Prepare"}"#)
            #expect(cleared.status == .ok)
            let afterClearing = try Harness.decode(JobApplication.self, cleared)
            #expect(afterClearing.followUpOn == nil)
            #expect(afterClearing.resumeVersionId == nil)
            #expect(afterClearing.note == "Prepare")
            #expect(afterClearing.history?.count == 2)

            try await client.execute(
                uri: "/jobs/applications/\(created.id)", method: .delete, headers: Harness.headers(user: user)
            ) { #expect($0.status == .noContent) }
            #expect(try await Tracker.get(client, user: user, "/jobs/applications/\(created.id)").status == .notFound)
            #expect(try await Tracker.list(client, user: user).items.isEmpty)
            let events = try await pool.query(
                "SELECT count(*) AS n FROM application_events WHERE application_id = \(UUID(uuidString: created.id)!)")
            #expect(try events.first?.decode(Int.self, "n") == 0)
            // The posting itself is not the user's to delete.
            #expect(try await pool.query("SELECT id FROM postings WHERE id = \(posting)").count == 1)
        }
    }

    @Test func aJobFoundElsewhereIsTrackedFromWhatTheUserSays() async throws {
        let user = UUID()
        try await Tracker.test { client, _ in
            let created = try await Tracker.create(
                client, user: user,
                """
                {"job": {"title": "Staff Engineer", "company": "Globex", "applyUrl": "https://globex.example/jobs/7",
                         "locations": ["Remote"], "workplace": "remote", "employmentType": "contract",
                         "description": "Lead the platform."}}
                """)
            #expect(created.jobId == nil)
            #expect(created.status == .saved)
            #expect(created.job.id == created.id)
            #expect(created.job.source == "manual")
            #expect(created.job.title == "Staff Engineer")
            #expect(created.job.company == "Globex")
            #expect(created.job.applyUrl == "https://globex.example/jobs/7")
            #expect(created.job.locations == ["Remote"])
            #expect(created.job.workplace == .remote)
            #expect(created.job.employmentType == "contract")
            #expect(created.job.description == "Lead the platform.")
            // Jobs added by hand never clash with each other.
            let second = try await Tracker.trackExternal(client, user: user, title: "Staff Engineer")
            #expect(second.id != created.id)
        }
    }

    @Test func historyRecordsEveryStatusChangeWithItsNoteInOrder() async throws {
        let user = UUID()
        try await Tracker.test { client, _ in
            let created = try await Tracker.trackExternal(client, user: user)
            let before = Date().addingTimeInterval(-1)
            try await Tracker.move(client, user: user, created.id, to: .applied, note: "Sent the tailored résumé")
            try await Tracker.move(client, user: user, created.id, to: .applied, note: "Same status: no event")
            try await Tracker.move(client, user: user, created.id, to: .response)
            try await Tracker.move(client, user: user, created.id, to: .interview, note: "Onsite on the 12th")
            let after = Date().addingTimeInterval(1)
            let history = try #require(try await Tracker.application(client, user: user, created.id).history)
            #expect(history.map(\.from) == [nil, .saved, .applied, .response])
            #expect(history.map(\.to) == [.saved, .applied, .response, .interview])
            #expect(history.map(\.note) == [nil, "Sent the tailored résumé", nil, "Onsite on the 12th"])
            #expect(zip(history, history.dropFirst()).allSatisfy { $0.at <= $1.at })
            #expect(history.dropFirst().allSatisfy { $0.at >= before.addingTimeInterval(-1) && $0.at <= after })
        }
    }

    @Test func aPostingIsTrackedOncePerUserAndAnUnknownPostingIsRefused() async throws {
        let user = UUID()
        let other = UUID()
        try await Tracker.test { client, pool in
            let posting = try await Tracker.insertPosting(pool)
            let first = try await Tracker.track(client, user: user, posting: posting)
            try await client.execute(
                uri: "/jobs/applications", method: .post, headers: Harness.headers(user: user),
                body: Harness.json(#"{"jobId": "\#(posting)", "status": "applied"}"#)
            ) { response in
                #expect(response.status == .conflict)
                let problem = try Tracker.problem(response)
                #expect(problem.detail?.contains(first.id) == true)
            }
            // Another user may track the same posting.
            _ = try await Tracker.track(client, user: other, posting: posting)
            try await client.execute(
                uri: "/jobs/applications", method: .post, headers: Harness.headers(user: user),
                body: Harness.json(#"{"jobId": "\#(UUID())"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Tracker.problem(response)
                #expect(problem.errors?.map(\.pointer) == ["/jobId"])
            }
            #expect(try await Tracker.list(client, user: user).items.map(\.id) == [first.id])
        }
    }

    @Test func anotherUsersApplicationIsNotFound() async throws {
        let owner = UUID()
        let intruder = UUID()
        try await Tracker.test { client, _ in
            let created = try await Tracker.trackExternal(client, user: owner)
            let uri = "/jobs/applications/\(created.id)"
            #expect(try await Tracker.get(client, user: intruder, uri).status == .notFound)
            let patched = try await Tracker.patch(
                client, user: intruder, created.id, #"{"status": "applied", "note": "hijacked"}"#)
            #expect(patched.status == .notFound)
            try await client.execute(uri: uri, method: .delete, headers: Harness.headers(user: intruder)) {
                #expect($0.status == .notFound)
            }
            #expect(try await Tracker.list(client, user: intruder).items.isEmpty)
            #expect(try await Tracker.list(client, user: intruder, query: "?due=2100-01-01").items.isEmpty)
            let stats = try Harness.decode(
                JobApplicationStats.self, try await Tracker.get(client, user: intruder, "/jobs/applications/stats"))
            #expect(stats.total == 0)
            // The owner's application is exactly as it was.
            #expect(try await Tracker.application(client, user: owner, created.id) == created)
            // Without a user there is nothing to act for.
            try await client.execute(
                uri: "/jobs/applications", method: .get, headers: Harness.headers(user: nil)
            ) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func theGDPRExportCarriesApplicationsWithHistoryAndDeleteForgetsThem() async throws {
        let user = UUID()
        let bystander = UUID()
        try await Tracker.test { client, pool in
            let posting = try await Tracker.insertPosting(pool)
            let tracked = try await Tracker.track(client, user: user, posting: posting, status: .applied)
            try await Tracker.move(client, user: user, tracked.id, to: .interview, note: "Round one")
            let external = try await Tracker.trackExternal(client, user: user)
            let kept = try await Tracker.trackExternal(client, user: bystander)

            let userPath = "/internal/users/\(user.uuidString.lowercased())"
            try await client.execute(uri: userPath + "/export", method: .get, headers: Harness.headers(user: user)) {
                response in
                #expect(response.status == .ok)
                let export = try Harness.decode(UserDataExport<JobUserData>.self, response)
                let applications = export.data.applications
                #expect(Set(applications.map(\.id)) == [tracked.id, external.id])
                let withHistory = try #require(applications.first { $0.id == tracked.id })
                #expect(withHistory.history?.map(\.to) == [.applied, .interview])
                #expect(withHistory.history?.last?.note == "Round one")
                #expect(withHistory.job.title == "iOS Engineer")
            }
            try await client.execute(uri: userPath, method: .delete, headers: Harness.headers(user: user)) {
                #expect($0.status == .noContent)
            }
            #expect(try await Tracker.list(client, user: user).items.isEmpty)
            let left = try await pool.query(
                """
                SELECT count(*) AS n FROM application_events
                WHERE application_id IN (\(UUID(uuidString: tracked.id)!), \(UUID(uuidString: external.id)!))
                """)
            #expect(try left.first?.decode(Int.self, "n") == 0)
            #expect(try await Tracker.list(client, user: bystander).items.map(\.id) == [kept.id])
        }
    }
}
