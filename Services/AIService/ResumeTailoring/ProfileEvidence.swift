import Contracts
import Foundation
import Taxonomy

/// What a profile can back up: the skills it shows (and where), the figures its
/// text states and what its work dates give. Tailoring may use these and only these.
struct ProfileEvidence: Sendable {
    /// Skill id → the first work, volunteer or project text that mentions it.
    let experienceEvidence: [String: String]
    /// Skill id → where it is listed ("Skills › Data", "project pgwatch", "declared skill").
    let listings: [String: String]
    /// Every skill id the profile shows anywhere: experience, lists, other text, declared skills.
    let heldSkillIds: Set<String>
    /// Figures stated anywhere in the profile, names and dates included.
    let statedNumbers: Set<NumberKey>
    let history: WorkHistory
    /// Job titles the profile holds (work and volunteer).
    let positions: [String]
    /// Each text of the profile by its name key, for list items the taxonomy does not know.
    let phraseKeys: Set<String>
    /// All profile text as one name key with spaces around, for phrase containment.
    let corpusKey: String
    /// The words of every title the profile gives itself (positions, label, summary),
    /// for checking a title a summary claims.
    let titleKey: String

    init(profile: Resume, taxonomy: Taxonomy, referenceDate: Date) {
        var experience: [String: String] = [:]
        var listings: [String: String] = [:]
        var held: Set<String> = []
        var phrases: Set<String> = []
        let fields = profile.visibleTextFields
        for field in fields {
            let ids = taxonomy.skillIds(in: field)
            held.formUnion(ids)
            phrases.insert(TextMatching.nameKey(field.text))
            if field.origin == .experience {
                for id in ids where experience[id] == nil { experience[id] = field.text }
            }
        }
        for (index, group) in (profile.skills ?? []).enumerated() {
            let place = group.name.map { "skills: \($0)" } ?? "skills[\(index)]"
            for keyword in group.keywords ?? [] {
                for id in taxonomy.listedSkillIds(keyword) where listings[id] == nil { listings[id] = place }
            }
            if let name = group.name, let id = taxonomy.skillId(for: name) {
                held.insert(id)
                if listings[id] == nil { listings[id] = place }
            }
        }
        for project in profile.projects ?? [] {
            for keyword in project.keywords ?? [] {
                for id in taxonomy.listedSkillIds(keyword) where listings[id] == nil {
                    listings[id] = "project: \(project.name ?? "unnamed")"
                }
            }
        }
        for skill in profile.careergini?.skills ?? [] where taxonomy.skill(skill.id) != nil {
            held.insert(skill.id)
            if listings[skill.id] == nil { listings[skill.id] = "declared skill" }
        }
        held.formUnion(listings.keys)
        let figures = fields.map(\.text) + profile.factualNameFields
        self.experienceEvidence = experience
        self.listings = listings
        self.heldSkillIds = held
        self.statedNumbers = NumberScanner.keys(in: figures)
        self.history = WorkHistory(work: profile.work ?? [], referenceDate: referenceDate)
        self.phraseKeys = phrases
        self.positions = ((profile.work ?? []) + (profile.volunteer ?? [])).compactMap(\.position)
        self.corpusKey = " " + fields.map { TextMatching.nameKey($0.text) }.joined(separator: " | ") + " "
        let titles = positions + [profile.basics?.label, profile.basics?.summary].compactMap { $0 }
        self.titleKey =
            " " + titles.map { TextMatching.words($0).joined(separator: " ") }.joined(separator: " | ") + " "
    }

    func holds(_ skillId: String) -> Bool { heldSkillIds.contains(skillId) }

    /// A free-text list item the taxonomy does not know ("Code review") is backed
    /// when the profile's text contains the same words.
    func mentionsPhrase(_ text: String) -> Bool {
        let key = TextMatching.nameKey(text)
        guard !key.isEmpty else { return true }
        return phraseKeys.contains(key) || corpusKey.contains(" \(key) ")
    }
}

extension Taxonomy {
    /// Skills a list item names: the whole item as a name first ("Go", "Postgres"),
    /// else the names inside it ("Go (Golang)", "AWS: EC2, S3").
    func listedSkillIds(_ item: String) -> [String] {
        if let id = skillId(for: item) { return [id] }
        return extractSkills(from: item).map(\.skillId)
    }

    /// Skills in one text field, read as a list item or as prose by its origin.
    func skillIds(in field: ResumeTextField) -> [String] {
        field.origin == .listItem ? listedSkillIds(field.text) : extractSkills(from: field.text).map(\.skillId)
    }
}
