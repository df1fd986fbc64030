/// `POST /resume/generate`: tailor the user's profile to a job description.
/// The description comes inline or by `jobId` (fetched from job-service); the
/// profile inline or, when absent, the caller's stored one.
public struct ResumeGenerationRequest: Codable, Sendable, Equatable {
    public var jobDescription: String?
    public var jobId: String?
    public var profile: Resume?
    /// The role aimed for, when the description does not name one (or there is none).
    public var targetTitle: String?
    /// Let a language model rephrase; its output still passes the claim check.
    public var useModel: Bool?
    /// Save the result as a résumé version with profile-service.
    public var store: Bool?

    public init(
        jobDescription: String? = nil, jobId: String? = nil, profile: Resume? = nil, targetTitle: String? = nil,
        useModel: Bool? = nil, store: Bool? = nil
    ) {
        self.jobDescription = jobDescription
        self.jobId = jobId
        self.profile = profile
        self.targetTitle = targetTitle
        self.useModel = useModel
        self.store = store
    }
}

/// The tailored résumé and the report that explains it.
public struct ResumeGenerationResponse: Codable, Sendable, Equatable {
    /// JSON Resume v1.2.1, every claim in it backed by the profile.
    public var resume: Resume
    /// Each skill the job asks for and where the profile stands on it.
    public var requirements: [RequirementStatus]
    public var keywordCoverage: KeywordCoverage
    /// Requirements the person does not hold (missing, or only a related skill held):
    /// what a learning path should cover.
    public var missingRequirements: [RequirementStatus]
    /// What the anti-fabrication check took out of the candidate résumé, and why.
    public var removedClaims: [RemovedClaim]
    public var llm: LLMUsage
    /// The saved version's id when `store` was asked for.
    public var resumeVersionId: String?
    /// Why saving failed, when it was asked for and did not happen; the résumé stands.
    public var storeError: String?

    public init(
        resume: Resume, requirements: [RequirementStatus], keywordCoverage: KeywordCoverage,
        missingRequirements: [RequirementStatus], removedClaims: [RemovedClaim], llm: LLMUsage,
        resumeVersionId: String? = nil, storeError: String? = nil
    ) {
        self.resume = resume
        self.requirements = requirements
        self.keywordCoverage = keywordCoverage
        self.missingRequirements = missingRequirements
        self.removedClaims = removedClaims
        self.llm = llm
        self.resumeVersionId = resumeVersionId
        self.storeError = storeError
    }
}

/// How much a job wants a skill, from the wording and section it appears in.
public enum RequirementImportance: String, Codable, Sendable, Equatable {
    case required
    case preferred
}

/// Where a profile stands on one required skill.
public enum RequirementStanding: String, Codable, Sendable, Equatable {
    /// Held and shown in work or project text.
    case evidenced
    /// Present only in a list (skills, project keywords, declared skills), or only
    /// a related skill is held: can be moved forward, never invented.
    case canEmphasise
    case missing
}

/// One job requirement (a taxonomy skill) classified against the profile.
public struct RequirementStatus: Codable, Sendable, Equatable {
    public var skillId: String
    public var name: String
    public var importance: RequirementImportance
    public var status: RequirementStanding
    /// The profile text that backs the status, when there is one.
    public var evidence: String?
    /// Skills the person holds that the taxonomy relates to this one, when the
    /// skill itself is not held.
    public var relatedSkillIds: [String]?

    public init(
        skillId: String, name: String, importance: RequirementImportance, status: RequirementStanding,
        evidence: String? = nil, relatedSkillIds: [String]? = nil
    ) {
        self.skillId = skillId
        self.name = name
        self.importance = importance
        self.status = status
        self.evidence = evidence
        self.relatedSkillIds = relatedSkillIds
    }
}

/// The share of the job's required skills (by taxonomy id) visible in the résumé
/// text, before tailoring (the profile) and after. 0 when the job names no skills.
public struct KeywordCoverage: Codable, Sendable, Equatable {
    public var before: Double
    public var after: Double
    public var matchedBefore: [String]
    public var matchedAfter: [String]

    public init(before: Double, after: Double, matchedBefore: [String], matchedAfter: [String]) {
        self.before = before
        self.after = after
        self.matchedBefore = matchedBefore
        self.matchedAfter = matchedAfter
    }
}

/// One claim the anti-fabrication check removed or reverted.
public struct RemovedClaim: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, Equatable {
        /// A skill the profile never shows.
        case skill
        /// A work, volunteer or project entry the profile does not have.
        case employer
        /// A job title (or project role) other than the profile's.
        case position
        case date
        case education
        case certificate
        /// A figure the profile's text never states.
        case number
        /// A years-of-experience figure other than the one the work dates give.
        case yearsOfExperience
        /// Name, e-mail, phone, links or location other than the profile's.
        case contactDetails
        /// An award, publication, language, interest or reference not in the profile.
        case entry
        /// Another factual field (location, url, level) put back to the profile's value.
        case detail
    }

    public var kind: Kind
    /// Where in the candidate résumé, e.g. `work[1].highlights[2]`.
    public var path: String
    /// The candidate's text.
    public var text: String
    /// What it was reverted to; nil when it was removed.
    public var replacement: String?
    public var reason: String

    public init(kind: Kind, path: String, text: String, replacement: String? = nil, reason: String) {
        self.kind = kind
        self.path = path
        self.text = text
        self.replacement = replacement
        self.reason = reason
    }
}
