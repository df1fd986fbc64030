import Contracts
import Database
import Foundation

/// Keeps `profile_skills` (one row per user and taxonomy id) equal to the
/// document's `x-careergini.skills`, so matching by skill is an index lookup.
enum ProfileSkillsTable {
    static func replace(_ userId: UUID, from document: JSONValue, _ connection: DatabaseConnection) async throws {
        try await connection.query("DELETE FROM profile_skills WHERE user_id = \(userId)")
        var ids: [String] = []
        var levels: [Int?] = []
        var years: [Double?] = []
        var lastUsed: [String?] = []
        var sources: [String] = []
        var seen = Set<String>()
        for skill in document["x-careergini"]?["skills"]?.arrayItems ?? [] {
            guard let id = skill["id"]?.stringValue, seen.insert(id).inserted else { continue }
            ids.append(id)
            levels.append(skill["level"]?.numberValue.map { min(max(Int($0), 1), 5) })
            years.append(skill["years"]?.numberValue.map { max($0, 0) })
            lastUsed.append(skill["lastUsed"]?.stringValue)
            let kinds = Set((skill["evidence"]?.arrayItems ?? []).compactMap { $0["source"]?.stringValue })
            sources.append(kinds.sorted().joined(separator: ","))
        }
        guard !ids.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO profile_skills (user_id, skill_id, level, years, last_used, sources)
            SELECT \(userId), skill.id, skill.level, skill.years, skill.last_used,
                   COALESCE(string_to_array(NULLIF(skill.sources, ''), ','), '{}')
            FROM unnest(\(ids)::text[], \(levels)::int8[], \(years)::float8[], \(lastUsed)::text[], \(sources)::text[])
                AS skill(id, level, years, last_used, sources)
            """)
    }
}

extension JSONValue {
    var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}
