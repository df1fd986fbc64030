import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ServiceKit
import Taxonomy
import TestSupport
import Testing

@testable import LearningService

/// The learning-path routes against the real service (PostgreSQL, the shipped
/// catalogue) and a fake profile-service: paths built in prerequisite order
/// with resources, hours and milestones; progress per step; evidence of a
/// finished step reaching profile-service now or, when it was down, later;
/// one user never seeing another's path; GDPR export and delete. Each test has
/// a database of its own: every learning-service instance runs the evidence
/// retry worker, and one started by another test must not take this test's rows.
@Suite("learning path routes", .serialized)
struct PathRoutesTests {
    typealias Harness = LearningServiceHarness

    static let quiet = ["LEARNING_GITHUB_SEARCH": "false"]

    static func create(
        _ client: some TestClientProtocol, _ user: UUID, _ body: String, expect status: HTTPResponse.Status = .created
    ) async throws -> LearningPath? {
        try await client.execute(
            uri: "/learning/paths", method: .post, headers: Harness.headers(user: user), body: ByteBuffer(string: body)
        ) { response in
            #expect(response.status == status, "\(String(buffer: response.body))")
            guard response.status == .created else { return nil }
            let path = try Harness.decode(LearningPath.self, response)
            #expect(response.headers[.location] == "/learning/paths/\(path.id)")
            return path
        }
    }

    static func patch(
        _ client: some TestClientProtocol, _ user: UUID, _ path: String, step: String, _ body: String,
        expect status: HTTPResponse.Status = .ok
    ) async throws -> LearningPath? {
        try await client.execute(
            uri: "/learning/paths/\(path)/steps/\(step)", method: .patch, headers: Harness.headers(user: user),
            body: ByteBuffer(string: body)
        ) { response in
            #expect(response.status == status, "\(String(buffer: response.body))")
            return response.status == .ok ? try Harness.decode(LearningPath.self, response) : nil
        }
    }

    static func get(_ client: some TestClientProtocol, _ user: UUID, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: Harness.headers(user: user)) { $0 }
    }

    /// Progress summed by PostgreSQL for the list and by the service for one
    /// path: equal, hours up to rounding.
    static func expectSame(_ listed: PathProgress, _ read: PathProgress) {
        #expect(listed.totalSteps == read.totalSteps && listed.doneSteps == read.doneSteps)
        #expect(listed.inProgressSteps == read.inProgressSteps && listed.percent == read.percent)
        #expect(abs(listed.hoursTotal - read.hoursTotal) < 1e-9 && abs(listed.hoursDone - read.hoursDone) < 1e-9)
    }

    /// What every built path must satisfy, whatever the catalogue holds.
    static func checkShape(_ path: LearningPath, taxonomy: Taxonomy) {
        let positions = Dictionary(uniqueKeysWithValues: path.steps.map { ($0.skillId, $0.position) })
        for step in path.steps {
            for below in taxonomy.prerequisiteChain(of: step.skillId) {
                if let position = positions[below] {
                    #expect(position < step.position, "\(below) after \(step.skillId)")
                }
            }
            if let resource = step.resource { #expect(resource.skills.contains(step.skillId)) }
            #expect(step.alternatives.count <= PathBuilder.alternatives)
            #expect(step.alternatives.allSatisfy { $0.skills.contains(step.skillId) && $0.id != step.resource?.id })
            #expect(step.estimatedHours > 0)
        }
        #expect(path.steps.map(\.position) == Array(1...path.steps.count))
        #expect(abs(path.progress.hoursTotal - path.steps.reduce(0) { $0 + $1.estimatedHours }) < 1e-9)
        #expect(path.milestones.flatMap(\.steps) == Array(1...path.steps.count))
        #expect(abs(path.milestones.reduce(0) { $0 + $1.estimatedHours } - path.progress.hoursTotal) < 1e-9)
    }

    @Test("a path from skills puts prerequisites first, skips held ones, and picks resources, hours and milestones")
    func pathFromSkills() async throws {
        let taxonomy = try Taxonomy.bundled()
        let user = UUID()
        try await FakeProfileService.serve { profile in
            profile.setSkills([(id: "linux", level: 3), (id: "git", level: nil)], for: user)
            try await Harness.test(
                freshDatabase: true, extra: Self.quiet.merging(["PROFILE_SERVICE_URL": profile.baseURL]) { $1 }
            ) {
                client in
                let path = try #require(
                    try await Self.create(
                        client, user, #"{"skills": ["k8s", "terraform"], "targetRole": "Platform engineer"}"#))
                Self.checkShape(path, taxonomy: taxonomy)
                let skills = path.steps.map(\.skillId)
                // Linux is held: not a step; Docker and Cloud Computing are prerequisites the user lacks.
                #expect(!skills.contains("linux"))
                #expect(skills == ["docker", "cloud-computing", "kubernetes", "terraform"])
                #expect(path.steps.first { $0.skillId == "docker" }?.role == .prerequisite)
                #expect(path.steps.first { $0.skillId == "kubernetes" }?.role == .target)
                #expect(path.steps.first { $0.skillId == "kubernetes" }?.prerequisites == ["docker"])
                #expect(path.title == "Path to Platform engineer")
                #expect(path.origin == .skills)
                // The shipped catalogue covers these skills: each step has a resource and its hours.
                for step in path.steps {
                    let resource = try #require(step.resource, "\(step.skillId) has no resource")
                    #expect(step.hoursFrom == .resource && step.estimatedHours == resource.estimatedHours)
                    #expect(step.alternatives.count == PathBuilder.alternatives)
                    #expect(resource.fit != nil)
                    #expect(step.status == .notStarted && step.evidence == nil)
                }
                #expect(
                    path.milestones.map(\.title) == [
                        "Foundations: Docker, Cloud Computing", "Goal: Kubernetes, Terraform",
                    ])
                #expect(path.milestones.map(\.steps) == [[1, 2], [3, 4]])
                #expect(path.progress.percent == 0 && path.progress.doneSteps == 0)

                let read = try await Self.get(client, user, "/learning/paths/\(path.id)")
                #expect(read.status == .ok)
                #expect(try Harness.decode(LearningPath.self, read) == path)
            }
        }
    }

    @Test("when profile-service is unreachable every prerequisite is included")
    func unreachableProfileIncludesPrerequisites() async throws {
        let user = UUID()
        try await Harness.test(freshDatabase: true, extra: Self.quiet) { client in
            let path = try #require(try await Self.create(client, user, #"{"skills": ["kubernetes"]}"#))
            #expect(path.steps.map(\.skillId) == ["linux", "docker", "kubernetes"])
            #expect(path.milestones.map(\.title) == ["Foundations: Linux", "Stage 2: Docker", "Goal: Kubernetes"])
            #expect(path.title == "Learning path: Kubernetes")
            _ = try await Self.create(
                client, user, #"{"skills": ["kubernetes", "warp drive"]}"#, expect: .unprocessableContent)
            _ = try await Self.create(client, user, #"{"skills": []}"#, expect: .badRequest)
        }
    }

    @Test("a path from an analyze report uses its hours and levels and skips what it shows as held")
    func pathFromAnalysis() async throws {
        let taxonomy = try Taxonomy.bundled()
        let user = UUID()
        try await Harness.test(freshDatabase: true, extra: Self.quiet) { client in
            let report = String(decoding: try JSONEncoder().encode(try PathRequestTests.analysis()), as: UTF8.self)
            let path = try #require(try await Self.create(client, user, #"{"analysis": \#(report)}"#))
            Self.checkShape(path, taxonomy: taxonomy)
            #expect(path.origin == .analysis)
            #expect(path.targetRole == "devops-engineer")
            #expect(path.title == "Path to DevOps Engineer")
            let steps = Dictionary(uniqueKeysWithValues: path.steps.map { ($0.skillId, $0) })
            #expect(steps["linux"]?.estimatedHours == 20 && steps["linux"]?.hoursFrom == .analysis)
            #expect(steps["kubernetes"]?.estimatedHours == 40 && steps["kubernetes"]?.targetLevel == 3)
            #expect(steps["terraform"]?.estimatedHours == 25)
            // Docker is a prerequisite of Kubernetes the report did not estimate: the resource's hours.
            #expect(steps["docker"]?.hoursFrom == .resource)
            #expect(steps["git"] == nil)
            let expected =
                20 + 40 + 25 + (steps["docker"]?.estimatedHours ?? 0) + (steps["cloud-computing"]?.estimatedHours ?? 0)
            #expect(abs(path.progress.hoursTotal - expected) < 1e-9)
        }
    }

    @Test("progress per step: timestamps, totals, evidence to profile-service, and isolation between users")
    func progressAndEvidence() async throws {
        let user = UUID()
        let other = UUID()
        try await FakeProfileService.serve { profile in
            try await Harness.test(
                freshDatabase: true, extra: Self.quiet.merging(["PROFILE_SERVICE_URL": profile.baseURL]) { $1 }
            ) {
                client in
                let path = try #require(try await Self.create(client, user, #"{"skills": ["kubernetes"]}"#))
                let first = path.steps[0]

                var updated = try #require(
                    try await Self.patch(client, user, path.id, step: "1", #"{"status": "in_progress"}"#))
                #expect(updated.steps[0].status == .inProgress && updated.steps[0].startedAt != nil)
                #expect(updated.steps[0].completedAt == nil)
                #expect(updated.progress.inProgressSteps == 1 && updated.progress.doneSteps == 0)
                let started = updated.steps[0].startedAt

                updated = try #require(
                    try await Self.patch(
                        client, user, path.id, step: first.id, #"{"status": "done", "note": "finished the labs"}"#))
                #expect(updated.steps[0].status == .done && updated.steps[0].note == "finished the labs")
                #expect(updated.steps[0].startedAt == started && updated.steps[0].completedAt != nil)
                #expect(updated.steps[0].evidence == .recorded)
                #expect(updated.progress.doneSteps == 1)
                #expect(updated.progress.hoursDone == first.estimatedHours)
                #expect(
                    updated.progress.percent
                        == Int((first.estimatedHours / path.progress.hoursTotal * 100).rounded(.down)))
                #expect(updated.milestones[0].completed)

                // The evidence reached profile-service on its wire, for this user, from learning-service.
                let month = PartialDate.text(ofMonth: PartialDate.month(of: Date()))
                #expect(
                    profile.evidence == [
                        FakeProfileService.EvidenceCall(
                            userId: user, service: "learning-service",
                            evidence: LearningEvidence(
                                skill: first.skillId,
                                text: "Completed \(first.resource?.title ?? "") (CareerGini learning path)", date: month
                            ))
                    ])

                // Done again changes nothing and sends nothing; undoing clears the times but keeps the evidence.
                _ = try await Self.patch(client, user, path.id, step: "1", #"{"status": "done"}"#)
                #expect(profile.evidence.count == 1)
                updated = try #require(
                    try await Self.patch(client, user, path.id, step: "1", #"{"status": "not_started"}"#))
                #expect(updated.steps[0].startedAt == nil && updated.steps[0].completedAt == nil)
                #expect(updated.steps[0].evidence == nil && updated.progress.doneSteps == 0)
                updated = try #require(try await Self.patch(client, user, path.id, step: "1", #"{"note": null}"#))
                #expect(updated.steps[0].note == nil)
                #expect(profile.evidence.count == 1)

                // Every step done: 100%.
                for step in path.steps {
                    updated = try #require(
                        try await Self.patch(client, user, path.id, step: "\(step.position)", #"{"status": "done"}"#))
                }
                #expect(updated.progress.percent == 100 && updated.milestones.allSatisfy(\.completed))
                #expect(profile.evidence.map(\.evidence.skill) == [first.skillId] + path.steps.map(\.skillId))

                // Malformed changes and unknown steps.
                _ = try await Self.patch(
                    client, user, path.id, step: "1", #"{"status": "finished"}"#, expect: .badRequest)
                _ = try await Self.patch(client, user, path.id, step: "1", #"{}"#, expect: .badRequest)
                _ = try await Self.patch(
                    client, user, path.id, step: "1", #"{"status": "done", "x": 1}"#, expect: .badRequest)
                _ = try await Self.patch(client, user, path.id, step: "99", #"{"status": "done"}"#, expect: .notFound)
                _ = try await Self.patch(client, user, path.id, step: "zero", #"{"status": "done"}"#, expect: .notFound)
                _ = try await Self.patch(
                    client, user, "not-a-uuid", step: "1", #"{"status": "done"}"#, expect: .notFound)

                // Another user sees none of it.
                #expect(try await Self.get(client, other, "/learning/paths/\(path.id)").status == .notFound)
                _ = try await Self.patch(
                    client, other, path.id, step: "1", #"{"status": "not_started"}"#, expect: .notFound)
                let theirs = try await Self.get(client, other, "/learning/paths")
                #expect(try Harness.decode(PathList.self, theirs).items.isEmpty)
                try await client.execute(
                    uri: "/learning/paths/\(path.id)", method: .delete, headers: Harness.headers(user: other)
                ) { #expect($0.status == .notFound) }
                let mine = try Harness.decode(
                    LearningPath.self, try await Self.get(client, user, "/learning/paths/\(path.id)"))
                #expect(mine.progress.percent == 100)

                // The list: newest first, with progress.
                let second = try #require(
                    try await Self.create(client, user, #"{"skills": ["python"], "title": "Python"}"#))
                let list = try Harness.decode(PathList.self, try await Self.get(client, user, "/learning/paths"))
                #expect(list.items.map(\.id) == [second.id, path.id])
                Self.expectSame(list.items[1].progress, mine.progress)
                Self.expectSame(list.items[0].progress, second.progress)
                #expect(try await Self.get(client, user, "/learning/paths?limit=0").status == .badRequest)
                let limited = try Harness.decode(
                    PathList.self, try await Self.get(client, user, "/learning/paths?limit=1"))
                #expect(limited.items.map(\.id) == [second.id])

                try await client.execute(
                    uri: "/learning/paths/\(second.id)", method: .delete, headers: Harness.headers(user: user)
                ) { #expect($0.status == .noContent) }
                #expect(try await Self.get(client, user, "/learning/paths/\(second.id)").status == .notFound)
            }
        }
    }

    @Test("a step finished while profile-service is down is saved, and its evidence is delivered on a later request")
    func evidenceIsRetried() async throws {
        let user = UUID()
        try await FakeProfileService.serve { profile in
            try await Harness.test(
                freshDatabase: true, extra: Self.quiet.merging(["PROFILE_SERVICE_URL": profile.baseURL]) { $1 }
            ) {
                client in
                let path = try #require(try await Self.create(client, user, #"{"skills": ["kubernetes"]}"#))
                profile.setDown(true)
                let saved = try #require(try await Self.patch(client, user, path.id, step: "1", #"{"status": "done"}"#))
                #expect(saved.steps[0].status == .done)
                #expect(saved.steps[0].evidence == .pending)
                #expect(profile.evidence.isEmpty)
                let reread = try Harness.decode(
                    LearningPath.self, try await Self.get(client, user, "/learning/paths/\(path.id)"))
                #expect(reread.steps[0].status == .done && reread.steps[0].evidence == .pending)

                profile.setDown(false)
                // The first retry is due a second after the failure.
                try await Task.sleep(for: .milliseconds(1_200))
                let next = try #require(try await Self.patch(client, user, path.id, step: "2", #"{"status": "done"}"#))
                #expect(next.steps[0].evidence == .recorded && next.steps[1].evidence == .recorded)
                #expect(Set(profile.evidence.map(\.evidence.skill)) == [path.steps[0].skillId, path.steps[1].skillId])
                #expect(profile.evidence.allSatisfy { $0.userId == user })
            }
        }
    }

    @Test("GDPR: the export holds the user's paths and steps, and delete removes them")
    func userData() async throws {
        let user = UUID()
        try await Harness.test(freshDatabase: true, extra: Self.quiet) { client in
            let path = try #require(try await Self.create(client, user, #"{"skills": ["docker"]}"#))
            _ = try await Self.patch(client, user, path.id, step: "1", #"{"status": "in_progress", "note": "day one"}"#)
            // profile-service is unreachable here: the evidence of this step waits, and is the user's data too.
            _ = try await Self.patch(client, user, path.id, step: "2", #"{"status": "done"}"#)
            let export = try await Self.get(client, user, "/internal/users/\(user.uuidString.lowercased())/export")
            #expect(export.status == .ok)
            let document = try Harness.decode(UserDataExport<LearningUserData>.self, export)
            #expect(document.data.paths.map(\.id) == [path.id])
            #expect(document.data.paths[0].steps.count == path.steps.count)
            #expect(document.data.paths[0].steps[0].status == .inProgress)
            #expect(document.data.paths[0].steps[0].note == "day one")
            #expect(document.data.paths[0].steps[1].evidence == .pending)
            #expect(document.data.pendingEvidence.map(\.skill) == [path.steps[1].skillId])

            try await client.execute(
                uri: "/internal/users/\(user.uuidString.lowercased())", method: .delete,
                headers: Harness.headers(user: user)
            ) { #expect($0.status == .noContent) }
            #expect(try await Self.get(client, user, "/learning/paths/\(path.id)").status == .notFound)
            let after = try Harness.decode(
                UserDataExport<LearningUserData>.self,
                try await Self.get(client, user, "/internal/users/\(user.uuidString.lowercased())/export"))
            #expect(after.data.paths.isEmpty && after.data.pendingEvidence.isEmpty)
        }
    }
}
