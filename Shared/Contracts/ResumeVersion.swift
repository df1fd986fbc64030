import Foundation

/// A saved résumé (profile-service `/profile/resumes`): a tailored version the
/// AI service generated for a job, or one the user saved.
public struct ResumeVersion: Codable, Sendable, Equatable {
    public enum Origin: String, Codable, Sendable {
        case tailored
        case user
    }

    public var id: String
    public var label: String
    public var origin: Origin
    public var jobDescription: String?
    public var resume: Resume
    public var report: JSONValue?
    public var createdAt: Date

    public init(
        id: String, label: String, origin: Origin, jobDescription: String?, resume: Resume, report: JSONValue?,
        createdAt: Date
    ) {
        self.id = id
        self.label = label
        self.origin = origin
        self.jobDescription = jobDescription
        self.resume = resume
        self.report = report
        self.createdAt = createdAt
    }
}

/// `POST /profile/resumes`.
public struct NewResumeVersion: Codable, Sendable, Equatable {
    public var label: String
    public var origin: ResumeVersion.Origin?
    public var jobDescription: String?
    public var resume: Resume
    public var report: JSONValue?

    public init(
        label: String, origin: ResumeVersion.Origin? = nil, jobDescription: String? = nil, resume: Resume,
        report: JSONValue? = nil
    ) {
        self.label = label
        self.origin = origin
        self.jobDescription = jobDescription
        self.resume = resume
        self.report = report
    }
}
