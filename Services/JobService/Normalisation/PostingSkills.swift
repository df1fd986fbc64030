import Contracts
import SkillMatching
import Taxonomy

/// The taxonomy skills a posting requires and prefers, read the way the AI
/// service's analysis reads a job description (`JobDescriptionRequirements`),
/// so a posting's lists and its analysis agree.
///
/// - Skills the title names are required ("Senior Go Engineer").
/// - The description's skills are required or preferred by its own words:
///   "Requirements" / "Nice to have" sections, "X is a plus", "ideally Y".
/// - Tags that name a skill ("Python", "Kubernetes") add it as preferred when the
///   text did not already name it: a board's tags say what a job touches, not
///   what it demands.
/// - Each list keeps its first `maximumPerList` skills in order of mention, so a
///   keyword-stuffed posting can't claim the whole taxonomy.
struct PostingSkills: Sendable, Equatable {
    static let maximumPerList = 25
    /// Only this much description is read for skills: real postings are far
    /// shorter, and the reader's cost grows with lines × mentions.
    static let maximumDescriptionLength = 30_000

    var required: [String]
    var preferred: [String]

    static func read(title: String, description: String, tags: [String], taxonomy: Taxonomy) -> PostingSkills {
        var required: [String] = []
        var preferred: [String] = []
        var seen: Set<String> = []
        for mention in taxonomy.extractSkills(from: title) where seen.insert(mention.skillId).inserted {
            required.append(mention.skillId)
        }
        let text = String(description.prefix(maximumDescriptionLength))
        let read = JobDescriptionRequirements.extract(from: text, taxonomy: taxonomy)
        for requirement in read.requirements where seen.insert(requirement.skillId).inserted {
            if requirement.importance == .required {
                required.append(requirement.skillId)
            } else {
                preferred.append(requirement.skillId)
            }
        }
        for tag in tags {
            guard let id = taxonomy.skillId(for: tag), seen.insert(id).inserted else { continue }
            preferred.append(id)
        }
        return PostingSkills(
            required: Array(required.prefix(maximumPerList)), preferred: Array(preferred.prefix(maximumPerList)))
    }

    /// The skills' names and aliases, space-separated, for full-text search: a
    /// search for "golang" or "k8s" finds a posting whose text says "Go" or "Kubernetes".
    static func searchText(for skillIds: [String], taxonomy: Taxonomy) -> String {
        var seen: Set<String> = []
        var parts: [String] = []
        for id in skillIds {
            guard let skill = taxonomy.skill(id) else { continue }
            for phrase in [skill.name] + skill.aliases where seen.insert(phrase.lowercased()).inserted {
                parts.append(phrase)
            }
        }
        return parts.joined(separator: " ")
    }
}
