import Contracts
import Database
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import JobService

/// `GET /jobs/applications/stats` on a history whose times are set by SQL, so
/// every number is known exactly.
@Suite struct ApplicationStatsTests {
    typealias Harness = JobServiceHarness
    typealias Tracker = ApplicationHarness

    static let start = Date(timeIntervalSince1970: 1_740_000_000)

    /// Creates an application walking `steps` (status, day it was entered),
    /// then moves each event to its day.
    static func application(
        _ client: any TestClientProtocol, _ pool: DatabasePool, user: UUID,
        _ steps: [(status: ApplicationStatus, day: Double)]
    ) async throws {
        let created = try await Tracker.trackExternal(client, user: user, status: steps[0].status)
        for step in steps.dropFirst() { try await Tracker.move(client, user: user, created.id, to: step.status) }
        let id = try #require(UUID(uuidString: created.id))
        for step in steps {
            let at = start.addingTimeInterval(step.day * 86_400)
            let updated = try await pool.query(
                """
                UPDATE application_events SET at = \(at)
                WHERE application_id = \(id) AND to_status = \(step.status.rawValue)
                """)
            #expect(updated.affectedRows == 1)
        }
    }

    static func stats(_ client: any TestClientProtocol, user: UUID) async throws -> JobApplicationStats {
        let response = try await Tracker.get(client, user: user, "/jobs/applications/stats")
        #expect(response.status == .ok)
        return try Harness.decode(JobApplicationStats.self, response)
    }

    @Test func countsTheFunnelResponseRateAndMedianDaysFromTheHistory() async throws {
        let user = UUID()
        let other = UUID()
        try await Tracker.test { client, pool in
            // Rejected after an interview: still counts as responded and interviewed.
            try await Self.application(
                client, pool, user: user,
                [(.saved, 0), (.applied, 1), (.response, 4), (.interview, 6), (.rejected, 10)])
            try await Self.application(client, pool, user: user, [(.applied, 0), (.noResponse, 10), (.rejected, 20)])
            try await Self.application(
                client, pool, user: user, [(.applied, 0), (.interview, 2), (.offer, 5), (.accepted, 6)])
            try await Self.application(client, pool, user: user, [(.saved, 0), (.withdrawn, 3)])
            try await Self.application(client, pool, user: user, [(.saved, 0)])
            try await Self.application(client, pool, user: user, [(.applied, 0)])
            // Someone else's search never mixes in.
            try await Self.application(
                client, pool, user: other, [(.applied, 0), (.response, 1), (.offer, 2), (.accepted, 3)])

            let stats = try await Self.stats(client, user: user)
            #expect(stats.total == 6)
            #expect(
                stats.byStatus == [
                    "saved": 1, "applied": 1, "no_response": 0, "response": 0, "interview": 0, "offer": 0,
                    "accepted": 1, "rejected": 2, "withdrawn": 1,
                ])
            #expect(stats.funnel == .init(applied: 4, response: 2, interview: 2, offer: 1, accepted: 1))
            #expect(stats.responseRate == 0.5)
            // saved: 1 and 3 days; applied: 3, 10 and 2; interview: 4 and 3; the
            // stages still running (the last saved, the last applied) are left out.
            #expect(
                stats.medianDaysInStage == [
                    "saved": 2, "applied": 3, "no_response": 10, "response": 2, "interview": 3.5, "offer": 1,
                ])

            let theirs = try await Self.stats(client, user: other)
            #expect(theirs.total == 1)
            #expect(theirs.funnel == .init(applied: 1, response: 1, interview: 1, offer: 1, accepted: 1))
            #expect(theirs.responseRate == 1)
            #expect(theirs.medianDaysInStage == ["applied": 1, "response": 1, "offer": 1])
        }
    }

    @Test func noApplicationsAndNothingAppliedForHaveNoRate() async throws {
        let user = UUID()
        try await Tracker.test { client, pool in
            let empty = try await Self.stats(client, user: user)
            #expect(empty.total == 0)
            #expect(empty.byStatus.count == ApplicationStatus.allCases.count)
            #expect(empty.byStatus.values.allSatisfy { $0 == 0 })
            #expect(empty.funnel == .init(applied: 0, response: 0, interview: 0, offer: 0, accepted: 0))
            #expect(empty.responseRate == nil)
            #expect(empty.medianDaysInStage.isEmpty)

            try await Self.application(client, pool, user: user, [(.saved, 0), (.withdrawn, 1.5)])
            let onlySaved = try await Self.stats(client, user: user)
            #expect(onlySaved.total == 1)
            #expect(onlySaved.funnel.applied == 0)
            #expect(onlySaved.responseRate == nil)
            #expect(onlySaved.medianDaysInStage == ["saved": 1.5])
        }
    }
}
