import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@testable import ProfileService

/// `POST /profile/imports/github` against the fake GitHub: the account becomes
/// a source, re-importing an unchanged account changes nothing, and GitHub's
/// errors become clear answers that change nothing.
@Suite(.serialized) struct GitHubImportRoutesTests {
    typealias Harness = ProfileServiceHarness

    @Test func importsAnAccountThenAnswersGitHubsErrors() async throws {
        let user = UUID()
        let login = "octo-\(UInt32.random(in: 0...UInt32.max))"
        try await FakeGitHub.run { fake in
            fake.addUser(
                FakeGitHub.User(
                    login: login, name: "Octo Cat", blog: "octo.example.com", location: "Berlin, Germany",
                    bio: "Builds things.", repositories: FakeGitHub.generatedRepositories(count: 12, forks: 2)))
            try await Harness.test(extra: ["GITHUB_API_URL": fake.baseURL]) { client in
                let body = ByteBuffer(string: #"{"username": "\#(login)"}"#)
                try await client.execute(
                    uri: "/profile/imports/github", method: .post, headers: Harness.headers(user: user), body: body
                ) { response in
                    #expect(response.status == .created)
                    let record = try Harness.decode(ProfileImportRecord.self, response)
                    #expect(record.kind == .github)
                    #expect(record.label == login)
                    #expect(record.counts["repositories"] == 10)
                    #expect((record.changes.added["x-careergini/skills"] ?? 0) > 0)
                }
                try await client.execute(
                    uri: "/profile/imports/github", method: .post, headers: Harness.headers(user: user), body: body
                ) { response in
                    #expect(response.status == .ok)
                    let record = try Harness.decode(ProfileImportRecord.self, response)
                    #expect(record.status == .unchanged)
                }
                try await client.execute(uri: "/profile", method: .get, headers: Harness.headers(user: user)) {
                    response in
                    let profile = try Harness.decode(Resume.self, response)
                    #expect(profile.basics?.name == "Octo Cat")
                    #expect(profile.basics?.profiles?.first?.username == login)
                    let swift = profile.careergini?.skills?.first { $0.id == "swift" }
                    #expect(swift?.evidence?.first?.source == "github")
                    #expect(swift?.evidence?.first?.text?.contains("repositories, last pushed") == true)
                }

                try await client.execute(
                    uri: "/profile/imports/github", method: .post, headers: Harness.headers(user: user),
                    body: ByteBuffer(string: #"{"username": "nobody-here-\#(login)"}"#)
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
                fake.exhaustRateLimit(until: Date().addingTimeInterval(600))
                try await client.execute(
                    uri: "/profile/imports/github", method: .post, headers: Harness.headers(user: user),
                    body: ByteBuffer(string: #"{"username": "other-\#(login)"}"#)
                ) { response in
                    #expect(response.status == .serviceUnavailable)
                    let retryAfter = Int(response.headers[.retryAfter] ?? "") ?? 0
                    #expect((590...601).contains(retryAfter))
                }
                try await client.execute(uri: "/profile/imports", method: .get, headers: Harness.headers(user: user)) {
                    response in
                    let list = try Harness.decode(ImportsController.ImportList.self, response)
                    #expect(list.items.map(\.status) == [.failed, .failed, .unchanged, .succeeded])
                }
            }
        }
    }
}
