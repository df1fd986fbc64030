import Contracts
import Foundation
import HTTPTypes
import ServiceKit
import Taxonomy

/// What `POST /learning/paths` asks for, checked: the skills to reach (Taxonomy
/// ids, most important first) and what an analyze report adds about them.
/// Malformed → 400 naming every field; skills the Taxonomy doesn't know → 422
/// naming them.
struct PathRequest: Sendable, Equatable {
    /// A path of more is a curriculum, not a plan (and slow to build): 400.
    static let maxSkills = 30
    static let maxTextLength = 200

    var origin: LearningPath.Origin
    var targets: [String]
    var title: String?
    var targetRole: String?
    /// Hours per skill the analyze report estimated (prerequisites included).
    var hours: [String: Double] = [:]
    /// The level to reach per skill, from the report.
    var targetLevels: [String: Int] = [:]
    /// The learner's current level per skill, from the report.
    var currentLevels: [String: Int] = [:]
    /// Skills the report found the learner holds (a prerequisite among them is skipped).
    var held: Set<String> = []

    static let fields: Set<String> = ["skills", "analysis", "title", "targetRole"]

    init(body: JSONValue, taxonomy: Taxonomy) throws {
        guard case .object(let members) = body else { throw ServiceError.badRequest("the body must be a JSON object") }
        var problems: [Problem.FieldError] = []
        for key in members.keys.sorted() where !Self.fields.contains(key) {
            problems.append(
                .init(pointer: "/" + key, reason: "unknown field; expected skills or analysis, title, targetRole"))
        }
        title = Self.text(members["title"], "/title", &problems)
        targetRole = Self.text(members["targetRole"], "/targetRole", &problems)
        switch (members["skills"], members["analysis"]) {
        case (.some(let skills), nil):
            origin = .skills
            targets = Self.skillNames(skills, &problems)
        case (nil, .some(let analysis)):
            origin = .analysis
            targets = []
            if let report = try? analysis.decoded(as: AnalysisReport.self) {
                read(report)
            } else {
                problems.append(.init(pointer: "/analysis", reason: "not an analyze report (POST /ai/skills/analyze)"))
            }
        default:
            origin = .skills
            targets = []
            problems.append(.init(pointer: "", reason: "send exactly one of skills and analysis"))
        }
        guard problems.isEmpty else {
            throw ServiceError.badRequest("the path request is malformed", fieldErrors: problems)
        }
        if targets.isEmpty {
            throw ServiceError(
                .unprocessableContent, detail: "the analysis leaves nothing to learn: no missing skills or level gaps")
        }
        try normalise(taxonomy)
    }

    /// Skill ids from the report: its next steps (which already put
    /// prerequisites first), else its missing skills and level gaps.
    private mutating func read(_ report: AnalysisReport) {
        let steps = (report.nextSteps ?? []).sorted { ($0.order ?? .max) < ($1.order ?? .max) }
        for step in steps {
            if let hours = step.estimatedHours, hours > 0 { self.hours[step.skillId] = hours }
            if let level = step.toLevel { targetLevels[step.skillId] = level }
            if let level = step.fromLevel { currentLevels[step.skillId] = level }
        }
        targets = steps.filter { $0.importance != "prerequisite" }.map(\.skillId)
        if steps.isEmpty {
            let missing = (report.missingRequired ?? []) + (report.missingPreferred ?? [])
            for skill in missing { if let level = skill.requiredLevel { targetLevels[skill.skillId] = level } }
            for gap in report.levelGaps ?? [] {
                if let need = gap.need { targetLevels[gap.skillId] = need }
                if let have = gap.have { currentLevels[gap.skillId] = have }
            }
            targets = missing.map(\.skillId) + (report.levelGaps ?? []).map(\.skillId)
        }
        for skill in report.matched ?? [] {
            held.insert(skill.skillId)
            if let level = skill.level { currentLevels[skill.skillId] = max(currentLevels[skill.skillId] ?? 0, level) }
        }
        if targetRole == nil { targetRole = report.target?.roleId ?? report.target?.title }
    }

    /// Maps every name to a Taxonomy id (dropping repeats), 422 for unknown ones,
    /// 400 beyond `maxSkills`.
    private mutating func normalise(_ taxonomy: Taxonomy) throws {
        var ids: [String] = []
        var unknown: [(Int, String)] = []
        for (index, name) in targets.enumerated() {
            guard let id = taxonomy.skill(name)?.id ?? taxonomy.skillId(for: name) else {
                unknown.append((index, name))
                continue
            }
            if !ids.contains(id) { ids.append(id) }
        }
        if !unknown.isEmpty {
            let base = origin == .skills ? "/skills" : "/analysis"
            throw ServiceError(
                .unprocessableContent,
                detail: "unknown skills: " + unknown.map(\.1).joined(separator: ", "),
                fieldErrors: unknown.map {
                    .init(pointer: origin == .skills ? "\(base)/\($0.0)" : base, reason: "\($0.1) is not a known skill")
                })
        }
        if ids.count > Self.maxSkills {
            throw ServiceError.badRequest(
                "a path covers at most \(Self.maxSkills) skills; this asks for \(ids.count) — split it",
                fieldErrors: [.init(pointer: origin == .skills ? "/skills" : "/analysis", reason: "too many skills")])
        }
        targets = ids
        // Report entries keyed by a spelling become keyed by id, like the targets.
        func rekey<Value>(_ values: [String: Value]) -> [String: Value] {
            var result: [String: Value] = [:]
            for (name, value) in values {
                if let id = taxonomy.skill(name)?.id ?? taxonomy.skillId(for: name) { result[id] = value }
            }
            return result
        }
        hours = rekey(hours)
        held = Set(rekey(Dictionary(held.map { ($0, true) }) { first, _ in first }).keys)
        targetLevels = rekey(targetLevels).mapValues { min(5, max(1, $0)) }
        currentLevels = rekey(currentLevels).mapValues { min(5, max(1, $0)) }
    }

    private static func text(_ value: JSONValue?, _ pointer: String, _ problems: inout [Problem.FieldError]) -> String?
    {
        guard let value, value != .null else { return nil }
        guard case .string(let raw) = value else {
            problems.append(.init(pointer: pointer, reason: "must be a string"))
            return nil
        }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= maxTextLength else {
            problems.append(.init(pointer: pointer, reason: "1 to \(maxTextLength) characters"))
            return nil
        }
        return text
    }

    private static func skillNames(_ value: JSONValue, _ problems: inout [Problem.FieldError]) -> [String] {
        guard case .array(let items) = value, !items.isEmpty else {
            problems.append(.init(pointer: "/skills", reason: "a non-empty array of skill names or ids"))
            return []
        }
        guard items.count <= maxSkills else {
            problems.append(.init(pointer: "/skills", reason: "at most \(maxSkills) skills; split the path"))
            return []
        }
        var names: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let raw) = item, !raw.trimmingCharacters(in: .whitespaces).isEmpty, raw.count <= 100
            else {
                problems.append(.init(pointer: "/skills/\(index)", reason: "a skill name or id"))
                continue
            }
            names.append(raw)
        }
        return names
    }
}
