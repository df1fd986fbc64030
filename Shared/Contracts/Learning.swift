import Foundation

/// A learning resource as learning-service serves it: from the shipped
/// catalogue or found live on YouTube or GitHub.
public struct LearningResource: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case course, video, docs, book, tutorial, project, repo
    }

    public enum Level: String, Codable, Sendable, CaseIterable, Comparable {
        case beginner, intermediate, advanced

        /// Beginner 1, intermediate 2, advanced 3: the order a learner meets them.
        public var rank: Int {
            switch self {
            case .beginner: 1
            case .intermediate: 2
            case .advanced: 3
            }
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }

    /// Where the resource came from.
    public enum Provenance: String, Codable, Sendable, CaseIterable {
        case catalogue, youtube, github
    }

    /// The catalogue's id, or "youtube:<video id>" and "github:<owner/name>" for live finds.
    public var id: String
    public var title: String
    public var provider: String
    public var url: String
    public var type: Kind
    public var level: Level
    public var free: Bool
    public var estimatedHours: Double?
    /// ISO 639-1 code of the content's language.
    public var language: String?
    /// Taxonomy skill ids the resource teaches, the main one first.
    public var skills: [String]
    public var source: Provenance
    /// GitHub stars, for repositories.
    public var stars: Int?
    /// YouTube views, for videos.
    public var views: Int?
    public var publishedAt: Date?
    /// How well the resource fits the request and the person, 0...1; set on ranked lists.
    public var fit: Double?
    /// Why it ranks where it does, in plain words; set on ranked lists.
    public var reasons: [String]?

    public init(
        id: String, title: String, provider: String, url: String, type: Kind, level: Level, free: Bool,
        estimatedHours: Double? = nil, language: String? = nil, skills: [String], source: Provenance = .catalogue,
        stars: Int? = nil, views: Int? = nil, publishedAt: Date? = nil, fit: Double? = nil, reasons: [String]? = nil
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
        self.source = source
        self.stars = stars
        self.views = views
        self.publishedAt = publishedAt
        self.fit = fit
        self.reasons = reasons
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, provider, url, type, level, free, estimatedHours, language, skills, source, stars, views
        case publishedAt, fit, reasons
    }

    /// Tolerant of payloads written before provenance existed: they are catalogue entries.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        provider = try container.decode(String.self, forKey: .provider)
        url = try container.decode(String.self, forKey: .url)
        type = try container.decode(Kind.self, forKey: .type)
        level = try container.decode(Level.self, forKey: .level)
        free = try container.decode(Bool.self, forKey: .free)
        estimatedHours = try container.decodeIfPresent(Double.self, forKey: .estimatedHours)
        language = try container.decodeIfPresent(String.self, forKey: .language)
        skills = try container.decode([String].self, forKey: .skills)
        source = try container.decodeIfPresent(Provenance.self, forKey: .source) ?? .catalogue
        stars = try container.decodeIfPresent(Int.self, forKey: .stars)
        views = try container.decodeIfPresent(Int.self, forKey: .views)
        publishedAt = try container.decodeIfPresent(Date.self, forKey: .publishedAt)
        fit = try container.decodeIfPresent(Double.self, forKey: .fit)
        reasons = try container.decodeIfPresent([String].self, forKey: .reasons)
    }
}

/// A ranked list of resources, best first.
public struct LearningResourcePage: Codable, Sendable, Equatable {
    public var items: [LearningResource]
    /// The Taxonomy ids the asked skills resolved to ("k8s" is kubernetes), most important first.
    public var skills: [String]?
    /// How many resources passed the filters; `items` holds the first `limit` of them.
    public var total: Int?

    public init(items: [LearningResource], skills: [String]? = nil, total: Int? = nil) {
        self.items = items
        self.skills = skills
        self.total = total
    }
}
