import CurlHTTP
import Foundation
import ServiceKit
import TestSupport
import Testing

/// Learning across the real binaries, through the gateway, on a database of
/// their own: catalogue resources ranked for a skill, a path with
/// prerequisites first, a finished step showing up as "learning" evidence on
/// the profile, and another user seeing none of it.
@Suite("learning across the real services", .serialized)
struct LearningFlowTests {
    @Test("resources, a path, progress and learning evidence on the profile, through the gateway")
    func learningThroughTheGateway() async throws {
        let database = try await TestEnvironment.makeFreshDatabase(prefix: "learnflow")
        // Its own Redis database: polling must not meet other suites' per-address rate limit.
        let redis = try TestEnvironment.redisURL().replacingOccurrences(
            of: #"/\d+$"#, with: "/9", options: .regularExpression)
        let suite = try RunningSuite(
            databaseURL: database, extraEnvironment: ["REDIS_URL": redis, "LLM_WARM_UP": "false"])
        defer { _ = suite.terminate() }
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        try await suite.waitUntilReady(http)
        let gateway = GatewayClient(http: http, base: suite.url("gateway"))
        let alice = try await gateway.register("alice")
        let bob = try await gateway.register("bob")

        // Ranked catalogue resources for a skill named the way people write it.
        let (listed, listedBody) = try await gateway.send("GET", "/api/v1/learning/resources?skill=k8s", token: alice)
        #expect(listed == 200, "\(String(decoding: listedBody, as: UTF8.self))")
        let items = try #require(Self.object(listedBody)["items"] as? [[String: Any]])
        #expect(items.count >= 2)
        #expect(items.allSatisfy { ($0["skills"] as? [String])?.contains("kubernetes") == true })
        #expect(items.first?["free"] as? Bool == true)
        #expect(items.first?["fit"] is Double)
        #expect((items.first?["reasons"] as? [String])?.isEmpty == false)
        let (unknown, unknownBody) = try await gateway.send(
            "GET", "/api/v1/learning/resources?skill=klingon-warfare", token: alice)
        #expect((400..<500).contains(unknown))
        #expect(String(decoding: unknownBody, as: UTF8.self).contains("klingon"))

        // A path: every prerequisite that is a step comes before the steps needing it.
        let (created, createdBody) = try await gateway.send(
            "POST", "/api/v1/learning/paths", token: alice, json: ["skills": ["kubernetes"]])
        #expect(created == 201, "\(String(decoding: createdBody, as: UTF8.self))")
        let path = try Self.object(createdBody)
        let pathId = try #require(path["id"] as? String)
        let steps = try #require(path["steps"] as? [[String: Any]])
        let positions = Dictionary(
            steps.compactMap { step in (step["skillId"] as? String).map { ($0, step["position"] as? Int ?? 0) } }
        ) { first, _ in first }
        #expect(positions["kubernetes"] != nil)
        #expect(steps.count > 1, "kubernetes has prerequisites a newcomer lacks")
        for step in steps {
            let position = step["position"] as? Int ?? 0
            for prerequisite in step["prerequisites"] as? [String] ?? [] {
                if let before = positions[prerequisite] { #expect(before < position) }
            }
            #expect(step["resource"] is [String: Any], "every step has a primary resource")
        }

        // Finishing the kubernetes step records learning evidence on the profile.
        let position = try #require(positions["kubernetes"])
        let (patched, patchedBody) = try await gateway.send(
            "PATCH", "/api/v1/learning/paths/\(pathId)/steps/\(position)", token: alice, json: ["status": "done"])
        #expect(patched == 200, "\(String(decoding: patchedBody, as: UTF8.self))")
        var evidenced = false
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline, !evidenced {
            let (status, body) = try await gateway.send("GET", "/api/v1/profile/skills", token: alice)
            if status == 200, let skills = try Self.object(body)["items"] as? [[String: Any]] {
                evidenced = skills.contains { skill in
                    skill["id"] as? String == "kubernetes"
                        && (skill["sources"] as? [String])?.contains("learning") == true
                }
            }
            if !evidenced { try await Task.sleep(for: .milliseconds(300)) }
        }
        #expect(evidenced, "the finished step never showed as learning evidence on the profile")

        // Bob sees none of Alice's paths.
        let (hidden, _) = try await gateway.send("GET", "/api/v1/learning/paths/\(pathId)", token: bob)
        #expect(hidden == 404)
        let (bobList, bobListBody) = try await gateway.send("GET", "/api/v1/learning/paths", token: bob)
        #expect(bobList == 200)
        #expect((try Self.object(bobListBody)["items"] as? [Any])?.isEmpty == true)
        let (aliceList, aliceListBody) = try await gateway.send("GET", "/api/v1/learning/paths", token: alice)
        #expect(aliceList == 200)
        let summaries = try Self.object(aliceListBody)["items"] as? [[String: Any]] ?? []
        #expect(summaries.map { $0["id"] as? String } == [pathId])
    }

    static func object(_ body: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
    }
}
