import Database
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@testable import JobService

/// job-service's routes on a database of their own, with a pool on it for
/// checking what an import wrote (or that a refused one wrote nothing).
enum ImportRouteHarness {
    static func test(_ body: @Sendable (any TestClientProtocol, DatabasePool) async throws -> Void) async throws {
        let database = try await JobDatabase.make()
        do {
            let app = try await buildApplication(
                try JobServiceHarness.settings(databaseURL: database.url), logger: TestEnvironment.logger)
            try await app.test(.router) { client in try await body(client, database.pool) }
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    static func headers(roles: [String] = ["admin"], contentType: String = "application/json") -> HTTPFields {
        JobServiceHarness.headers(user: UUID(), roles: roles, contentType: contentType)
    }

    /// POSTs `body` to /jobs/import as an admin.
    static func post(
        _ client: any TestClientProtocol, _ body: String, contentType: String = "application/json",
        roles: [String] = ["admin"]
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/jobs/import", method: .post, headers: headers(roles: roles, contentType: contentType),
            body: ByteBuffer(string: body))
    }

    static func report(_ response: TestResponse) throws -> PostingImportReport {
        try JobServiceHarness.decode(PostingImportReport.self, response)
    }

    static func count(_ pool: DatabasePool) async throws -> Int {
        let rows = try await pool.query("SELECT count(*)::int AS n FROM postings")
        return try rows.first?.decode(Int.self, "n") ?? -1
    }

    static func postingId(_ pool: DatabasePool, externalId: String, source: String = "import") async throws -> UUID {
        let rows = try await pool.query(
            "SELECT id FROM postings WHERE source = \(source) AND external_id = \(externalId)")
        return try #require(rows.first).decode(UUID.self, "id")
    }
}
