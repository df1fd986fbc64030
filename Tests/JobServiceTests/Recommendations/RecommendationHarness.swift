import Contracts
import Database
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ServiceKit
import TestSupport
import Testing

@testable import JobService

/// job-service built as `main` builds it, on a database of its own, with
/// profile-service at a fake (or a closed port), plus a pool on that database
/// to arrange postings, applications and vectors behind the API.
enum RecommendationHarness {
    typealias Harness = JobServiceHarness

    static func test(
        profileService: String = Harness.closedURL(),
        _ body: @Sendable (any TestClientProtocol, DatabasePool) async throws -> Void
    ) async throws {
        let url = try await TestEnvironment.makeFreshDatabase(prefix: "jobs")
        var settings = try Harness.settings(databaseURL: url, extra: ["PROFILE_SERVICE_URL": profileService])
        // Set directly too: the URL is only read from the environment for services job-service is listed as calling.
        settings.common.serviceURLs[ServiceDescriptor.profileService.name] = profileService
        let app = try await buildApplication(settings, logger: TestEnvironment.logger)
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

    /// Saves postings as ingestion does; returns their ids by external id.
    @discardableResult
    static func save(_ pool: DatabasePool, _ postings: [NormalizedPosting]) async throws -> [String: UUID] {
        _ = try await PostingStore(database: pool).save(
            postings, skillText: { _ in "" }, sourceKey: nil, closeMissing: false)
        let rows = try await pool.query(
            "SELECT id, external_id FROM postings WHERE external_id = ANY(\(postings.map(\.externalId)))")
        var ids: [String: UUID] = [:]
        for row in rows { ids[try row.decode("external_id")] = try row.decode("id") }
        return ids
    }

    /// A tracked application of `user` for `posting`, as the tracker stores it.
    static func track(_ pool: DatabasePool, user: UUID, posting: UUID) async throws {
        try await pool.query(
            """
            INSERT INTO applications (id, user_id, posting_id, job_snapshot, status)
            VALUES (\(UUID()), \(user), \(posting), '{}'::jsonb, 'applied')
            """)
    }

    static func storeVector(_ pool: DatabasePool, posting: UUID, model: String, vector: [Float]) async throws {
        try await pool.query(
            """
            INSERT INTO posting_embeddings (posting_id, model, dimensions, vector, text_hash)
            VALUES (\(posting), \(model), \(vector.count), \(vector.map(Double.init))::real[], 'test')
            """)
    }

    static func recommendations(
        _ client: any TestClientProtocol, user: UUID, query: String = ""
    ) async throws -> JobRecommendationPage {
        try await client.execute(
            uri: "/jobs/recommendations" + query, method: .get, headers: Harness.headers(user: user)
        ) { response in
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            return try Harness.decode(JobRecommendationPage.self, response)
        }
    }

    /// A profile with skills (levels by number or years), target roles and preferences.
    static func resume(
        skills: [ProfileSkill], targetRoles: [String] = [], preferences: JobPreferences? = nil, label: String? = nil
    ) -> Resume {
        Resume(
            basics: label.map { Resume.Basics(name: "Ada", label: $0) },
            careergini: CareerginiExtension(skills: skills, targetRoles: targetRoles, preferences: preferences))
    }
}
