import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@testable import ProfileService

/// What an OAuth sign-in says (name, verified e-mail, picture) fills the profile
/// until something better does: a résumé outranks it, the user's edits outrank
/// everything, and a sign-in that says nothing new leaves no history.
@Suite(.serialized) struct SignInIdentityTests {
    typealias Harness = ProfileServiceHarness

    static func identity(_ name: String, email: String? = "jane@example.com") -> ByteBuffer {
        ByteBuffer(
            bytes: try! JSONEncoder().encode(
                SignInIdentity(
                    provider: "linkedin", name: name, email: email,
                    pictureURL: "https://media.example.com/jane.jpg")))
    }

    @Test func theSignInIdentityIsTheLowestPrioritySource() async throws {
        let user = UUID()
        try await Harness.test { client in
            try await client.execute(
                uri: "/internal/profile/identity", method: .put, headers: Harness.headers(user: user),
                body: Self.identity("Jane Q. Doe")
            ) { response in
                #expect(response.status == .ok)
                let record = try Harness.decode(ProfileImportRecord.self, response)
                #expect(record.status == .succeeded)
            }
            // The same sign-in again: unchanged, and not in the history.
            try await client.execute(
                uri: "/internal/profile/identity", method: .put, headers: Harness.headers(user: user),
                body: Self.identity("Jane Q. Doe")
            ) { response in
                let record = try Harness.decode(ProfileImportRecord.self, response)
                #expect(record.status == .unchanged)
            }
            var profile = try await Self.profile(client, user)
            #expect(profile.basics?.name == "Jane Q. Doe")
            #expect(profile.basics?.image == "https://media.example.com/jane.jpg")

            // A résumé says more, and wins even though it is older than the next sign-in.
            try await client.execute(
                uri: "/profile/imports/resume?filename=cv.txt", method: .post,
                headers: Harness.headers(user: user, contentType: "text/plain"),
                body: ByteBuffer(string: ProfileRoutesTests.plainResume)
            ) { #expect($0.status == .created) }
            try await client.execute(
                uri: "/internal/profile/identity", method: .put, headers: Harness.headers(user: user),
                body: Self.identity("J. Doe")
            ) { #expect($0.status == .ok) }
            profile = try await Self.profile(client, user)
            #expect(profile.basics?.name == "Jane Doe")
            #expect(profile.basics?.email == "jane.doe@example.com")
            #expect(profile.basics?.image == "https://media.example.com/jane.jpg")

            try await client.execute(uri: "/profile/imports", method: .get, headers: Harness.headers(user: user)) {
                response in
                let list = try Harness.decode(ImportsController.ImportList.self, response)
                #expect(list.items.map(\.kind) == [.account, .resume, .account])
            }
            try await client.execute(
                uri: "/internal/profile/identity", method: .put, headers: Harness.headers(user: user),
                body: ByteBuffer(string: #"{"provider": "myspace", "name": "x"}"#)
            ) { #expect($0.status == .badRequest) }
        }
    }

    static func profile(_ client: some TestClientProtocol, _ user: UUID) async throws -> Resume {
        try await client.execute(uri: "/profile", method: .get, headers: Harness.headers(user: user)) { response in
            try Harness.decode(Resume.self, response)
        }
    }
}
