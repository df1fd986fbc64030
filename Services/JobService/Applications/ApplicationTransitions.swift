import Contracts
import HTTPTypes
import ServiceKit

/// Which status may follow which: the whole rule, in one table.
///
/// - saved → applied | withdrawn: a bookmark is applied for or dropped.
/// - applied → no_response | response | interview | rejected | withdrawn: an
///   employer may skip the "response" step and invite straight to interview.
/// - no_response → response | interview | rejected | withdrawn: silence is
///   not final, late answers happen.
/// - response → interview | offer | rejected | withdrawn: some employers offer
///   after a single conversation.
/// - interview → offer | rejected | withdrawn: further rounds are notes, not
///   new statuses, so the funnel counts an interviewed application once.
/// - offer → accepted | rejected | withdrawn: `rejected` covers a declined or
///   rescinded offer.
/// - accepted, rejected and withdrawn are final.
enum ApplicationTransitions {
    static let allowed: [ApplicationStatus: [ApplicationStatus]] = [
        .saved: [.applied, .withdrawn],
        .applied: [.noResponse, .response, .interview, .rejected, .withdrawn],
        .noResponse: [.response, .interview, .rejected, .withdrawn],
        .response: [.interview, .offer, .rejected, .withdrawn],
        .interview: [.offer, .rejected, .withdrawn],
        .offer: [.accepted, .rejected, .withdrawn],
        .accepted: [],
        .rejected: [],
        .withdrawn: [],
    ]

    /// The statuses a new application may start in.
    static let initial: [ApplicationStatus] = [.saved, .applied]

    static func next(after status: ApplicationStatus) -> [ApplicationStatus] { allowed[status] ?? [] }

    /// 409 unless `status` may move to `target`, naming what may follow instead.
    static func check(from status: ApplicationStatus, to target: ApplicationStatus) throws {
        let next = next(after: status)
        guard !next.contains(target) else { return }
        let detail =
            next.isEmpty
            ? "the application is \(status.rawValue), which is final: its status cannot change"
            : "the application is \(status.rawValue) and cannot become \(target.rawValue); it can become "
                + next.map(\.rawValue).joined(separator: ", ")
        throw ServiceError(.conflict, title: "Status change not allowed", detail: detail)
    }
}
