import Contracts
import Database
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ServiceKit
import Testing

@testable import JobService

/// Only the allowed status changes pass: each of them works, forbidden ones are
/// a 409 naming what may follow and change nothing, and two concurrent changes
/// are checked one after the other.
@Suite struct ApplicationTransitionTests {
    typealias Harness = JobServiceHarness
    typealias Tracker = ApplicationHarness

    /// A way to reach each non-final status from `saved`.
    static let pathTo: [ApplicationStatus: [ApplicationStatus]] = [
        .saved: [], .applied: [.applied], .noResponse: [.applied, .noResponse], .response: [.applied, .response],
        .interview: [.applied, .interview], .offer: [.applied, .response, .offer],
    ]

    @Test func theTableCoversEveryStatusAndFinalStatusesLeadNowhere() {
        for status in ApplicationStatus.allCases {
            let next = ApplicationTransitions.next(after: status)
            #expect(ApplicationTransitions.allowed[status] != nil, "\(status) has no row")
            #expect(next.isEmpty == status.isFinal, "\(status)")
            #expect(!next.contains(status), "\(status) may not follow itself")
            #expect(!next.contains(.saved), "nothing goes back to saved")
        }
        // Every status an application can be in is reachable from where it starts.
        var reachable = Set(ApplicationTransitions.initial)
        var frontier = ApplicationTransitions.initial
        while let status = frontier.popLast() {
            for next in ApplicationTransitions.next(after: status) where reachable.insert(next).inserted {
                frontier.append(next)
            }
        }
        #expect(reachable == Set(ApplicationStatus.allCases))
    }

    @Test func everyAllowedTransitionSucceedsAndIsRecorded() async throws {
        let user = UUID()
        try await Tracker.test { client, _ in
            for (from, path) in Self.pathTo.sorted(by: { $0.value.count < $1.value.count }) {
                #expect(path.last ?? .saved == from)
                for target in ApplicationTransitions.next(after: from) {
                    let created = try await Tracker.trackExternal(client, user: user)
                    for step in path { try await Tracker.move(client, user: user, created.id, to: step) }
                    let moved = try await Tracker.move(
                        client, user: user, created.id, to: target, note: "\(from.rawValue)→\(target.rawValue)")
                    #expect(moved.status == target)
                    #expect(moved.nextStatuses == ApplicationTransitions.next(after: target))
                    let last = try #require(moved.history?.last)
                    #expect(last.from == from && last.to == target)
                    #expect(last.note == "\(from.rawValue)→\(target.rawValue)")
                }
            }
        }
    }

    @Test func aForbiddenTransitionIsAConflictThatChangesNothing() async throws {
        let user = UUID()
        let forbidden: [(ApplicationStatus, ApplicationStatus)] = [
            (.saved, .interview), (.saved, .offer), (.saved, .noResponse), (.applied, .offer), (.applied, .accepted),
            (.noResponse, .offer), (.response, .noResponse), (.interview, .response), (.interview, .applied),
            (.offer, .interview),
        ]
        let finals: [ApplicationStatus: [ApplicationStatus]] = [
            .accepted: [.applied, .offer, .rejected], .rejected: [.applied, .accepted], .withdrawn: [.saved, .applied],
        ]
        try await Tracker.test { client, _ in
            for (from, target) in forbidden {
                let created = try await Tracker.trackExternal(client, user: user)
                for step in Self.pathTo[from] ?? [] { try await Tracker.move(client, user: user, created.id, to: step) }
                try await Self.expectRefused(client, user: user, created.id, from: from, to: target)
            }
            for (final, targets) in finals {
                let created = try await Tracker.trackExternal(client, user: user)
                let path: [ApplicationStatus] =
                    final == .withdrawn
                    ? [.withdrawn]
                    : final == .rejected
                        ? [.applied, .rejected]
                        : [
                            .applied, .response, .offer, .accepted,
                        ]
                for step in path { try await Tracker.move(client, user: user, created.id, to: step) }
                for target in targets {
                    try await Self.expectRefused(client, user: user, created.id, from: final, to: target)
                }
                // A final application still takes notes and follow-ups.
                let noted = try await Tracker.patch(client, user: user, created.id, #"{"note": "Lessons learnt"}"#)
                #expect(noted.status == .ok)
            }
        }
    }

    /// 409 naming the current status and what may follow, and the application
    /// (note included) exactly as before.
    static func expectRefused(
        _ client: any TestClientProtocol, user: UUID, _ id: String, from: ApplicationStatus,
        to target: ApplicationStatus
    ) async throws {
        let before = try await Tracker.application(client, user: user, id)
        #expect(before.status == from)
        let response = try await Tracker.patch(
            client, user: user, id, #"{"status": "\#(target.rawValue)", "note": "must not be saved"}"#)
        #expect(response.status == .conflict, "\(from) → \(target)")
        let detail = try Tracker.problem(response).detail ?? ""
        #expect(detail.contains(from.rawValue), "\(detail)")
        for next in ApplicationTransitions.next(after: from) {
            #expect(detail.contains(next.rawValue), "\(detail) should name \(next)")
        }
        if from.isFinal { #expect(detail.contains("final")) }
        #expect(try await Tracker.application(client, user: user, id) == before)
    }

    @Test func concurrentChangesAreCheckedOneAfterTheOther() async throws {
        let user = UUID()
        try await Tracker.test { client, _ in
            for _ in 0..<5 {
                let created = try await Tracker.trackExternal(client, user: user)
                for step: ApplicationStatus in [.applied, .response, .offer] {
                    try await Tracker.move(client, user: user, created.id, to: step)
                }
                // Each is allowed from `offer`, neither after the other.
                async let accept = Tracker.patch(client, user: user, created.id, #"{"status": "accepted"}"#)
                async let withdraw = Tracker.patch(client, user: user, created.id, #"{"status": "withdrawn"}"#)
                let statuses = try await [accept.status, withdraw.status]
                #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
                #expect(statuses.filter { $0 == .conflict }.count == 1, "\(statuses)")
                let history = try #require(try await Tracker.application(client, user: user, created.id).history)
                #expect(history.map(\.to).filter(\.isFinal).count == 1)
                #expect(history.last?.from == .offer)
            }
        }
    }
}
