import Foundation

/// Where a job application stands (job-service `/jobs/applications`). Which
/// status may follow which is job-service's rule; each application lists its
/// possible next ones in `JobApplication.nextStatuses`.
public enum ApplicationStatus: String, Codable, Sendable, CaseIterable {
    /// Bookmarked, not applied yet.
    case saved
    case applied
    /// Applied and heard nothing back for a while.
    case noResponse = "no_response"
    /// The employer answered (a recruiter call, a screening questionnaire).
    case response
    case interview
    case offer
    case accepted
    case rejected
    case withdrawn

    /// Accepted, rejected and withdrawn end an application: no status follows them.
    public var isFinal: Bool { self == .accepted || self == .rejected || self == .withdrawn }
}

/// One tracked application: the job as it was when saved, where it stands, the
/// résumé version sent, the user's note and when to follow up.
public struct JobApplication: Codable, Sendable, Equatable {
    public var id: String
    /// The posting tracked; nil for a job the user added by hand.
    public var jobId: String?
    /// The posting as it was when the application was saved: later edits and
    /// closing at the board do not change it. A job added by hand has source
    /// "manual" and the application's id as its id.
    public var job: Job
    public var status: ApplicationStatus
    /// The statuses this application may move to next; empty once final.
    public var nextStatuses: [ApplicationStatus]
    /// profile-service's résumé version (`/profile/resumes/{id}`) sent with it.
    public var resumeVersionId: String?
    public var note: String?
    /// `YYYY-MM-DD`: the day to chase the employer.
    public var followUpOn: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// Every status change, oldest first; absent from lists.
    public var history: [ApplicationEvent]?

    public init(
        id: String, jobId: String?, job: Job, status: ApplicationStatus, nextStatuses: [ApplicationStatus],
        resumeVersionId: String? = nil, note: String? = nil, followUpOn: String? = nil, createdAt: Date,
        updatedAt: Date, history: [ApplicationEvent]? = nil
    ) {
        self.id = id
        self.jobId = jobId
        self.job = job
        self.status = status
        self.nextStatuses = nextStatuses
        self.resumeVersionId = resumeVersionId
        self.note = note
        self.followUpOn = followUpOn
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.history = history
    }
}

/// One status change of an application: `from` is nil for the first, when the
/// application was saved.
public struct ApplicationEvent: Codable, Sendable, Equatable {
    public var from: ApplicationStatus?
    public var to: ApplicationStatus
    /// The note given with the change.
    public var note: String?
    public var at: Date

    public init(from: ApplicationStatus?, to: ApplicationStatus, note: String? = nil, at: Date) {
        self.from = from
        self.to = to
        self.note = note
        self.at = at
    }
}

/// One page of `GET /jobs/applications`, most recently changed first; pass
/// `nextCursor` as `cursor` for the next page (nil on the last).
public struct JobApplicationPage: Codable, Sendable, Equatable {
    public var items: [JobApplication]
    public var nextCursor: String?

    public init(items: [JobApplication], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// `POST /jobs/applications`: either `jobId` (a job-service posting) or `job`
/// (a job found elsewhere), never both.
public struct NewJobApplication: Codable, Sendable, Equatable {
    public var jobId: String?
    public var job: ExternalJob?
    /// `saved` (the default) or `applied`.
    public var status: ApplicationStatus?
    public var resumeVersionId: String?
    public var note: String?
    /// `YYYY-MM-DD`.
    public var followUpOn: String?

    public init(
        jobId: String? = nil, job: ExternalJob? = nil, status: ApplicationStatus? = nil,
        resumeVersionId: String? = nil, note: String? = nil, followUpOn: String? = nil
    ) {
        self.jobId = jobId
        self.job = job
        self.status = status
        self.resumeVersionId = resumeVersionId
        self.note = note
        self.followUpOn = followUpOn
    }
}

/// A job the user found outside job-service, tracked by what they tell us.
public struct ExternalJob: Codable, Sendable, Equatable {
    public var title: String
    public var company: String
    public var applyUrl: String?
    public var locations: [String]?
    public var workplace: Job.Workplace?
    public var employmentType: String?
    public var description: String?

    public init(
        title: String, company: String, applyUrl: String? = nil, locations: [String]? = nil,
        workplace: Job.Workplace? = nil, employmentType: String? = nil, description: String? = nil
    ) {
        self.title = title
        self.company = company
        self.applyUrl = applyUrl
        self.locations = locations
        self.workplace = workplace
        self.employmentType = employmentType
        self.description = description
    }
}

/// `PATCH /jobs/applications/{id}`: absent fields stay as they are. For
/// `note`, `followUpOn` and `resumeVersionId`, `.some(nil)` travels as JSON
/// `null` and clears the field. A new status records an event carrying `note`.
public struct JobApplicationUpdate: Codable, Sendable, Equatable {
    public var status: ApplicationStatus?
    public var note: String??
    public var followUpOn: String??
    public var resumeVersionId: String??

    public init(
        status: ApplicationStatus? = nil, note: String?? = nil, followUpOn: String?? = nil,
        resumeVersionId: String?? = nil
    ) {
        self.status = status
        self.note = note
        self.followUpOn = followUpOn
        self.resumeVersionId = resumeVersionId
    }

    private enum CodingKeys: String, CodingKey {
        case status, note, followUpOn, resumeVersionId
    }

    /// Keeps "absent" and "null" apart, which synthesised decoding would merge.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func clearable(_ key: CodingKeys) throws -> String?? {
            guard container.contains(key) else { return nil }
            return .some(try container.decodeNil(forKey: key) ? nil : container.decode(String.self, forKey: key))
        }
        status = try container.decodeIfPresent(ApplicationStatus.self, forKey: .status)
        note = try clearable(.note)
        followUpOn = try clearable(.followUpOn)
        resumeVersionId = try clearable(.resumeVersionId)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        func clearable(_ value: String??, _ key: CodingKeys) throws {
            guard case .some(let inner) = value else { return }
            if let inner { try container.encode(inner, forKey: key) } else { try container.encodeNil(forKey: key) }
        }
        try container.encodeIfPresent(status, forKey: .status)
        try clearable(note, .note)
        try clearable(followUpOn, .followUpOn)
        try clearable(resumeVersionId, .resumeVersionId)
    }
}

/// `GET /jobs/applications/stats`: how a user's search is going.
public struct JobApplicationStats: Codable, Sendable, Equatable {
    /// How many applications ever reached each stage or a later one, from the
    /// history: an application rejected after an interview still counts as
    /// interviewed. `applied` includes those later rejected or never answered.
    public struct Funnel: Codable, Sendable, Equatable {
        public var applied: Int
        public var response: Int
        public var interview: Int
        public var offer: Int
        public var accepted: Int

        public init(applied: Int, response: Int, interview: Int, offer: Int, accepted: Int) {
            self.applied = applied
            self.response = response
            self.interview = interview
            self.offer = offer
            self.accepted = accepted
        }
    }

    public var total: Int
    /// Applications per current status, keyed by `ApplicationStatus` raw value;
    /// every status is present, zero when none.
    public var byStatus: [String: Int]
    public var funnel: Funnel
    /// `funnel.response / funnel.applied`; nil when nothing was applied for.
    public var responseRate: Double?
    /// Per status (raw value): the median days from entering it to the next
    /// change, over completed stages only; statuses never left are absent.
    public var medianDaysInStage: [String: Double]

    public init(
        total: Int, byStatus: [String: Int], funnel: Funnel, responseRate: Double?,
        medianDaysInStage: [String: Double]
    ) {
        self.total = total
        self.byStatus = byStatus
        self.funnel = funnel
        self.responseRate = responseRate
        self.medianDaysInStage = medianDaysInStage
    }
}
