import Foundation

/// Where a part of a profile came from; `account` is the sign-in identity the
/// gateway passes on after an OAuth sign-in, `learning` the steps the user
/// finished on a learning-service path.
public enum ProfileSourceKind: String, Codable, Sendable, CaseIterable {
    case resume, linkedin, github, account, learning
}

/// A skill the user worked on by finishing a learning-path step: learning-service
/// sends it to profile-service's `POST /internal/profile/skills/learning`, where
/// it becomes `learning` evidence on the profile's skill.
public struct LearningEvidence: Codable, Sendable, Equatable {
    /// A taxonomy skill id (or any spelling of one).
    public var skill: String
    /// What was done: "Completed Kubernetes Basics (CareerGini learning path)".
    public var text: String
    /// When, as an ISO 8601 partial date ("2026-11").
    public var date: String?

    public init(skill: String, text: String, date: String?) {
        self.skill = skill
        self.text = text
        self.date = date
    }
}

/// What an OAuth sign-in tells about a person (LinkedIn's sign-in gives only
/// this much): the gateway sends it to profile-service's
/// `PUT /internal/profile/identity`, where it becomes the lowest-priority source.
public struct SignInIdentity: Codable, Sendable, Equatable {
    /// "google", "github", "linkedin".
    public var provider: String
    public var name: String?
    /// Only an address the provider verified.
    public var email: String?
    public var pictureURL: String?

    public init(provider: String, name: String?, email: String?, pictureURL: String?) {
        self.provider = provider
        self.name = name
        self.email = email
        self.pictureURL = pictureURL
    }
}

/// One source of a user's profile: an uploaded résumé, a LinkedIn export, a
/// GitHub account. Deleting it removes what it contributed.
public struct ProfileSource: Codable, Sendable, Equatable {
    public var id: String
    public var kind: ProfileSourceKind
    /// The file name, or the GitHub username.
    public var label: String
    public var importedAt: Date
    public var updatedAt: Date

    public init(id: String, kind: ProfileSourceKind, label: String, importedAt: Date, updatedAt: Date) {
        self.id = id
        self.kind = kind
        self.label = label
        self.importedAt = importedAt
        self.updatedAt = updatedAt
    }
}

/// What an import changed in the profile, per section ("work", "education",
/// "x-careergini/skills"), and which single fields (JSON Pointers) it set.
public struct ProfileChangeSummary: Codable, Sendable, Equatable {
    public var added: [String: Int]
    public var changed: [String: Int]
    public var removed: [String: Int]
    public var updatedFields: [String]

    public init(
        added: [String: Int] = [:], changed: [String: Int] = [:], removed: [String: Int] = [:],
        updatedFields: [String] = []
    ) {
        self.added = added
        self.changed = changed
        self.removed = removed
        self.updatedFields = updatedFields
    }
}

/// One import in the user's history (`GET /profile/imports`) and the answer to
/// an import request.
public struct ProfileImportRecord: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// The source was read and the profile recomputed.
        case succeeded
        /// The same file (or unchanged account) was imported before: nothing changed.
        case unchanged
        /// Nothing was imported; `error` says why.
        case failed
    }

    public var id: String
    public var kind: ProfileSourceKind
    public var label: String
    public var status: Status
    /// The source this import created or refreshed (nil when it failed, or the
    /// source was deleted since).
    public var sourceId: String?
    /// What was read: "work": 4, "skills": 12, "repositories": 30, …
    public var counts: [String: Int]
    public var changes: ProfileChangeSummary
    /// Per-file row counts and skipped rows (LinkedIn exports).
    public var files: [ImportFileReport]?
    public var warnings: [String]
    public var error: String?
    /// Whether the extraction model refined the structure (résumé files).
    public var llm: LLMUsage?
    public var createdAt: Date

    public init(
        id: String, kind: ProfileSourceKind, label: String, status: Status, sourceId: String?,
        counts: [String: Int], changes: ProfileChangeSummary, files: [ImportFileReport]?, warnings: [String],
        error: String?, llm: LLMUsage?, createdAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.label = label
        self.status = status
        self.sourceId = sourceId
        self.counts = counts
        self.changes = changes
        self.files = files
        self.warnings = warnings
        self.error = error
        self.llm = llm
        self.createdAt = createdAt
    }
}
