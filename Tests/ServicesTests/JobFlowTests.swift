import Contracts
import CurlHTTP
import Database
import Foundation
import ServiceKit
import TestSupport
import Testing

/// Jobs across the real binaries, through the gateway, on a database of their
/// own: the bundled sample postings load on a first start with no network,
/// a user finds one, tracks an application, gets recommendations (also via the
/// AI service), another user can't see the application, and only an admin may
/// import postings.
@Suite("jobs across the real services", .serialized)
struct JobFlowTests {
    @Test("sample postings, search, tracking, recommendations and admin import through the gateway")
    func jobsThroughTheGateway() async throws {
        let database = try await TestEnvironment.makeFreshDatabase(prefix: "jobflow")
        // Its own Redis database: polling must not meet other suites' per-address rate limit.
        let redis = try TestEnvironment.redisURL().replacingOccurrences(
            of: #"/\d+$"#, with: "/8", options: .regularExpression)
        let suite = try RunningSuite(
            databaseURL: database,
            extraEnvironment: ["JOB_SAMPLE_DATA": "true", "REDIS_URL": redis, "LLM_WARM_UP": "false"])
        defer { _ = suite.terminate() }
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        try await suite.waitUntilReady(http)
        let gateway = GatewayClient(http: http, base: suite.url("gateway"))

        let alice = try await gateway.register("alice")
        let bob = try await gateway.register("bob")

        // The sample loads in the background after start.
        var page: JobSearchPage?
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let (status, body) = try await gateway.send("GET", "/api/v1/jobs?q=ios%20swift", token: alice)
            if status == 200, let found = try? gateway.decode(JobSearchPage.self, body), found.total > 0 {
                page = found
                break
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        let results = try #require(page, "no sample postings were searchable within 60 s")
        let first = try #require(results.items.first)
        #expect(first.sample)
        #expect(first.title.lowercased().contains("ios") || first.requiredSkills.contains("swift"))
        let (_, allBody) = try await gateway.send("GET", "/api/v1/jobs", token: alice)
        #expect(try gateway.decode(JobSearchPage.self, allBody).total >= 300)

        // Track an application and move it along.
        let (created, createdBody) = try await gateway.send(
            "POST", "/api/v1/jobs/applications", token: alice,
            json: ["jobId": first.id, "status": "saved", "note": "looks great"])
        #expect(created == 201, "\(String(decoding: createdBody, as: UTF8.self))")
        let application = try gateway.decode(JobApplication.self, createdBody)
        #expect(application.job.title == first.title)
        let (patched, _) = try await gateway.send(
            "PATCH", "/api/v1/jobs/applications/\(application.id)", token: alice,
            json: ["status": "applied", "note": "sent with my tailored résumé"])
        #expect(patched == 200)
        let (forbidden, _) = try await gateway.send(
            "PATCH", "/api/v1/jobs/applications/\(application.id)", token: alice, json: ["status": "accepted"])
        #expect(forbidden == 409)
        let (statsStatus, statsBody) = try await gateway.send("GET", "/api/v1/jobs/applications/stats", token: alice)
        #expect(statsStatus == 200)
        #expect(try gateway.decode(JobApplicationStats.self, statsBody).funnel.applied == 1)
        let (hidden, _) = try await gateway.send("GET", "/api/v1/jobs/applications/\(application.id)", token: bob)
        #expect(hidden == 404)

        // Recommendations from the stored profile; the tracked posting is never among them.
        let profile = Resume(
            basics: Resume.Basics(name: "Alice", label: "iOS Engineer"),
            careergini: CareerginiExtension(
                skills: [ProfileSkill(id: "swift", level: 4), ProfileSkill(id: "ios", level: 4)],
                targetRoles: ["ios-engineer"], preferences: JobPreferences(remote: true)))
        let (saved, savedBody) = try await gateway.send("PUT", "/api/v1/profile", token: alice, encodable: profile)
        #expect(saved == 200, "\(String(decoding: savedBody, as: UTF8.self))")
        let (recommended, recommendedBody) = try await gateway.send(
            "GET", "/api/v1/jobs/recommendations?limit=10", token: alice)
        #expect(recommended == 200, "\(String(decoding: recommendedBody, as: UTF8.self))")
        let recommendations = try gateway.decode(JobRecommendationPage.self, recommendedBody).items
        #expect(!recommendations.isEmpty)
        #expect(recommendations.allSatisfy { $0.job.id != first.id && !$0.job.closed })
        #expect(recommendations.first?.matchedSkills.contains("swift") == true)
        let (viaAI, viaAIBody) = try await gateway.send("GET", "/api/v1/ai/jobs/recommend?limit=5", token: alice)
        #expect(viaAI == 200, "\(String(decoding: viaAIBody, as: UTF8.self))")

        // Only an admin imports postings.
        let posting: [[String: Any]] = [
            [
                "externalId": "flow-1", "title": "Staff Swift Engineer", "company": "Flow Test Co",
                "locations": ["Remote"], "description": "<p>Swift and SwiftUI.</p>",
            ]
        ]
        let (refused, _) = try await gateway.send("POST", "/api/v1/jobs/import", token: alice, json: posting)
        #expect(refused == 403)
        let admin = DatabasePool(
            configuration: DatabaseConfiguration(url: database, maxConnections: 1), logger: TestEnvironment.logger)
        _ = try await admin.query(
            "UPDATE identity.users SET roles = array_append(roles, 'admin') WHERE email = \(alice.email)")
        await admin.close()
        let aliceAsAdmin = try await gateway.login(alice.email)
        let (imported, importBody) = try await gateway.send(
            "POST", "/api/v1/jobs/import", token: aliceAsAdmin, json: posting)
        #expect(imported == 200, "\(String(decoding: importBody, as: UTF8.self))")
        let (_, companyBody) = try await gateway.send(
            "GET", "/api/v1/jobs?company=Flow%20Test%20Co", token: bob)
        #expect(try gateway.decode(JobSearchPage.self, companyBody).items.map(\.title) == ["Staff Swift Engineer"])
        let (sources, _) = try await gateway.send("GET", "/api/v1/jobs/sources", token: bob)
        #expect(sources == 200)
    }
}
