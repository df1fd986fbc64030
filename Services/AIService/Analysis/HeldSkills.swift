import Contracts
import Foundation
import SkillMatching
import Taxonomy

/// A skill the person has, with what shows it.
struct HeldSkill: Sendable, Equatable {
    var id: String
    /// 1 … 5 when a source states or implies it.
    var level: Int?
    var years: Double?
    var lastUsed: String?
    var evidence: [SkillEvidence] = []
    var spans: [TextSpan] = []
}

/// The skills a person has, gathered from a résumé and an explicit list,
/// by taxonomy id, in the order first seen.
///
/// A skill's level comes from, in this order: the `x-careergini` entry's level;
/// its years (through `ExperienceLevels.level(forYears:)`); otherwise the higher
/// of the JSON Resume skill group's proficiency word and the years of the jobs
/// whose summary or highlights name it (when at least one: less is too thin to
/// judge). Otherwise the level is unknown. An explicit list entry's level overrides all.
struct HeldSkills: Sendable {
    private(set) var skills: [HeldSkill] = []
    private var positions: [String: Int] = [:]
    /// Explicit entries that name no known skill.
    private(set) var unrecognized: [String] = []

    var ids: [String] { skills.map(\.id) }

    subscript(id: String) -> HeldSkill? { positions[id].map { skills[$0] } }

    func contains(_ id: String) -> Bool { positions[id] != nil }

    /// The record for `id`, created empty when new.
    private mutating func entry(_ id: String) -> Int {
        if let position = positions[id] { return position }
        skills.append(HeldSkill(id: id))
        positions[id] = skills.count - 1
        return skills.count - 1
    }

    private mutating func addEvidence(_ evidence: SkillEvidence, to id: String) {
        let position = entry(id)
        if !skills[position].evidence.contains(evidence) { skills[position].evidence.append(evidence) }
    }

    private mutating func addSpan(_ span: TextSpan, to id: String) {
        let position = entry(id)
        if !skills[position].spans.contains(span) { skills[position].spans.append(span) }
    }

    /// Skills from a résumé: the `x-careergini` list first, then `skills` names and
    /// keywords, `work` summaries and highlights, `projects` descriptions, highlights
    /// and keywords, and `certificates` names. Spans point into the request's `/profile`.
    static func from(resume: Resume, taxonomy: Taxonomy, referenceDate: Date) -> HeldSkills {
        var held = HeldSkills()
        var statedLevel: [String: Int] = [:]
        var statedYears: [String: Double] = [:]
        var groupLevel: [String: Int] = [:]
        var workPeriods: [String: [ClosedRange<Int>]] = [:]
        let referenceMonth = PartialDate.month(of: referenceDate)

        for profileSkill in resume.careergini?.skills ?? [] {
            guard let id = taxonomy.skill(profileSkill.id)?.id ?? taxonomy.skillId(for: profileSkill.id) else {
                continue
            }
            let position = held.entry(id)
            if let level = profileSkill.level { statedLevel[id] = min(5, max(1, level)) }
            if let years = profileSkill.years, years >= 0 { statedYears[id] = years }
            if let lastUsed = profileSkill.lastUsed { held.skills[position].lastUsed = lastUsed }
            for evidence in profileSkill.evidence ?? [] { held.addEvidence(evidence, to: id) }
        }

        for (groupIndex, group) in (resume.skills ?? []).enumerated() {
            let level = group.level.flatMap(ExperienceLevels.proficiencyLevel)
            var items: [(String, String)] = []
            if let name = group.name { items.append((name, "/profile/skills/\(groupIndex)/name")) }
            for (index, keyword) in (group.keywords ?? []).enumerated() {
                items.append((keyword, "/profile/skills/\(groupIndex)/keywords/\(index)"))
            }
            for (text, pointer) in items {
                for id in held.addListItem(text, pointer: pointer, taxonomy: taxonomy) {
                    if let level { groupLevel[id] = max(groupLevel[id] ?? 0, level) }
                }
            }
        }

        for (workIndex, work) in (resume.work ?? []).enumerated() {
            let period = PartialDate.period(start: work.startDate, end: work.endDate, referenceMonth: referenceMonth)
            var texts: [(String, String)] = []
            if let summary = work.summary { texts.append((summary, "/profile/work/\(workIndex)/summary")) }
            for (index, highlight) in (work.highlights ?? []).enumerated() {
                texts.append((highlight, "/profile/work/\(workIndex)/highlights/\(index)"))
            }
            var named: [String] = []
            for (text, pointer) in texts {
                let ids = held.addRunningText(
                    text, pointer: pointer, date: work.endDate ?? work.startDate, taxonomy: taxonomy)
                named.append(contentsOf: ids.filter { !named.contains($0) })
            }
            if let period {
                for id in named { workPeriods[id, default: []].append(period) }
            }
        }

        for (projectIndex, project) in (resume.projects ?? []).enumerated() {
            let date = project.endDate ?? project.startDate
            if let description = project.description {
                held.addRunningText(
                    description, pointer: "/profile/projects/\(projectIndex)/description", date: date,
                    taxonomy: taxonomy)
            }
            for (index, highlight) in (project.highlights ?? []).enumerated() {
                held.addRunningText(
                    highlight, pointer: "/profile/projects/\(projectIndex)/highlights/\(index)", date: date,
                    taxonomy: taxonomy)
            }
            for (index, keyword) in (project.keywords ?? []).enumerated() {
                held.addListItem(
                    keyword, pointer: "/profile/projects/\(projectIndex)/keywords/\(index)", taxonomy: taxonomy)
            }
        }

        for (index, certificate) in (resume.certificates ?? []).enumerated() {
            guard let name = certificate.name else { continue }
            held.addRunningText(
                name, pointer: "/profile/certificates/\(index)/name", date: certificate.date, taxonomy: taxonomy)
        }

        for position in held.skills.indices {
            let id = held.skills[position].id
            let workYears = workPeriods[id].map(PartialDate.years)
            held.skills[position].years = statedYears[id] ?? workYears
            if let level = statedLevel[id] {
                held.skills[position].level = level
            } else if let years = statedYears[id] {
                held.skills[position].level = ExperienceLevels.level(forYears: years)
            } else {
                // Under a year of jobs naming it is too thin to call a level.
                let fromWork = workYears.flatMap { $0 >= 1 ? ExperienceLevels.level(forYears: $0) : nil }
                let derived = [groupLevel[id], fromWork].compactMap { $0 }
                held.skills[position].level = derived.max()
            }
        }
        return held
    }

    /// Adds an explicit list ("JS", "k8s", "postgresql"); an entry's level replaces
    /// what the résumé implied. Names the taxonomy doesn't know are kept in `unrecognized`.
    mutating func add(explicit inputs: [SkillInput], taxonomy: Taxonomy) {
        for (index, input) in inputs.enumerated() {
            let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { continue }
            guard let id = taxonomy.skill(name)?.id ?? taxonomy.skillId(for: name) else {
                if !unrecognized.contains(name) { unrecognized.append(name) }
                continue
            }
            let position = entry(id)
            if let level = input.level { skills[position].level = level }
            addEvidence(SkillEvidence(source: "user", text: input.name), to: id)
            addSpan(
                TextSpan(pointer: "/skills/\(index)/name", text: input.name, start: 0, length: input.name.utf16.count),
                to: id)
        }
    }

    /// A list entry: a skill name ("Postgres", "Node.js"), or failing that a short
    /// phrase naming several ("Docker & Kubernetes").
    @discardableResult
    private mutating func addListItem(_ text: String, pointer: String, taxonomy: Taxonomy) -> [String] {
        if let id = taxonomy.skillId(for: text) {
            addEvidence(SkillEvidence(source: "resume", text: text), to: id)
            addSpan(TextSpan(pointer: pointer, text: text, start: 0, length: text.utf16.count), to: id)
            return [id]
        }
        return addRunningText(text, pointer: pointer, date: nil, taxonomy: taxonomy)
    }

    /// Skills named in prose, each with the text as evidence and where it is.
    @discardableResult
    private mutating func addRunningText(
        _ text: String, pointer: String, date: String?, taxonomy: Taxonomy
    )
        -> [String]
    {
        var ids: [String] = []
        for mention in taxonomy.extractSkills(from: text) {
            addEvidence(SkillEvidence(source: "resume", text: text, date: date), to: mention.skillId)
            addSpan(
                TextSpan(pointer: pointer, text: mention.text, start: mention.start, length: mention.length),
                to: mention.skillId)
            if !ids.contains(mention.skillId) { ids.append(mention.skillId) }
        }
        return ids
    }
}
