import Contracts
import Database
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ServiceKit
import Taxonomy
import TestSupport
import Testing

@testable import ProfileService

/// A learning-path step the user finished reaches their profile as `learning`
/// evidence: a new skill starts at a modest level, a held level is never
/// touched, the same evidence twice changes nothing, and only learning-service
/// may report it.
@Suite(.serialized) struct LearningEvidenceTests {
    typealias Harness = ProfileServiceHarness

    static let learningTokens = try! InternalTokens(
        secret: Array(TestEnvironment.internalSecret.utf8), service: "learning-service")

    /// Headers of learning-service's call for `user`.
    static func learningHeaders(user: UUID) -> HTTPFields {
        var headers = HTTPFields()
        headers[HTTPField.Name(InternalTokens.header)!] = learningTokens.issue(
            for: RequestIdentity(userId: user, roles: ["user"], service: "learning-service"),
            audience: "profile-service")
        headers[.contentType] = "application/json"
        return headers
    }

    static func evidence(_ skill: String, _ text: String, date: String? = "2026-11") -> ByteBuffer {
        ByteBuffer(bytes: try! JSONEncoder().encode(LearningEvidence(skill: skill, text: text, date: date)))
    }

    static func skills(
        _ client: some TestClientProtocol, _ user: UUID
    ) async throws -> [String: SkillsController
        .SkillView]
    {
        try await client.execute(uri: "/profile/skills", method: .get, headers: Harness.headers(user: user)) {
            response in
            let list = try Harness.decode(SkillsController.SkillList.self, response)
            return Dictionary(uniqueKeysWithValues: list.items.map { ($0.id, $0) })
        }
    }

    /// Seeds a résumé source directly, so the profile holds skills at known levels.
    static func seedResume(_ user: UUID, skills: [ProfileSkill]) async throws {
        let pool = DatabasePool(
            configuration: DatabaseConfiguration(
                url: try TestEnvironment.databaseURL(), minConnections: 0, maxConnections: 2,
                acquireTimeout: .seconds(10), searchPath: ["profile"], applicationName: "profile-service-tests"),
            logger: TestEnvironment.logger)
        let store = ProfileStore(database: pool, taxonomy: try Taxonomy.bundled())
        _ = try await store.importSource(
            user,
            ProfileStore.IncomingSource(
                kind: .resume, label: "cv.pdf", fingerprint: UUID().uuidString,
                document: try JSONValue(encoding: Resume(careergini: CareerginiExtension(skills: skills)))),
            details: ProfileStore.ImportDetails())
        await pool.close()
    }

    @Test func aFinishedStepBecomesLearningEvidenceOnceAndNeverLowersAHeldLevel() async throws {
        let user = UUID()
        try await Harness.test { client in
            try await Self.seedResume(
                user,
                skills: [
                    ProfileSkill(id: "docker", level: 4, evidence: [SkillEvidence(source: "resume", text: "Docker")])
                ])
            // Free text is normalised through the taxonomy: "k8s" is kubernetes.
            try await client.execute(
                uri: "/internal/profile/skills/learning", method: .post, headers: Self.learningHeaders(user: user),
                body: Self.evidence("k8s", "Completed Kubernetes Basics (CareerGini learning path)")
            ) { response in
                #expect(response.status == .ok)
                let record = try Harness.decode(ProfileImportRecord.self, response)
                #expect(record.status == .succeeded)
                #expect(record.kind == .learning)
            }
            try await client.execute(
                uri: "/internal/profile/skills/learning", method: .post, headers: Self.learningHeaders(user: user),
                body: Self.evidence("docker", "Completed Docker Deep Dive (CareerGini learning path)")
            ) { #expect($0.status == .ok) }
            var skills = try await Self.skills(client, user)
            let kubernetes = try #require(skills["kubernetes"])
            #expect(kubernetes.level == ProfileStore.learnedLevel)
            #expect(kubernetes.sources == ["learning"])
            #expect(
                kubernetes.evidence == [
                    SkillEvidence(
                        source: "learning", text: "Completed Kubernetes Basics (CareerGini learning path)",
                        date: "2026-11")
                ])
            let docker = try #require(skills["docker"])
            #expect(docker.level == 4)
            #expect(docker.sources == ["learning", "resume"])

            // A retried delivery of the same evidence: unchanged, and no history row.
            try await client.execute(
                uri: "/internal/profile/skills/learning", method: .post, headers: Self.learningHeaders(user: user),
                body: Self.evidence("kubernetes", "Completed Kubernetes Basics (CareerGini learning path)")
            ) { response in
                let record = try Harness.decode(ProfileImportRecord.self, response)
                #expect(record.status == .unchanged)
            }
            // Another course on the same skill adds to it, the level stays where the first put it.
            try await client.execute(
                uri: "/internal/profile/skills/learning", method: .post, headers: Self.learningHeaders(user: user),
                body: Self.evidence("kubernetes", "Completed Kubernetes the Hard Way (CareerGini learning path)")
            ) { #expect($0.status == .ok) }
            skills = try await Self.skills(client, user)
            #expect(skills["kubernetes"]?.evidence.count == 2)
            #expect(skills["kubernetes"]?.level == ProfileStore.learnedLevel)

            try await client.execute(uri: "/profile/imports", method: .get, headers: Harness.headers(user: user)) {
                response in
                let list = try Harness.decode(ImportsController.ImportList.self, response)
                #expect(list.items.map(\.kind) == [.learning, .learning, .learning, .resume])
            }
            try await client.execute(uri: "/profile/sources", method: .get, headers: Harness.headers(user: user)) {
                response in
                let list = try Harness.decode(SourcesController.SourceList.self, response)
                #expect(list.items.filter { $0.kind == .learning }.count == 1)
            }
        }
    }

    @Test func onlyLearningServiceMayReportAndBadEvidenceIsRefused() async throws {
        let user = UUID()
        try await Harness.test { client in
            // The gateway (a user's own request) cannot award evidence.
            try await client.execute(
                uri: "/internal/profile/skills/learning", method: .post, headers: Harness.headers(user: user),
                body: Self.evidence("kubernetes", "Completed a course")
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/internal/profile/skills/learning", method: .post, headers: Self.learningHeaders(user: user),
                body: Self.evidence("klingon", "Completed a course")
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("/skill"))
            }
            try await client.execute(
                uri: "/internal/profile/skills/learning", method: .post, headers: Self.learningHeaders(user: user),
                body: Self.evidence("kubernetes", "  ", date: "2026-13")
            ) { response in
                #expect(response.status == .badRequest)
                let body = String(buffer: response.body)
                #expect(body.contains("/text") && body.contains("/date"))
            }
            #expect(try await Self.skills(client, user).isEmpty)
        }
    }

    @Test func aHeldLevelIsLeftAloneAndANewSkillStartsLow() {
        let profile = JSONValue.object([
            "x-careergini": .object([
                "skills": .array([
                    .object(["id": .string("docker"), "level": .number(4)]), .object(["id": .string("git")]),
                ])
            ])
        ])
        let finished = SkillEvidence(source: "learning", text: "Completed X", date: "2026-11")
        var skills = ProfileStore.addingLearning(finished, to: "docker", in: [], profile: profile)
        #expect(skills == [ProfileSkill(id: "docker", level: nil, evidence: [finished])])
        skills = ProfileStore.addingLearning(finished, to: "git", in: skills, profile: profile)
        #expect(skills.last == ProfileSkill(id: "git", level: ProfileStore.learnedLevel, evidence: [finished]))
        // The same text again is the same evidence.
        #expect(ProfileStore.addingLearning(finished, to: "git", in: skills, profile: profile) == skills)
        for index in 0..<30 {
            skills = ProfileStore.addingLearning(
                SkillEvidence(source: "learning", text: "Course \(index)"), to: "git", in: skills, profile: profile)
        }
        #expect(skills.last?.evidence?.count == ProfileStore.learningEvidencePerSkill)
        #expect(skills.last?.evidence?.last?.text == "Course 29")
        #expect(skills.last?.level == ProfileStore.learnedLevel)
    }
}
