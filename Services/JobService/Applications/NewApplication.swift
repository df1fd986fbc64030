import Contracts
import Database
import Foundation
import ServiceKit

/// A `POST /jobs/applications` body, checked field by field: a posting to
/// track (`jobId`) or a job found elsewhere (`job`), and how it starts.
struct NewApplication: Sendable {
    enum Target: Sendable {
        case posting(UUID)
        case external(ExternalJob)
    }

    var target: Target
    var status: ApplicationStatus
    var resumeVersionId: UUID?
    var note: String?
    var followUpOn: CalendarDate?

    static let fields: Set<String> = ["jobId", "job", "status", "resumeVersionId", "note", "followUpOn"]
    static let jobFields: Set<String> = [
        "title", "company", "applyUrl", "locations", "workplace", "employmentType", "description",
    ]

    /// Every problem at once as a 400 with field errors.
    init(body: JSONValue) throws {
        var reader = JSONFieldReader(body)
        guard reader.errors.isEmpty else {
            throw ServiceError.badRequest("the application must be a JSON object", fieldErrors: reader.errors)
        }
        reader.rejectUnknown(allowed: Self.fields)
        let status = reader.status("status", allowed: ApplicationTransitions.initial)
        let resumeVersionId = reader.uuid("resumeVersionId").value
        let note = reader.text("note", maxLength: ApplicationLimits.note).value
        let followUpOn = reader.day("followUpOn").value
        let target = Self.target(&reader)
        guard reader.errors.isEmpty, let target else {
            throw ServiceError.badRequest("the application is invalid", fieldErrors: reader.errors)
        }
        self.target = target
        self.status = status ?? .saved
        self.resumeVersionId = resumeVersionId
        self.note = note
        self.followUpOn = followUpOn
    }

    /// `null` counts as absent, so a client may send both keys with one of them null.
    private static func target(_ reader: inout JSONFieldReader) -> Target? {
        let jobId = reader.value("jobId").flatMap { $0 == .null ? nil : $0 }
        let job = reader.value("job").flatMap { $0 == .null ? nil : $0 }
        switch (jobId, job) {
        case (.some, .some):
            reader.fail("job", "give either jobId (a job-service posting) or job (one found elsewhere), not both")
            return nil
        case (nil, nil):
            reader.fail("jobId", "is required unless job describes a job found elsewhere")
            return nil
        case (.some, nil):
            return reader.uuid("jobId").value.map(Target.posting)
        case (nil, .some(let value)):
            var nested = JSONFieldReader(value, pointer: "/job")
            let external = externalJob(&nested)
            reader.absorb(nested)
            return external.map(Target.external)
        }
    }

    private static func externalJob(_ reader: inout JSONFieldReader) -> ExternalJob? {
        guard reader.errors.isEmpty else { return nil }
        reader.rejectUnknown(allowed: jobFields)
        let title = reader.requiredText("title", maxLength: ApplicationLimits.title)
        let company = reader.requiredText("company", maxLength: ApplicationLimits.company)
        let applyUrl = reader.webURL("applyUrl", maxLength: ApplicationLimits.url).value
        let locations = reader.textList(
            "locations", maxItems: ApplicationLimits.locations, maxLength: ApplicationLimits.location
        ).value
        let workplace = reader.read("workplace") { value -> Result<Job.Workplace, JSONFieldReader.Refusal> in
            guard case .string(let text) = value, let workplace = Job.Workplace(rawValue: text) else {
                return .failure(JSONFieldReader.Refusal(reason: "must be remote, hybrid or onsite"))
            }
            return .success(workplace)
        }.value
        let employmentType = reader.read("employmentType") { value -> Result<String, JSONFieldReader.Refusal> in
            guard case .string(let text) = value, ApplicationLimits.employmentTypes.contains(text) else {
                return .failure(
                    JSONFieldReader.Refusal(
                        reason: "must be one of " + ApplicationLimits.employmentTypes.joined(separator: ", ")))
            }
            return .success(text)
        }.value
        let description = reader.text("description", maxLength: ApplicationLimits.description).value
        guard reader.errors.isEmpty, let title, let company else { return nil }
        return ExternalJob(
            title: title, company: company, applyUrl: applyUrl, locations: locations, workplace: workplace,
            employmentType: employmentType, description: description)
    }
}

extension ExternalJob {
    /// The snapshot of a job added by hand: source "manual", the application's id.
    func snapshot(applicationId: UUID) -> Job {
        Job(
            id: applicationId.uuidString.lowercased(), title: title, company: company, locations: locations ?? [],
            workplace: workplace, employmentType: employmentType, description: description, applyUrl: applyUrl,
            source: "manual")
    }
}
