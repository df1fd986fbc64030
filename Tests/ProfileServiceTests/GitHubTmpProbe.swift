import Contracts
import CurlHTTP
import Foundation
import RedisKit
import Taxonomy
import TestSupport
import Testing

@testable import ProfileService

@Suite struct GitHubTmpProbe {
    @Test func probe() async throws {
        let redis = try TestEnvironment.makeRedis(commandTimeout: .seconds(5))
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        try await FakeGitHub.run { fake in
            let login = GitHubImportTests.uniqueLogin()
            fake.addUser(FakeGitHub.User(login: login, repositories: FakeGitHub.generatedRepositories(count: 300, forks: 15, archived: 10, now: GitHubImportTests.reference)))
            let clock = ContinuousClock()
            let url = fake.baseURL + "/repos/\(login)/project-0/languages"
            let req = CurlRequest(url: url, headers: [(name: "User-Agent", value: "x")])
            _ = try await http.data(for: req)
            var t = try await clock.measure { for _ in 0..<289 { _ = try await http.data(for: req) } }
            print("PROBE 289 sequential GET languages: \(t)")
            t = try await clock.measure {
                try await withThrowingTaskGroup(of: Void.self) { g in
                    for w in 0..<8 { g.addTask { for _ in 0..<(289/8) { _ = try await http.data(for: req) }; _ = w } }
                    try await g.waitForAll()
                }
            }
            print("PROBE 289 GET languages, 8 concurrent: \(t)")
            let pageReq = CurlRequest(url: fake.baseURL + "/users/\(login)/repos?type=owner&sort=pushed&direction=desc&per_page=100&page=1", headers: [(name: "User-Agent", value: "x")])
            t = try await clock.measure { for _ in 0..<10 { _ = try await http.data(for: pageReq) } }
            print("PROBE 10 GET page: \(t)")
            let (_, body) = try await http.data(for: pageReq)
            t = try clock.measure { for _ in 0..<10 { _ = try JSONDecoder().decode([GitHubWire.Repository].self, from: Data(body)) } }
            print("PROBE 10 decode page (\(body.count) bytes): \(t)")
            t = try await clock.measure { for i in 0..<289 { _ = try await redis.getBytes("probe:\(i)") } }
            print("PROBE 289 redis GET: \(t)")
            let taxonomy = try Taxonomy.bundled()
            let client = GitHubClient(baseURL: fake.baseURL, token: nil, http: http, redis: nil, logger: TestEnvironment.logger)
            let importer = GitHubImporter(client: client, taxonomy: taxonomy)
            t = try await clock.measure { _ = try await importer.importProfile(username: login) }
            print("PROBE import without redis: \(t)")
            t = try await clock.measure { _ = try await importer.importProfile(username: login) }
            print("PROBE import without redis again: \(t)")
        }
        await redis.close()
    }
}
