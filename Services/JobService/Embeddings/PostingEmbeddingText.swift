import Foundation
import Taxonomy

/// The text a posting's vector is made from: what the job is (title,
/// company), what it asks for (skill names, required first) and how it
/// describes itself (the start of the description, where postings say what
/// the role is; the rest is mostly benefits and boilerplate).
enum PostingEmbeddingText {
    static let descriptionCharacters = 1_000

    static func make(
        title: String, company: String, requiredSkills: [String], preferredSkills: [String], description: String,
        taxonomy: Taxonomy
    ) -> String {
        var parts = ["\(title) at \(company)"]
        let skills = (requiredSkills + preferredSkills).map { taxonomy.skill($0)?.name ?? $0 }
        if !skills.isEmpty { parts.append("Skills: " + skills.joined(separator: ", ")) }
        let start = description.trimmingCharacters(in: .whitespacesAndNewlines).prefix(descriptionCharacters)
        if !start.isEmpty { parts.append(String(start)) }
        return parts.joined(separator: "\n")
    }
}
