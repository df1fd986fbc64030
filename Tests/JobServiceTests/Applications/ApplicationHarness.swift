import Contracts
import Database
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ServiceKit
import TestSupport
import Testing

@testable import JobService

/// job-service's routes on a database of their own, plus a pool on that same
/// database for what a test arranges or checks behind the API: posting rows,
/// event times, rows left after a refused request.
enum ApplicationHarness {
    typealias Harness = JobServiceHarness

    static func test(_ body: @Sendable (any TestClientProtocol, DatabasePool) async throws -> Void) async throws {
        let url = try await TestEnvironment.makeFreshDatabase(prefix: "jobs")
        let app = try await buildApplication(
            try Harness.settings(databaseURL: url), logger: TestEnvironment.logger)
        let pool = DatabasePool(
            configuration: DatabaseConfiguration(
                url: url, minConnections: 0, maxConnections: 2, searchPath: ["jobs"],
                applicationName: "job-service-tests"),
            logger: TestEnvironment.logger)
        do {
            try await app.test(.router) { client in try await body(client, pool) }
        } catch {
            await pool.close()
            throw error
        }
        await pool.close()
    }

    /// A posting row written straight into the table (columns of migrations
    /// 0001 and 0002), as ingestion would leave it; returns its id.
    static func insertPosting(
        _ pool: DatabasePool, title: String = "iOS Engineer", company: String = "Acme",
        description: String = "Build the app.", closed: Bool = false
    ) async throws -> UUID {
        let rows = try await pool.query(
            """
            INSERT INTO postings (
                source, external_id, title, company, apply_url, posted_at, closed_at, locations, workplace,
                employment_type, salary_min, salary_max, salary_currency, salary_period, description,
                description_html, required_skills, preferred_skills, skill_ids, seniority, source_updated_at,
                source_key, dedupe_key)
            VALUES (
                'greenhouse', \(UUID().uuidString), \(title), \(company), 'https://boards.example.com/apply/1',
                '2025-03-01T09:00:00Z', \(closed ? Date() : nil), ARRAY['Berlin, Germany'], 'hybrid', 'full_time',
                70000, 90000, 'EUR', 'year', \(description), \("<p>\(description)</p>"), ARRAY['swift'],
                ARRAY['kotlin'], ARRAY['swift', 'kotlin'], 'senior', '2025-03-02T10:00:00Z', 'greenhouse:acme',
                \(company.lowercased() + "|" + title.lowercased()))
            RETURNING id
            """)
        return try #require(rows.first).decode(UUID.self, "id")
    }

    // MARK: - Requests

    static func create(
        _ client: any TestClientProtocol, user: UUID, _ body: String
    ) async throws -> JobApplication {
        try await client.execute(
            uri: "/jobs/applications", method: .post, headers: Harness.headers(user: user), body: Harness.json(body)
        ) { response in
            #expect(response.status == .created, "\(String(buffer: response.body))")
            return try Harness.decode(JobApplication.self, response)
        }
    }

    /// Creates an application for `posting` in `status` ("saved" or "applied").
    static func track(
        _ client: any TestClientProtocol, user: UUID, posting: UUID, status: ApplicationStatus = .saved
    ) async throws -> JobApplication {
        try await create(client, user: user, #"{"jobId": "\#(posting)", "status": "\#(status.rawValue)"}"#)
    }

    /// Creates an application for a job found elsewhere.
    static func trackExternal(
        _ client: any TestClientProtocol, user: UUID, title: String = "Platform Engineer",
        status: ApplicationStatus = .saved
    ) async throws -> JobApplication {
        try await create(
            client, user: user,
            #"{"job": {"title": "\#(title)", "company": "Elsewhere"}, "status": "\#(status.rawValue)"}"#)
    }

    static func patch(
        _ client: any TestClientProtocol, user: UUID, _ id: String, _ body: String
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/jobs/applications/\(id)", method: .patch, headers: Harness.headers(user: user),
            body: Harness.json(body)
        ) { $0 }
    }

    /// Moves an application to `status`, expecting success.
    @discardableResult
    static func move(
        _ client: any TestClientProtocol, user: UUID, _ id: String, to status: ApplicationStatus,
        note: String? = nil
    ) async throws -> JobApplication {
        let body = try String(
            buffer: Harness.encode(JobApplicationUpdate(status: status, note: note.map { .some($0) })))
        let response = try await patch(client, user: user, id, body)
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try Harness.decode(JobApplication.self, response)
    }

    static func get(_ client: any TestClientProtocol, user: UUID, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: Harness.headers(user: user)) { $0 }
    }

    static func application(
        _ client: any TestClientProtocol, user: UUID, _ id: String
    ) async throws -> JobApplication {
        let response = try await get(client, user: user, "/jobs/applications/\(id)")
        #expect(response.status == .ok)
        return try Harness.decode(JobApplication.self, response)
    }

    static func list(
        _ client: any TestClientProtocol, user: UUID, query: String = ""
    ) async throws -> JobApplicationPage {
        let response = try await get(client, user: user, "/jobs/applications" + query)
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try Harness.decode(JobApplicationPage.self, response)
    }

    static func problem(_ response: TestResponse) throws -> Problem {
        #expect(response.headers[.contentType] == Problem.mediaType)
        return try Harness.decode(Problem.self, response)
    }
}
