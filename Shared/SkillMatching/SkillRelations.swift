import Taxonomy

/// What holding some skills says about others, by the taxonomy's relations and
/// nothing looser:
///
/// - **Implied** (full credit): a prerequisite, transitively, of a held skill.
///   Someone who uses PostgreSQL knows SQL; someone who uses React knows JavaScript.
/// - **Close relative** (half credit, and half the learning time): a skill the
///   taxonomy lists as `related` to a held one, in either direction, *and* in the
///   same category: CockroachDB for PostgreSQL, Jenkins for GitHub Actions. The
///   category guard keeps loose links out (JavaScript lists CSS as related; knowing
///   one is not half of the other). Skills that merely share a prerequisite get
///   nothing: PostgreSQL and MySQL are not related in the taxonomy, so neither
///   counts for the other.
public struct SkillRelations: Sendable {
    public let taxonomy: Taxonomy
    /// Implied skill → the first held skill (in held order) that implies it.
    private let impliedBy: [String: String]
    private let held: [String]
    private let heldSet: Set<String>

    public init(taxonomy: Taxonomy, held: [String]) {
        self.taxonomy = taxonomy
        self.held = held
        self.heldSet = Set(held)
        var implied: [String: String] = [:]
        for id in held {
            for prerequisite in taxonomy.prerequisiteChain(of: id) where implied[prerequisite] == nil {
                implied[prerequisite] = id
            }
        }
        self.impliedBy = implied
    }

    /// The held skill that implies `id`, when `id` is not held itself.
    public func implier(of id: String) -> String? {
        heldSet.contains(id) ? nil : impliedBy[id]
    }

    /// Held outright or implied.
    public func has(_ id: String) -> Bool { heldSet.contains(id) || impliedBy[id] != nil }

    /// A held skill that is a close relative of `id`: the first of `id`'s own
    /// related list that is held, else the first held skill listing `id`.
    public func closeRelativeHeld(of id: String) -> String? {
        guard let skill = taxonomy.skill(id) else { return nil }
        func close(_ other: String) -> Bool { taxonomy.skill(other)?.category == skill.category }
        if let own = skill.related.first(where: { heldSet.contains($0) && close($0) }) { return own }
        return held.first { other in
            other != id && close(other) && taxonomy.skill(other)?.related.contains(id) == true
        }
    }

    /// The credit a requirement earns, as the match score counts it: 1 when held
    /// or implied, 0.5 when a close relative is held, else 0.
    public func credit(for id: String) -> Double {
        has(id) ? 1 : closeRelativeHeld(of: id) == nil ? 0 : 0.5
    }
}
