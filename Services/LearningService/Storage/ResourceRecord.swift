import Contracts
import Database
import Foundation

/// One row of the resources table as `jsonb_to_recordset` reads it, and the
/// mapping between rows and `LearningResource`.
struct ResourceRecord: Codable, Sendable {
    var key: String
    var title: String
    var provider: String
    var url: String
    var kind: String
    var level: String
    var free: Bool
    var estimatedHours: Double?
    var language: String?
    var skills: [String]
    var provenance: String
    var stars: Int?
    var views: Int?
    var publishedAt: Date?

    private enum CodingKeys: String, CodingKey {
        case key, title, provider, url, kind, level, free
        case estimatedHours = "estimated_hours"
        case language, skills, provenance, stars, views
        case publishedAt = "published_at"
    }

    /// The recordset's column definitions, in table order.
    static let columns = """
        key text, title text, provider text, url text, kind text, level text, free boolean,
        estimated_hours double precision, language text, skills text[], provenance text, stars integer,
        views bigint, published_at timestamptz
        """

    /// The select list `resource(from:)` reads.
    static let selectList = """
        key, title, provider, url, kind, level, free, estimated_hours, language, skills, provenance, stars,
        views, published_at
        """

    init(_ resource: LearningResource) {
        key = resource.id
        title = resource.title
        provider = resource.provider
        url = resource.url
        kind = resource.type.rawValue
        level = resource.level.rawValue
        free = resource.free
        estimatedHours = resource.estimatedHours
        language = resource.language
        skills = resource.skills
        provenance = resource.source.rawValue
        stars = resource.stars
        views = resource.views
        publishedAt = resource.publishedAt
    }

    static func resource(from row: DatabaseRow) throws -> LearningResource {
        let kind: String = try row.decode("kind")
        let level: String = try row.decode("level")
        let provenance: String = try row.decode("provenance")
        guard let type = LearningResource.Kind(rawValue: kind), let level = LearningResource.Level(rawValue: level),
            let source = LearningResource.Provenance(rawValue: provenance)
        else {
            // The table's CHECK constraints make this unreachable short of a hand-edited row.
            throw DatabaseError(
                .decodingFailed, "resource row with kind \(kind), level \(level), provenance \(provenance)")
        }
        let views: Int64? = try row.decode("views")
        return LearningResource(
            id: try row.decode("key"), title: try row.decode("title"), provider: try row.decode("provider"),
            url: try row.decode("url"), type: type, level: level, free: try row.decode("free"),
            estimatedHours: try row.decode("estimated_hours"), language: try row.decode("language"),
            skills: try row.decode("skills"), source: source, stars: try row.decode("stars"),
            views: views.map { Int($0) }, publishedAt: try row.decode("published_at"))
    }
}
