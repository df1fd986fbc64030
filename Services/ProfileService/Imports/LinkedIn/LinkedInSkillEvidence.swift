import Contracts
import Taxonomy

/// Taxonomy skills an export shows, each with where it was seen: Skills.csv's
/// names, positions' titles and descriptions, projects' descriptions. Names go
/// through the Taxonomy's matchers (a list name through `skillId(for:)`, prose
/// through `extractSkills`), so "k8s" and "Kubernetes" are one skill.
struct LinkedInSkillEvidence: Sendable {
    let taxonomy: Taxonomy
    /// In the order first seen.
    private(set) var skills: [ProfileSkill] = []
    private var positions: [String: Int] = [:]
    /// Each skill's evidence so far, to keep it free of repeats without a linear search.
    private var seenEvidence: [String: Set<EvidenceKey>] = [:]

    /// Evidence kept per skill: the first places it shows up (newest jobs first,
    /// as LinkedIn orders them). More says nothing new and bloats the profile.
    static let maximumEvidence = 25

    private struct EvidenceKey: Hashable {
        var text: String?
        var date: String?
    }

    init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
    }

    /// A Skills.csv entry ("Kubernetes", "Docker & Kubernetes").
    mutating func addListed(_ name: String) {
        let evidence = SkillEvidence(source: "linkedin", text: "LinkedIn skills: \(name)")
        if let id = taxonomy.skillId(for: name) {
            add(id, evidence)
        } else {
            for mention in taxonomy.extractSkills(from: name) { add(mention.skillId, evidence) }
        }
    }

    /// A position's title and description lines. `endDate` is the evidence's date
    /// (nil while the job goes on); `lastUsed` the month the job shows the skill
    /// was last used (the current month for a current job).
    mutating func addPosition(title: String?, company: String?, lines: [String], endDate: String?, lastUsed: String?) {
        let place = [title, company].compactMap { $0 }.joined(separator: " at ")
        var texts: [(text: String, evidence: String)] = []
        if let title { texts.append((title, place)) }
        for line in lines { texts.append((line, "\(place): \(Self.shortened(line))")) }
        addMentions(in: texts, date: endDate, lastUsed: lastUsed)
    }

    /// A project's description lines.
    mutating func addProject(name: String, lines: [String], date: String?) {
        addMentions(in: lines.map { ($0, "Project \(name): \(Self.shortened($0))") }, date: date, lastUsed: nil)
    }

    /// One evidence per skill per source entry: the first text naming it.
    private mutating func addMentions(in texts: [(text: String, evidence: String)], date: String?, lastUsed: String?) {
        var seen: Set<String> = []
        for (text, evidence) in texts {
            for mention in taxonomy.extractSkills(from: text) where seen.insert(mention.skillId).inserted {
                add(mention.skillId, SkillEvidence(source: "linkedin", text: evidence, date: date), lastUsed: lastUsed)
            }
        }
    }

    private mutating func add(_ id: String, _ evidence: SkillEvidence, lastUsed: String? = nil) {
        let index: Int
        if let known = positions[id] {
            index = known
        } else {
            skills.append(ProfileSkill(id: id, evidence: []))
            index = skills.count - 1
            positions[id] = index
        }
        if skills[index].evidence?.count ?? 0 < Self.maximumEvidence,
            seenEvidence[id, default: []].insert(EvidenceKey(text: evidence.text, date: evidence.date)).inserted
        {
            skills[index].evidence?.append(evidence)
        }
        if let lastUsed, Self.isLater(lastUsed, than: skills[index].lastUsed) { skills[index].lastUsed = lastUsed }
    }

    /// Whether `date` is a later month than `other` (a bare year counting as its
    /// December, as for an end date); anything is later than no date.
    static func isLater(_ date: String, than other: String?) -> Bool {
        guard let month = PartialDate.month(date, asEnd: true) else { return false }
        guard let otherMonth = PartialDate.month(other, asEnd: true) else { return true }
        return month > otherMonth
    }

    private static func shortened(_ text: String) -> String {
        text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}
