import Foundation

/// The skills and roles every service matches against, loaded once at start and
/// validated: an unknown id in a relation, an alias claimed by two skills or a
/// prerequisite cycle stops the load.
public struct Taxonomy: Sendable {
    public let version: Int
    public let skills: [String: Skill]
    public let roles: [String: Role]
    /// Skills in file order, for stable listings.
    public let orderedSkillIds: [String]
    /// Lower-cased name or alias → skill id.
    let phrases: [String: String]
    /// The same keys with every character but letters, digits, `+` and `#`
    /// removed ("node js", "nodejs", "node.js" meet); keys two skills share are dropped.
    let compactPhrases: [String: String]
    /// Longest phrase, in words: how far the extractor looks ahead.
    let longestPhrase: Int
    /// First words of the phrases of two or more words: the extractor tries the
    /// longer candidates only at a word that can open one.
    let phraseOpeners: Set<String>

    /// The taxonomy shipped with CareerGini.
    public static func bundled() throws -> Taxonomy {
        try bundledOnce.get()
    }

    /// Read once per process: the file never changes while it runs, and every
    /// service builds its routes (and every test its app) from it.
    private static let bundledOnce = Result<Taxonomy, any Error> {
        guard let url = Bundle.module.url(forResource: "taxonomy", withExtension: "json") else {
            throw TaxonomyError(.unreadable, "taxonomy.json is missing from the bundle")
        }
        return try load(from: url)
    }

    public static func load(from url: URL) throws -> Taxonomy {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TaxonomyError(.unreadable, "cannot read \(url.path): \(error)")
        }
        return try load(data)
    }

    public static func load(_ data: Data) throws -> Taxonomy {
        let document: TaxonomyDocument
        do {
            document = try JSONDecoder().decode(TaxonomyDocument.self, from: data)
        } catch {
            throw TaxonomyError(.unreadable, "taxonomy data is not valid: \(error)")
        }
        return try Taxonomy(document)
    }

    init(_ document: TaxonomyDocument) throws {
        var skills: [String: Skill] = [:]
        for skill in document.skills {
            guard skills.updateValue(skill, forKey: skill.id) == nil else {
                throw TaxonomyError(.duplicateId, "skill id '\(skill.id)' appears twice")
            }
        }
        var roles: [String: Role] = [:]
        for role in document.roles {
            guard roles.updateValue(role, forKey: role.id) == nil else {
                throw TaxonomyError(.duplicateId, "role id '\(role.id)' appears twice")
            }
            guard (1...5).contains(role.level) else {
                throw TaxonomyError(.invalidValue, "role '\(role.id)' has level \(role.level), not 1...5")
            }
            for id in role.required + role.preferred where skills[id] == nil {
                throw TaxonomyError(.unknownReference, "role '\(role.id)' names unknown skill '\(id)'")
            }
        }
        for skill in document.skills {
            for id in skill.related + skill.prerequisites where skills[id] == nil {
                throw TaxonomyError(.unknownReference, "skill '\(skill.id)' names unknown skill '\(id)'")
            }
        }
        try Self.checkAcyclic(skills)

        var phrases: [String: String] = [:]
        var compact: [String: String?] = [:]
        var longest = 1
        for skill in document.skills {
            for phrase in [skill.name, skill.id] + skill.aliases {
                let key = SkillText.phraseKey(phrase)
                guard !key.isEmpty else { continue }
                if let owner = phrases[key], owner != skill.id {
                    throw TaxonomyError(
                        .ambiguousAlias, "'\(phrase)' names both '\(owner)' and '\(skill.id)'")
                }
                phrases[key] = skill.id
                longest = max(longest, key.split(separator: " ").count)
                let squeezed = SkillText.compactKey(phrase)
                if !squeezed.isEmpty {
                    if let existing = compact[squeezed], existing != skill.id {
                        compact[squeezed] = .some(nil)
                    } else {
                        compact[squeezed] = skill.id
                    }
                }
            }
        }
        self.version = document.version
        self.skills = skills
        self.roles = roles
        self.orderedSkillIds = document.skills.map(\.id)
        self.phrases = phrases
        self.compactPhrases = compact.compactMapValues { $0 }
        self.longestPhrase = longest
        self.phraseOpeners = Set(
            phrases.keys.compactMap { key in key.contains(" ") ? key.split(separator: " ").first.map(String.init) : nil
            })
    }

    /// Depth-first search for a prerequisite cycle; names one when found.
    static func checkAcyclic(_ skills: [String: Skill]) throws {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        func visit(_ id: String, path: [String]) throws {
            switch marks[id] {
            case .done: return
            case .visiting:
                let cycle = path.drop { $0 != id } + [id]
                throw TaxonomyError(.prerequisiteCycle, "prerequisite cycle: \(cycle.joined(separator: " → "))")
            case nil:
                marks[id] = .visiting
                for next in skills[id]?.prerequisites ?? [] { try visit(next, path: path + [id]) }
                marks[id] = .done
            }
        }
        for id in skills.keys.sorted() { try visit(id, path: []) }
    }

    public func skill(_ id: String) -> Skill? { skills[id] }

    public func role(_ id: String) -> Role? { roles[id] }

    /// The skill a free-text skill name means ("JS", "Python 3", "k8s", "Postgres",
    /// "C++", "node js"), or nil. For names in a list, where "go" is the language;
    /// running text goes through `extractSkills`, which is stricter.
    public func skillId(for text: String) -> String? {
        let key = SkillText.phraseKey(text)
        if let id = phrases[key] { return id }
        let unversioned = SkillText.phraseKey(SkillText.withoutVersion(text))
        if let id = phrases[unversioned] { return id }
        let squeezed = SkillText.compactKey(SkillText.withoutVersion(text))
        return squeezed.isEmpty ? nil : compactPhrases[squeezed]
    }

    /// All prerequisites of `id`, transitively, each before anything that needs it.
    public func prerequisiteChain(of id: String) -> [String] {
        var ordered: [String] = []
        var seen: Set<String> = []
        func visit(_ id: String) {
            for next in skills[id]?.prerequisites ?? [] where !seen.contains(next) {
                seen.insert(next)
                visit(next)
                ordered.append(next)
            }
        }
        visit(id)
        return ordered
    }
}
