import Contracts
import Database
import Foundation
import ServiceKit

/// The query of `GET /jobs/applications`: `status` (one or several, comma
/// separated), `due` (follow-ups on or before a day, open applications only),
/// `cursor` and `limit`; every bad parameter named in one 400.
struct ApplicationListQuery: Sendable {
    var statuses: [ApplicationStatus] = []
    var due: CalendarDate?
    var cursor: ApplicationCursor?
    var limit = Self.defaultLimit

    static let defaultLimit = 50
    static let maximumLimit = 200

    init() {}

    init(_ parameter: (String) -> String?) throws {
        var errors: [Problem.FieldError] = []
        if let text = parameter("status") {
            for name in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let status = ApplicationStatus(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    let known = ApplicationStatus.allCases.map(\.rawValue).joined(separator: ", ")
                    errors.append(.init(pointer: "/status", reason: "'\(name)' is not one of \(known)"))
                    continue
                }
                statuses.append(status)
            }
        }
        if let text = parameter("due") {
            due = CalendarDate(text)
            if due == nil { errors.append(.init(pointer: "/due", reason: "must be a real date written YYYY-MM-DD")) }
        }
        if let text = parameter("cursor") {
            cursor = ApplicationCursor(text)
            if cursor == nil { errors.append(.init(pointer: "/cursor", reason: "must be a nextCursor from a page")) }
        }
        if let text = parameter("limit") {
            if let value = Int(text), (1...Self.maximumLimit).contains(value) {
                limit = value
            } else {
                errors.append(.init(pointer: "/limit", reason: "must be a whole number from 1 to \(Self.maximumLimit)"))
            }
        }
        guard errors.isEmpty else { throw ServiceError.badRequest("the query is invalid", fieldErrors: errors) }
    }
}
