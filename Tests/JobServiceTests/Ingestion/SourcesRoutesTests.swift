import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RedisKit
import TestSupport
import Testing

@testable import JobService

/// `GET /jobs/sources` and `POST /jobs/sources/{id}/sync` against real
/// PostgreSQL and Redis and a fake Greenhouse.
@Suite struct SourcesRoutesTests {
    typealias Harness = JobServiceHarness

    /// job-service over a fresh database, reading the sources file given and
    /// Greenhouse at `greenhouse`; `namespace` is its Redis prefix.
    private func test(
        greenhouse: String, _ body: @Sendable (any TestClientProtocol, _ namespace: String) async throws -> Void
    ) async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sources-\(UUID().uuidString).json")
        try Data(
            """
            {"sources": [
                {"provider": "greenhouse", "board": "acme", "name": "Acme"},
                {"provider": "greenhouse", "board": "gone", "name": "Gone Inc"},
                {"provider": "lever", "board": "globex", "name": "Globex", "enabled": false},
                {"provider": "adzuna", "board": "swift developer", "name": "Adzuna: Swift"}
            ]}
            """.utf8
        ).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let url = try await TestEnvironment.makeFreshDatabase(prefix: "jobs")
        let namespace = try Harness.settings(databaseURL: url).redisNamespace
        try await Harness.test(
            extra: ["DATABASE_URL": url, "JOB_SOURCES_FILE": file.path, "GREENHOUSE_API_URL": greenhouse]
        ) { client in
            try await body(client, namespace)
        }
    }

    private func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    private func sync(
        _ client: any TestClientProtocol, _ id: String, roles: [String] = ["user", "admin"]
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/jobs/sources/\(id)/sync", method: .post, headers: Harness.headers(user: UUID(), roles: roles)
        ) { $0 }
    }

    @Test func everyConfiguredSourceIsListedWithNullsUntilItRuns() async throws {
        try await test(greenhouse: Harness.closedURL()) { client, _ in
            let response = try await client.execute(
                uri: "/jobs/sources", method: .get, headers: Harness.headers(user: UUID())
            ) { $0 }
            #expect(response.status == .ok)
            let items = try #require(try object(response)["items"] as? [[String: Any]])
            #expect(
                items.map { $0["id"] as? String } == [
                    "greenhouse:acme", "greenhouse:gone", "lever:globex", "adzuna:swift developer",
                ])
            let acme = items[0]
            #expect(acme["provider"] as? String == "greenhouse" && acme["board"] as? String == "acme")
            #expect(acme["name"] as? String == "Acme" && acme["enabled"] as? Bool == true)
            #expect(acme["available"] as? Bool == true)
            for key in [
                "lastRunAt", "lastSuccessAt", "lastStatus", "lastError", "lastDurationMs", "fetched", "created",
                "updated", "unchanged", "closed", "rejected", "nextRunAt",
            ] {
                #expect(acme[key] is NSNull, "\(key) should be null before the first run")
            }
            #expect(items[2]["enabled"] as? Bool == false)
            #expect(items[3]["available"] as? Bool == false)

            // A service acting on its own behalf may read them too.
            let service = try await client.execute(
                uri: "/jobs/sources", method: .get, headers: Harness.headers(user: nil, roles: [])
            ) { $0.status }
            #expect(service == .ok)
        }
    }

    @Test func syncRequiresTheAdminRoleAndAKnownRunnableSource() async throws {
        try await test(greenhouse: Harness.closedURL()) { client, _ in
            let user = try await sync(client, "greenhouse:acme", roles: ["user"])
            #expect(user.status == .forbidden)
            #expect(String(buffer: user.body).contains("admin role"))

            let unknown = try await sync(client, "greenhouse:nobody")
            #expect(unknown.status == .notFound)
            #expect(String(buffer: unknown.body).contains("greenhouse:nobody"))

            #expect(try await sync(client, "lever:globex").status == .conflict)
            let adzuna = try await sync(client, "adzuna:swift%20developer")
            #expect(adzuna.status == .conflict)
            #expect(String(buffer: adzuna.body).contains("ADZUNA_APP_ID"))
        }
    }

    @Test func anAdminSyncRunsTheSourceAndAnswersItsReport() async throws {
        try await FakeGreenhouse.run { board in
            board.setBoard("acme", postings: FakeJobPosting.numbered(2, company: "Acme"))
            try await test(greenhouse: board.baseURL) { client, _ in
                let response = try await sync(client, "greenhouse:acme")
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let report = try object(response)
                #expect(report["sourceId"] as? String == "greenhouse:acme")
                #expect(report["status"] as? String == "succeeded")
                #expect(report["fetched"] as? Int == 2 && report["created"] as? Int == 2)
                #expect(report["rejectedCount"] as? Int == 0 && (report["rejected"] as? [Any])?.isEmpty == true)

                let listed = try await client.execute(
                    uri: "/jobs/sources", method: .get, headers: Harness.headers(user: UUID())
                ) { try object($0) }
                let acme = try #require((listed["items"] as? [[String: Any]])?.first)
                #expect(acme["lastStatus"] as? String == "succeeded" && acme["created"] as? Int == 2)
                #expect(acme["lastRunAt"] is String && acme["lastSuccessAt"] is String)
                #expect(acme["lastError"] is NSNull && acme["nextRunAt"] is NSNull)
            }
        }
    }

    @Test func aBoardThatCannotBeReadIsABadGatewayWithItsError() async throws {
        try await FakeGreenhouse.run { board in
            // The fake knows no board "gone": Greenhouse's 404.
            try await test(greenhouse: board.baseURL) { client, _ in
                let response = try await sync(client, "greenhouse:gone")
                #expect(response.status == .badGateway)
                let problem = try Harness.decode(Problem.self, response)
                #expect(problem.detail == "Greenhouse board 'gone': not found (HTTP 404)")

                let listed = try await client.execute(
                    uri: "/jobs/sources", method: .get, headers: Harness.headers(user: UUID())
                ) { try object($0) }
                let gone = try #require((listed["items"] as? [[String: Any]])?[1])
                #expect(gone["lastStatus"] as? String == "failed")
                #expect(gone["lastError"] as? String == "Greenhouse board 'gone': not found (HTTP 404)")
                #expect(gone["lastSuccessAt"] is NSNull)
            }
        }
    }

    @Test func aSyncWhileTheSourceIsRunningIsAConflict() async throws {
        try await test(greenhouse: Harness.closedURL()) { client, namespace in
            let redis = try TestEnvironment.makeRedis(commandTimeout: .seconds(5))
            try await redis.set(namespace + "source-lock:greenhouse:acme", to: "the-scheduler", expiresIn: .seconds(30))
            let response = try await sync(client, "greenhouse:acme")
            try await redis.delete(namespace + "source-lock:greenhouse:acme")
            await redis.close()
            #expect(response.status == .conflict)
            #expect(String(buffer: response.body).contains("being synced already"))
        }
    }
}
