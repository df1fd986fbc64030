import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ServiceKit
import TestSupport
import Testing

@testable import ProfileService

/// The profile routes against real PostgreSQL and Redis: saving, patching,
/// importing, provenance, deleting sources, isolation and the GDPR routes.
@Suite(.serialized) struct ProfileRoutesTests {
    typealias Harness = ProfileServiceHarness

    static let plainResume = """
        Jane Doe
        Senior iOS Engineer
        jane.doe@example.com | +1 415 555 0134 | San Francisco, CA
        github.com/janedoe

        EXPERIENCE
        Acme Corp — Senior iOS Engineer
        Jan 2020 – Present
        • Rebuilt the checkout in Swift and SwiftUI, cutting crashes by 40%
        • Led a team of 4 engineers

        Globex — iOS Developer
        03/2016 - 12/2019
        • Shipped 12 releases of an Objective-C app

        EDUCATION
        University of Example — B.Sc. Computer Science, 2012–2016

        SKILLS
        Swift, SwiftUI, Objective-C, Git, CI/CD
        """

    static let savedProfile = """
        {"basics": {"name": "Jane Doe", "label": "iOS Engineer", "email": "jane@example.com"},
         "work": [{"name": "Acme Corp", "position": "Senior iOS Engineer", "startDate": "2020-01"}],
         "x-careergini": {"skills": [{"id": "swift", "level": 4}], "targetRoles": []}}
        """

    @Test func savesReadsAndPatchesWithVersions() async throws {
        let user = UUID()
        try await Harness.test { client in
            try await client.execute(uri: "/profile", method: .get, headers: Harness.headers(user: user)) { response in
                #expect(response.status == .notFound)
            }
            var etag = ""
            try await client.execute(
                uri: "/profile", method: .put, headers: Harness.headers(user: user),
                body: Harness.json(Self.savedProfile)
            ) { response in
                #expect(response.status == .ok)
                etag = response.headers[.eTag] ?? ""
                let document = try Harness.document(response)
                #expect(document["basics"]?["label"] == .string("iOS Engineer"))
            }
            #expect(!etag.isEmpty)
            var patchHeaders = Harness.headers(user: user, contentType: "application/merge-patch+json")
            patchHeaders[.ifMatch] = etag
            try await client.execute(
                uri: "/profile", method: .patch, headers: patchHeaders,
                body: Harness.json(#"{"basics": {"label": "Staff iOS Engineer", "email": null}}"#)
            ) { response in
                #expect(response.status == .ok)
                let document = try Harness.document(response)
                #expect(document["basics"]?["label"] == .string("Staff iOS Engineer"))
                #expect(document["basics"]?["email"] == nil)
                #expect(document["basics"]?["name"] == .string("Jane Doe"))
            }
            // The old ETag is stale now: a write based on it must not win.
            try await client.execute(
                uri: "/profile", method: .patch, headers: patchHeaders,
                body: Harness.json(#"{"basics": {"label": "Lost update"}}"#)
            ) { response in
                #expect(response.status == .preconditionFailed)
            }
            try await client.execute(uri: "/profile", method: .get, headers: Harness.headers(user: user)) { response in
                let document = try Harness.document(response)
                #expect(document["basics"]?["label"] == .string("Staff iOS Engineer"))
            }
        }
    }

    @Test func refusesInvalidDocumentsAndChangesNothing() async throws {
        let user = UUID()
        try await Harness.test { client in
            try await client.execute(
                uri: "/profile", method: .put, headers: Harness.headers(user: user),
                body: Harness.json(Self.savedProfile)
            ) { #expect($0.status == .ok) }
            let invalid = """
                {"basics": {"email": "not-an-email", "url": "ftp://x"},
                 "work": [{"name": "A", "startDate": "Jan 2020", "endDate": "2019-13"}],
                 "x-careergini": {"skills": [{"id": "no-such-skill", "level": 9}]}}
                """
            try await client.execute(
                uri: "/profile", method: .put, headers: Harness.headers(user: user), body: Harness.json(invalid)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try Harness.decode(Problem.self, response)
                let pointers = Set((problem.errors ?? []).map(\.pointer))
                #expect(
                    pointers == [
                        "/basics/email", "/basics/url", "/work/0/startDate", "/work/0/endDate",
                        "/x-careergini/skills/0/id", "/x-careergini/skills/0/level",
                    ])
            }
            for body in [#"[1, 2]"#, #"{"basics": "#, #"{"work": "not a list"}"#] {
                try await client.execute(
                    uri: "/profile", method: .patch, headers: Harness.headers(user: user), body: Harness.json(body)
                ) { response in
                    #expect((400..<500).contains(Int(response.status.code)), "\(body)")
                }
            }
            try await client.execute(uri: "/profile", method: .get, headers: Harness.headers(user: user)) { response in
                let document = try Harness.document(response)
                #expect(document["basics"]?["email"] == .string("jane@example.com"))
            }
        }
    }

    @Test func importsAResumeOnceAndKeepsTheUsersEditsAcrossSources() async throws {
        let user = UUID()
        try await Harness.test { client in
            let headers = Harness.headers(user: user, contentType: "text/plain")
            var sourceId = ""
            try await client.execute(
                uri: "/profile/imports/resume?filename=jane.txt", method: .post, headers: headers,
                body: ByteBuffer(string: Self.plainResume)
            ) { response in
                #expect(response.status == .created)
                let record = try Harness.decode(ProfileImportRecord.self, response)
                #expect(record.status == .succeeded)
                #expect(record.label == "jane.txt")
                #expect(record.counts["work"] == 2)
                #expect(record.changes.added["work"] == 2)
                #expect(record.llm?.used == false)
                sourceId = record.sourceId ?? ""
            }
            // The same file again changes nothing.
            try await client.execute(
                uri: "/profile/imports/resume?filename=jane-again.txt", method: .post, headers: headers,
                body: ByteBuffer(string: Self.plainResume)
            ) { response in
                #expect(response.status == .ok)
                let record = try Harness.decode(ProfileImportRecord.self, response)
                #expect(record.status == .unchanged)
                #expect(record.sourceId == sourceId)
            }
            var profile = JSONValue.null
            try await client.execute(uri: "/profile", method: .get, headers: Harness.headers(user: user)) {
                profile = try Harness.document($0)
            }
            let skills = (profile["x-careergini"]?["skills"]?.arrayItems ?? []).compactMap { $0["id"]?.stringValue }
            #expect(skills.contains("swift"))

            // The user's own edit…
            try await client.execute(
                uri: "/profile", method: .patch, headers: Harness.headers(user: user),
                body: Harness.json(#"{"basics": {"label": "Mobile Lead"}}"#)
            ) { #expect($0.status == .ok) }
            try await client.execute(
                uri: "/profile/provenance", method: .get, headers: Harness.headers(user: user)
            ) { response in
                let provenance = try Harness.decode(ProfileController.Provenance.self, response)
                #expect(provenance.fields["/basics/label"] == ["user"])
                #expect(provenance.fields["/basics/name"] == ["resume:\(sourceId)"])
                #expect(provenance.sources.map(\.id) == [sourceId])
            }
            // …survives a second résumé that says otherwise…
            let second =
                Self.plainResume.replacingOccurrences(of: "Senior iOS Engineer\njane", with: "iOS Expert\njane")
                + "\n\nPROJECTS\nPocketBudget — a SwiftUI budgeting app\n"
            try await client.execute(
                uri: "/profile/imports/resume?filename=v2.txt", method: .post, headers: headers,
                body: ByteBuffer(string: second)
            ) { #expect($0.status == .created) }
            try await client.execute(uri: "/profile", method: .get, headers: Harness.headers(user: user)) {
                profile = try Harness.document($0)
            }
            #expect(profile["basics"]?["label"] == .string("Mobile Lead"))
            // Both files name the same two jobs: still two jobs.
            #expect(profile["work"]?.arrayItems?.count == 2)

            // …and deleting the first source keeps it, and the second source's facts.
            try await client.execute(
                uri: "/profile/sources/\(sourceId)", method: .delete, headers: Harness.headers(user: user)
            ) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/profile", method: .get, headers: Harness.headers(user: user)) {
                profile = try Harness.document($0)
            }
            #expect(profile["basics"]?["label"] == .string("Mobile Lead"))
            #expect(profile["work"]?.arrayItems?.count == 2)
            try await client.execute(
                uri: "/profile/sources/\(sourceId)", method: .delete, headers: Harness.headers(user: user)
            ) { #expect($0.status == .notFound) }

            try await client.execute(uri: "/profile/imports", method: .get, headers: Harness.headers(user: user)) {
                response in
                let list = try Harness.decode(ImportsController.ImportList.self, response)
                #expect(list.items.map(\.status) == [.succeeded, .unchanged, .succeeded])
                // The deleted source's imports stay in the history, unlinked.
                #expect(list.items.last?.sourceId == nil)
            }
        }
    }

    @Test func refusesBadUploadsWithReasonsAndRecordsThem() async throws {
        let user = UUID()
        try await Harness.test { client in
            let headers = Harness.headers(user: user, contentType: "application/octet-stream")
            try await client.execute(uri: "/profile/imports/resume", method: .post, headers: headers) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(
                uri: "/profile/imports/resume?filename=x.pdf", method: .post, headers: headers,
                body: ByteBuffer(bytes: [0x00, 0x01, 0xFF, 0xFE, 0x00, 0x9C] + Array(repeating: 0x00, count: 64))
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(
                uri: "/profile/imports/linkedin", method: .post, headers: headers,
                body: ByteBuffer(string: "not a zip at all")
            ) { #expect($0.status == .unprocessableContent) }
            try await client.execute(
                uri: "/profile/imports/github", method: .post, headers: Harness.headers(user: user),
                body: Harness.json(#"{"username": "-bad--name-"}"#)
            ) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/profile", method: .get, headers: Harness.headers(user: user)) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/profile/imports", method: .get, headers: Harness.headers(user: user)) {
                response in
                let list = try Harness.decode(ImportsController.ImportList.self, response)
                #expect(list.items.map(\.status) == [.failed, .failed])
                #expect(list.items.allSatisfy { $0.error?.isEmpty == false })
            }
        }
    }

    @Test func oneUserNeverSeesAnothersProfile() async throws {
        let alice = UUID()
        let bob = UUID()
        try await Harness.test { client in
            var sourceId = ""
            try await client.execute(
                uri: "/profile/imports/resume?filename=a.txt", method: .post,
                headers: Harness.headers(user: alice, contentType: "text/plain"),
                body: ByteBuffer(string: Self.plainResume)
            ) { response in
                sourceId = try Harness.decode(ProfileImportRecord.self, response).sourceId ?? ""
            }
            for path in ["/profile", "/profile/export"] {
                try await client.execute(uri: path, method: .get, headers: Harness.headers(user: bob)) {
                    #expect($0.status == .notFound)
                }
            }
            try await client.execute(uri: "/profile/sources", method: .get, headers: Harness.headers(user: bob)) {
                response in
                let list = try Harness.decode(SourcesController.SourceList.self, response)
                #expect(list.items.isEmpty)
            }
            try await client.execute(uri: "/profile/imports", method: .get, headers: Harness.headers(user: bob)) {
                response in
                let list = try Harness.decode(ImportsController.ImportList.self, response)
                #expect(list.items.isEmpty)
            }
            try await client.execute(
                uri: "/profile/sources/\(sourceId)", method: .delete, headers: Harness.headers(user: bob)
            ) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/profile", method: .get, headers: Harness.headers(user: alice)) {
                #expect($0.status == .ok)
            }
        }
    }

    @Test func exportsAndForgetsEverythingForGDPR() async throws {
        let user = UUID()
        try await Harness.test { client in
            try await client.execute(
                uri: "/profile/imports/resume?filename=a.txt", method: .post,
                headers: Harness.headers(user: user, contentType: "text/plain"),
                body: ByteBuffer(string: Self.plainResume)
            ) { #expect($0.status == .created) }
            var internalHeaders = HTTPFields()
            internalHeaders[HTTPField.Name(InternalTokens.header)!] = Harness.tokens.issue(
                for: RequestIdentity(userId: user, roles: ["user"], service: "gateway"), audience: "profile-service")
            try await client.execute(
                uri: "/internal/users/\(user.uuidString.lowercased())/export", method: .get, headers: internalHeaders
            ) { response in
                #expect(response.status == .ok)
                let export = try Harness.document(response)
                #expect(export["data"]?["sources"]?.arrayItems?.count == 1)
                #expect(export["data"]?["imports"]?.arrayItems?.count == 1)
                #expect((export["data"]?["skills"]?.arrayItems?.count ?? 0) > 0)
            }
            try await client.execute(
                uri: "/internal/users/\(user.uuidString.lowercased())", method: .delete, headers: internalHeaders
            ) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/profile", method: .get, headers: Harness.headers(user: user)) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/profile/imports", method: .get, headers: Harness.headers(user: user)) {
                response in
                let list = try Harness.decode(ImportsController.ImportList.self, response)
                #expect(list.items.isEmpty)
            }
        }
    }
}
