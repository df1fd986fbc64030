import Contracts
import CurlHTTP
import Database
import Foundation
import ServiceKit
import Taxonomy
import TestSupport
import Testing

@testable import LearningService

/// Saved paths keep the resources they were built with, and the evidence
/// outbox: a finished step's evidence waits while profile-service is down,
/// backs off, and arrives once it is back — even when the path was deleted
/// meanwhile. Against a fresh PostgreSQL database.
@Suite("learning path storage", .serialized)
struct PathStoreTests {
    struct Fixture {
        let database: LearningDatabase
        let builder: PathBuilder
        let store: PathStore
    }

    static func fixture() async throws -> Fixture {
        let database = try await LearningDatabase.make()
        let taxonomy = try Taxonomy.bundled()
        let resources = ResourceStore(database: database.pool)
        let sync = CatalogueSync(
            catalogue: try Catalogue.bundled(taxonomy: taxonomy), store: resources, logger: TestEnvironment.logger)
        let builder = PathBuilder(
            taxonomy: taxonomy, resources: resources, ranker: ResourceRanker(taxonomy: taxonomy), catalogue: sync,
            discovery: nil)
        return Fixture(database: database, builder: builder, store: PathStore(database: database.pool))
    }

    static func outbox(_ database: LearningDatabase, profile: String, http: CurlHTTPClient) throws -> EvidenceOutbox {
        let tokens = try InternalTokens(
            secret: Array(TestEnvironment.internalSecret.utf8), service: ServiceDescriptor.learningService.name)
        return EvidenceOutbox(
            database: database.pool,
            client: ProfileEvidenceClient(
                client: InternalServiceClient(
                    service: ServiceDescriptor.profileService.name, baseURL: profile, http: http, tokens: tokens,
                    timeout: .seconds(5))),
            logger: TestEnvironment.logger)
    }

    static func kubernetesPath() throws -> PathRequest {
        try PathRequest(body: .object(["skills": .array([.string("kubernetes")])]), taxonomy: try Taxonomy.bundled())
    }

    @Test("a saved path keeps its resources when the catalogue changes under it")
    func resourcesAreSnapshotted() async throws {
        let fixture = try await Self.fixture()
        defer { Task { await fixture.database.close() } }
        let user = UUID()
        let built = try await fixture.builder.build(try Self.kubernetesPath(), learnerLevels: nil)
        let saved = try await fixture.store.create(user, built)
        #expect(saved.steps == built.steps)
        #expect(saved.steps.allSatisfy { $0.resource != nil })
        try await fixture.database.pool.query("UPDATE resources SET title = 'Renamed', estimated_hours = 999")
        try await fixture.database.pool.query("DELETE FROM resources")
        let id = try #require(UUID(uuidString: saved.id))
        let read = try #require(try await fixture.store.path(user, id: id))
        #expect(read.steps == built.steps)
        #expect(read.progress == built.progress)
        #expect(try await fixture.store.path(UUID(), id: id) == nil)
    }

    @Test("evidence waits while profile-service is down, backs off, and arrives once it is back")
    func evidenceOutboxRetries() async throws {
        let fixture = try await Self.fixture()
        defer { Task { await fixture.database.close() } }
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        let user = UUID()
        try await FakeProfileService.serve { profile in
            let outbox = try Self.outbox(fixture.database, profile: profile.baseURL, http: http)
            let first = try await fixture.store.create(
                user, try await fixture.builder.build(try Self.kubernetesPath(), learnerLevels: [:]))
            let second = try await fixture.store.create(
                user, try await fixture.builder.build(try Self.kubernetesPath(), learnerLevels: [:]))
            let firstId = try #require(UUID(uuidString: first.id))
            let secondId = try #require(UUID(uuidString: second.id))
            profile.setDown(true)
            let update = try await fixture.store.updateStep(
                user, pathId: firstId, step: .position(1), StepChange(status: .done))
            #expect(update?.finished == true)
            #expect(update?.path.steps[0].evidence == .pending)
            _ = try await fixture.store.updateStep(
                user, pathId: secondId, step: .position(2), StepChange(status: .done))
            #expect(await outbox.deliver(for: user) == [])
            #expect(try await outbox.pendingCount() == 2)
            // The path of the second goes; what was learnt on it is still reported.
            #expect(try await fixture.store.delete(user, id: secondId))

            profile.setDown(false)
            // Backing off: nothing is due right after the failure.
            #expect(try await outbox.deliverDue() == 0)
            try await Task.sleep(for: .milliseconds(1_100))
            #expect(try await outbox.deliverDue() == 2)
            #expect(try await outbox.pendingCount() == 0)
            #expect(Set(profile.evidence.map(\.evidence.skill)) == [first.steps[0].skillId, second.steps[1].skillId])
            let read = try #require(try await fixture.store.path(user, id: firstId))
            #expect(read.steps[0].evidence == .recorded)
        }
    }

    @Test("evidence profile-service refuses for good (a 4xx) is kept, marked and never retried")
    func refusedEvidenceIsNotRetried() async throws {
        let fixture = try await Self.fixture()
        defer { Task { await fixture.database.close() } }
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        let user = UUID()
        try await FakeProfileService.serve { profile in
            let outbox = try Self.outbox(fixture.database, profile: profile.baseURL, http: http)
            let path = try await fixture.store.create(
                user, try await fixture.builder.build(try Self.kubernetesPath(), learnerLevels: [:]))
            let pathId = try #require(UUID(uuidString: path.id))
            profile.setRefusing(true)
            _ = try await fixture.store.updateStep(user, pathId: pathId, step: .position(1), StepChange(status: .done))
            #expect(await outbox.deliver(for: user) == [])
            #expect(try await outbox.pendingCount() == 0)
            profile.setRefusing(false)
            try await Task.sleep(for: .milliseconds(1_100))
            #expect(try await outbox.deliverDue() == 0)
            #expect(profile.evidence.isEmpty)
            let rows = try await fixture.database.pool.query(
                "SELECT refused_at IS NOT NULL AS refused, last_error FROM evidence_outbox")
            #expect(rows.count == 1)
            let refused = try rows.first?.decode(Bool.self, "refused")
            #expect(refused == true)
        }
    }

    @Test("deleting a user's data removes paths, steps and undelivered evidence, and only theirs")
    func deleteAllIsPerUser() async throws {
        let fixture = try await Self.fixture()
        defer { Task { await fixture.database.close() } }
        let (user, other) = (UUID(), UUID())
        for owner in [user, other] {
            let path = try await fixture.store.create(
                owner, try await fixture.builder.build(try Self.kubernetesPath(), learnerLevels: [:]))
            _ = try await fixture.store.updateStep(
                owner, pathId: try #require(UUID(uuidString: path.id)), step: .position(1), StepChange(status: .done))
        }
        try await fixture.store.deleteAll(user)
        #expect(try await fixture.store.export(user).isEmpty)
        #expect(try await fixture.store.export(other).count == 1)
        let rows = try await fixture.database.pool.query("SELECT user_id FROM evidence_outbox")
        #expect(try rows.map { try $0.decode(UUID.self, "user_id") } == [other])
    }
}
