/// A learning resource as learning-service serves it.
public struct LearningResource: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case course, video, docs, book, tutorial, project, repo
    }

    public enum Level: String, Codable, Sendable {
        case beginner, intermediate, advanced
    }

    public var id: String
    public var title: String
    public var provider: String
    public var url: String
    public var type: Kind
    public var level: Level
    public var free: Bool
    public var estimatedHours: Double?
    public var language: String?
    /// Taxonomy skill ids the resource teaches.
    public var skills: [String]

    public init(
        id: String, title: String, provider: String, url: String, type: Kind, level: Level, free: Bool,
        estimatedHours: Double? = nil, language: String? = nil, skills: [String]
    ) {
        self.id = id
        self.title = title
        self.provider = provider
        self.url = url
        self.type = type
        self.level = level
        self.free = free
        self.estimatedHours = estimatedHours
        self.language = language
        self.skills = skills
    }
}

public struct LearningResourcePage: Codable, Sendable, Equatable {
    public var items: [LearningResource]

    public init(items: [LearningResource]) { self.items = items }
}
