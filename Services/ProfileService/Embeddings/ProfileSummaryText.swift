import Contracts
import Taxonomy

/// The text a profile's vector is made from: who the person is (headline,
/// summary), what they did (positions at companies) and what they know (skill
/// names). Contact details never go in: they say nothing about fit.
enum ProfileSummaryText {
    static let maximumCharacters = 8_000

    static func make(_ document: JSONValue, taxonomy: Taxonomy) -> String {
        var parts: [String] = []
        if let label = document["basics"]?["label"]?.stringValue { parts.append(label) }
        if let summary = document["basics"]?["summary"]?.stringValue { parts.append(summary) }
        let roles = (document["x-careergini"]?["targetRoles"]?.arrayItems ?? []).compactMap(\.stringValue)
            .map { taxonomy.role($0)?.title ?? $0 }
        if !roles.isEmpty { parts.append("Target roles: " + roles.joined(separator: ", ")) }
        let positions = (document["work"]?.arrayItems ?? []).prefix(8).compactMap { entry -> String? in
            guard let position = entry["position"]?.stringValue else { return nil }
            return entry["name"]?.stringValue.map { "\(position) at \($0)" } ?? position
        }
        if !positions.isEmpty { parts.append("Experience: " + positions.joined(separator: "; ")) }
        let skills = (document["x-careergini"]?["skills"]?.arrayItems ?? []).compactMap { skill -> String? in
            guard let id = skill["id"]?.stringValue else { return nil }
            return taxonomy.skill(id)?.name ?? id
        }
        if !skills.isEmpty { parts.append("Skills: " + skills.joined(separator: ", ")) }
        return String(parts.joined(separator: "\n").prefix(maximumCharacters))
    }
}
