/// A skill in the shipped taxonomy: the unit every service matches on.
public struct Skill: Codable, Sendable, Hashable {
    public var id: String
    /// The canonical display form ("C++", "Node.js", "CI/CD").
    public var name: String
    public var category: String
    /// Other spellings and abbreviations, lower-case ("js", "k8s", "postgres").
    public var aliases: [String]
    public var related: [String]
    /// Skills to learn first; the graph is acyclic.
    public var prerequisites: [String]
}

/// A career role with the skills postings for it require and prefer.
public struct Role: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    public var aliases: [String]
    /// Typical seniority, 1 (entry) to 5 (principal).
    public var level: Int
    public var required: [String]
    public var preferred: [String]
}

/// The file's shape: `Resources/taxonomy.json`.
struct TaxonomyDocument: Codable, Sendable {
    var version: Int
    var skills: [Skill]
    var roles: [Role]
}
