import Contracts
import Database
import Foundation
import ServiceKit

/// A `PATCH /jobs/applications/{id}` body, checked field by field: absent
/// fields stay, `null` clears the clearable ones.
struct ApplicationChange: Sendable {
    var status: ApplicationStatus?
    var note: FieldUpdate<String>
    var followUpOn: FieldUpdate<CalendarDate>
    var resumeVersionId: FieldUpdate<UUID>

    static let fields: Set<String> = ["status", "note", "followUpOn", "resumeVersionId"]

    /// Every problem at once as a 400 with field errors.
    init(body: JSONValue) throws {
        var reader = JSONFieldReader(body)
        reader.rejectUnknown(allowed: Self.fields)
        if reader.errors.isEmpty, reader.isEmpty {
            throw ServiceError.badRequest("give at least one of " + Self.fields.sorted().joined(separator: ", "))
        }
        status = reader.status("status", allowed: ApplicationStatus.allCases)
        note = reader.text("note", maxLength: ApplicationLimits.note)
        followUpOn = reader.day("followUpOn")
        resumeVersionId = reader.uuid("resumeVersionId")
        guard reader.errors.isEmpty else {
            throw ServiceError.badRequest("the change is invalid", fieldErrors: reader.errors)
        }
    }
}
