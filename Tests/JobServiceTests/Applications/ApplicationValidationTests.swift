import Contracts
import Database
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import JobService

/// Every bad field is a 400 naming it (all of them at once), and a refused
/// request writes nothing.
@Suite struct ApplicationValidationTests {
    typealias Harness = JobServiceHarness
    typealias Tracker = ApplicationHarness

    static let badCreations: [(body: String, pointers: [String])] = [
        ("{}", ["/jobId"]),
        (#"{"jobId": "nope"}"#, ["/jobId"]),
        (#"{"jobId": 12}"#, ["/jobId"]),
        (#"{"jobId": "\#(UUID())", "job": {"title": "T", "company": "C"}}"#, ["/job"]),
        (#"{"job": {"title": "T", "company": "C"}, "status": "hired"}"#, ["/status"]),
        (#"{"job": {"title": "T", "company": "C"}, "status": "interview"}"#, ["/status"]),
        (#"{"job": {"title": "T", "company": "C"}, "status": null}"#, ["/status"]),
        (#"{"job": {"title": "T", "company": "C"}, "note": "\#(String(repeating: "a", count: 5001))"}"#, ["/note"]),
        (#"{"job": {"title": "T", "company": "C"}, "note": 5}"#, ["/note"]),
        (#"{"job": {"title": "T", "company": "C"}, "followUpOn": "2025-02-30"}"#, ["/followUpOn"]),
        (#"{"job": {"title": "T", "company": "C"}, "followUpOn": "2025-13-01"}"#, ["/followUpOn"]),
        (#"{"job": {"title": "T", "company": "C"}, "followUpOn": "04/10/2025"}"#, ["/followUpOn"]),
        (#"{"job": {"title": "T", "company": "C"}, "followUpOn": 20250410}"#, ["/followUpOn"]),
        (#"{"job": {"title": "T", "company": "C"}, "resumeVersionId": "v1"}"#, ["/resumeVersionId"]),
        (#"{"job": {"title": "T", "company": "C"}, "colour": "blue"}"#, ["/colour"]),
        (#"{"job": {}}"#, ["/job/title", "/job/company"]),
        (#"{"job": {"title": "  ", "company": "C"}}"#, ["/job/title"]),
        (#"{"job": "Engineer at Acme"}"#, ["/job"]),
        (#"{"job": {"title": "T", "company": "C", "applyUrl": "javascript:alert(1)"}}"#, ["/job/applyUrl"]),
        (#"{"job": {"title": "T", "company": "C", "workplace": "moon"}}"#, ["/job/workplace"]),
        (#"{"job": {"title": "T", "company": "C", "locations": [1]}}"#, ["/job/locations"]),
        (#"{"job": {"title": "T", "company": "C", "employmentType": "gig"}}"#, ["/job/employmentType"]),
        (#"{"job": {"title": "T", "company": "C", "salary": 10}}"#, ["/job/salary"]),
        (
            #"{"jobId": "y", "status": "hired", "note": 5, "followUpOn": "x", "resumeVersionId": 1}"#,
            ["/status", "/resumeVersionId", "/note", "/followUpOn", "/jobId"]
        ),
        ("[]", [""]),
    ]

    @Test func badCreationsNameEveryFieldAndWriteNothing() async throws {
        let user = UUID()
        try await Tracker.test { client, pool in
            for (body, pointers) in Self.badCreations {
                try await client.execute(
                    uri: "/jobs/applications", method: .post, headers: Harness.headers(user: user),
                    body: Harness.json(body)
                ) { response in
                    #expect(response.status == .badRequest, "\(body)")
                    let problem = try Tracker.problem(response)
                    #expect(problem.errors?.map(\.pointer) == pointers, "\(body)")
                }
            }
            try await client.execute(
                uri: "/jobs/applications", method: .post, headers: Harness.headers(user: user),
                body: Harness.json(#"{"job": {"title": "T""#)
            ) { #expect($0.status == .badRequest) }
            let rows = try await pool.query("SELECT count(*) AS n FROM applications WHERE user_id = \(user)")
            #expect(try rows.first?.decode(Int.self, "n") == 0)
            // The limits themselves are accepted.
            let longest = try await Tracker.create(
                client, user: user,
                #"{"job": {"title": "T", "company": "C"}, "note": "\#(String(repeating: "a", count: 5000))"}"#)
            #expect(longest.note?.count == 5000)
        }
    }

    @Test func badChangesNameEveryFieldAndChangeNothing() async throws {
        let user = UUID()
        try await Tracker.test { client, _ in
            let created = try await Tracker.create(
                client, user: user, #"{"job": {"title": "T", "company": "C"}, "note": "Keep me"}"#)
            let cases: [(body: String, pointers: [String]?)] = [
                ("{}", nil),
                (#"{"status": "hired"}"#, ["/status"]),
                (#"{"status": null}"#, ["/status"]),
                (#"{"note": 42}"#, ["/note"]),
                (#"{"followUpOn": "2025-02-29"}"#, ["/followUpOn"]),
                (#"{"resumeVersionId": "latest"}"#, ["/resumeVersionId"]),
                (#"{"stage": "applied"}"#, ["/stage"]),
                (#"{"status": "applied", "followUpOn": "soon"}"#, ["/followUpOn"]),
                (#"{"status": "applied", "note": "\#(String(repeating: "b", count: 5001))"}"#, ["/note"]),
            ]
            for (body, pointers) in cases {
                let response = try await Tracker.patch(client, user: user, created.id, body)
                #expect(response.status == .badRequest, "\(body)")
                let problem = try Tracker.problem(response)
                #expect(problem.errors?.map(\.pointer) == pointers, "\(body)")
            }
            #expect(try await Tracker.application(client, user: user, created.id) == created)
            // A leap day is a real date.
            let leap = try await Tracker.patch(client, user: user, created.id, #"{"followUpOn": "2024-02-29"}"#)
            #expect(leap.status == .ok)
            #expect(try Harness.decode(JobApplication.self, leap).followUpOn == "2024-02-29")
            // A malformed id names no application.
            #expect(try await Tracker.get(client, user: user, "/jobs/applications/42").status == .notFound)
        }
    }

    @Test func theUpdateContractKeepsAbsentAndNullApart() throws {
        let decoder = JSONDecoder()
        let absent = try decoder.decode(JobApplicationUpdate.self, from: Data(#"{"status": "offer"}"#.utf8))
        #expect(absent == JobApplicationUpdate(status: .offer))
        #expect(absent.followUpOn == nil)
        let cleared = try decoder.decode(JobApplicationUpdate.self, from: Data(#"{"followUpOn": null}"#.utf8))
        #expect(cleared.followUpOn == .some(nil))
        let encoded = String(decoding: try JSONEncoder().encode(cleared), as: UTF8.self)
        #expect(encoded == #"{"followUpOn":null}"#)
    }
}
