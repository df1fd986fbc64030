import Contracts
import Database
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import JobService

/// `GET /jobs/applications`: most recently changed first in keyset pages,
/// filtered by status and by follow-ups due.
@Suite struct ApplicationListTests {
    typealias Harness = JobServiceHarness
    typealias Tracker = ApplicationHarness

    @Test func pagesFollowTheLastChangeAndNeverRepeatOrSkip() async throws {
        let user = UUID()
        try await Tracker.test { client, _ in
            var created: [String] = []
            for index in 0..<5 {
                created.append(try await Tracker.trackExternal(client, user: user, title: "Role \(index)").id)
            }
            // Touching the oldest brings it to the front.
            try await Tracker.move(client, user: user, created[0], to: .applied)
            let expected = [created[0], created[4], created[3], created[2], created[1]]

            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let query = "?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await Tracker.list(client, user: user, query: query)
                #expect(page.items.count <= 2)
                seen += page.items.map(\.id)
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == expected)
            #expect(try await Tracker.list(client, user: user).items.map(\.id) == expected)
            #expect(try await Tracker.list(client, user: user, query: "?limit=5").nextCursor == nil)
        }
    }

    @Test func filtersByStatus() async throws {
        let user = UUID()
        try await Tracker.test { client, _ in
            let saved = try await Tracker.trackExternal(client, user: user)
            let applied = try await Tracker.trackExternal(client, user: user, status: .applied)
            let interviewing = try await Tracker.trackExternal(client, user: user, status: .applied)
            try await Tracker.move(client, user: user, interviewing.id, to: .interview)

            let onlyApplied = try await Tracker.list(client, user: user, query: "?status=applied")
            #expect(onlyApplied.items.map(\.id) == [applied.id])
            let several = try await Tracker.list(client, user: user, query: "?status=saved,interview")
            #expect(Set(several.items.map(\.id)) == [saved.id, interviewing.id])
            let none = try await Tracker.list(client, user: user, query: "?status=no_response")
            #expect(none.items.isEmpty)
        }
    }

    @Test func dueListsOpenFollowUpsOnOrBeforeTheDay() async throws {
        let user = UUID()
        try await Tracker.test { client, _ in
            func track(_ followUp: String?, status: ApplicationStatus = .applied) async throws -> String {
                let followUpField = followUp.map { #", "followUpOn": "\#($0)""# } ?? ""
                return try await Tracker.create(
                    client, user: user,
                    #"{"job": {"title": "T", "company": "C"}, "status": "\#(status.rawValue)"\#(followUpField)}"#
                ).id
            }
            let first = try await track("2025-04-01", status: .saved)
            let onTheDay = try await track("2025-04-05")
            _ = try await track("2025-04-10")
            _ = try await track(nil)
            let closed = try await track("2025-04-02")
            try await Tracker.move(client, user: user, closed, to: .rejected)

            let due = try await Tracker.list(client, user: user, query: "?due=2025-04-05")
            #expect(Set(due.items.map(\.id)) == [first, onTheDay])
            let earlier = try await Tracker.list(client, user: user, query: "?due=2025-04-01")
            #expect(earlier.items.map(\.id) == [first])
            let combined = try await Tracker.list(client, user: user, query: "?due=2025-12-31&status=saved")
            #expect(combined.items.map(\.id) == [first])
            // Clearing the follow-up takes it off the list.
            let cleared = try await Tracker.patch(client, user: user, first, #"{"followUpOn": null}"#)
            #expect(cleared.status == .ok)
            let afterClearing = try await Tracker.list(client, user: user, query: "?due=2025-04-05")
            #expect(afterClearing.items.map(\.id) == [onTheDay])
        }
    }

    @Test func badQueryParametersAreNamed() async throws {
        let user = UUID()
        try await Tracker.test { client, _ in
            let cases: [(query: String, pointers: [String])] = [
                ("?due=2025-02-30", ["/due"]), ("?due=tomorrow", ["/due"]), ("?status=hired", ["/status"]),
                ("?limit=0", ["/limit"]), ("?limit=201", ["/limit"]), ("?limit=ten", ["/limit"]),
                ("?cursor=not-a-cursor", ["/cursor"]), ("?status=applied,nope&limit=-1", ["/status", "/limit"]),
            ]
            for (query, pointers) in cases {
                let response = try await Tracker.get(client, user: user, "/jobs/applications" + query)
                #expect(response.status == .badRequest, "\(query)")
                let problem = try Tracker.problem(response)
                #expect(problem.errors?.map(\.pointer) == pointers, "\(query)")
            }
            #expect(try await Tracker.list(client, user: user, query: "?limit=200").items.isEmpty)
        }
    }

    @Test func aCursorRoundTripsToTheMicrosecond() throws {
        let id = UUID()
        let instant = Date(timeIntervalSince1970: 1_743_500_000.123456)
        let cursor = ApplicationCursor(updatedAt: instant, id: id)
        let decoded = try #require(ApplicationCursor(cursor.text))
        #expect(decoded == cursor)
        #expect(decoded.updatedAt.postgresText == "2025-04-01T09:33:20.123456Z")
        #expect(!cursor.text.contains("=") && !cursor.text.contains("+") && !cursor.text.contains("/"))
    }
}
