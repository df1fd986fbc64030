import Contracts
import Foundation
import HTTPTypes
import Security
import ServiceKit
import Taxonomy

/// The query of `GET /learning/resources`, validated and in canonical form:
/// skills as Taxonomy ids ("k8s", "Kubernetes" and "kubernetes" are one),
/// in the order asked (the first matters most) without repeats; preferred
/// types as a set. Every malformed parameter is named in one 400; a skill the
/// Taxonomy doesn't know is a 422 naming it. Parameters the route doesn't
/// know are ignored.
///
/// Without `skill` the list is every resource passing the filters, ranked as
/// for a newcomer to each (beginner level first) by type, cost and quality: a
/// browse of the catalogue, not personalised, so the profile isn't read.
struct ResourceListQuery: Sendable, Equatable {
    /// Taxonomy ids, the most important first.
    var skills: [String] = []
    var level: LearningResource.Level?
    var type: LearningResource.Kind?
    var free: Bool?
    /// ISO 639-1: only resources in this language.
    var language: String?
    /// `prefer=`: types ranked higher, none excluded.
    var preferredTypes: Set<LearningResource.Kind> = []
    /// Languages the caller reads, from `Accept-Language`, when `lang` is absent:
    /// resources in others rank last.
    var readLanguages: Set<String> = []
    var limit = Self.defaultLimit

    static let defaultLimit = 20
    static let maximumLimit = 50
    static let maximumSkills = 10
    static let maximumSkillLength = 100
    /// `Accept-Language` entries read; a longer list is noise.
    static let maximumReadLanguages = 8

    init() {}

    /// Reads and checks the parameters: `parameter` gives every value of a name
    /// (a repeated `skill=` adds to the list; other names use their first value).
    init(
        _ parameter: (String) -> [String], acceptLanguage: String?, taxonomy: Taxonomy
    ) throws {
        var errors: [Problem.FieldError] = []
        func fail(_ name: String, _ reason: String) { errors.append(.init(pointer: "/\(name)", reason: reason)) }
        func first(_ name: String) -> String? {
            parameter(name).first.map { $0.trimmingCharacters(in: .whitespaces) }
        }

        var unknown: [String] = []
        let names = parameter("skill").flatMap(Self.items)
        if names.contains(where: { $0.count > Self.maximumSkillLength }) {
            fail("skill", "a skill name must be at most \(Self.maximumSkillLength) characters")
        } else {
            for name in names {
                guard let id = Self.skillId(name, taxonomy) else {
                    unknown.append(name)
                    continue
                }
                if !skills.contains(id) { skills.append(id) }
            }
            if skills.count > Self.maximumSkills { fail("skill", "at most \(Self.maximumSkills) skills at once") }
        }
        if let raw = first("level"), !raw.isEmpty {
            level = LearningResource.Level(rawValue: raw.lowercased())
            if level == nil { fail("level", "must be one of \(Self.names(LearningResource.Level.allCases))") }
        }
        if let raw = first("type"), !raw.isEmpty {
            type = LearningResource.Kind(rawValue: raw.lowercased())
            if type == nil { fail("type", "must be one of \(Self.names(LearningResource.Kind.allCases))") }
        }
        if let raw = first("free"), !raw.isEmpty {
            switch raw.lowercased() {
            case "true", "1": free = true
            case "false", "0": free = false
            default: fail("free", "must be true or false")
            }
        }
        if let raw = first("lang"), !raw.isEmpty {
            let code = raw.lowercased()
            if Self.isLanguageCode(code) {
                language = code
            } else {
                fail("lang", "must be a two-letter ISO 639-1 language code, like en or de")
            }
        }
        for name in parameter("prefer").flatMap(Self.items) {
            if let kind = LearningResource.Kind(rawValue: name.lowercased()) {
                preferredTypes.insert(kind)
            } else {
                fail("prefer", "'\(name)' is not one of \(Self.names(LearningResource.Kind.allCases))")
            }
        }
        if let raw = first("limit"), !raw.isEmpty {
            if let value = Int(raw), (1...Self.maximumLimit).contains(value) {
                limit = value
            } else {
                fail("limit", "must be a whole number from 1 to \(Self.maximumLimit)")
            }
        }
        guard errors.isEmpty else {
            throw ServiceError.badRequest(
                errors.map { "\($0.pointer.dropFirst()) \($0.reason)" }.joined(separator: "; "), fieldErrors: errors)
        }
        guard unknown.isEmpty else {
            let quoted = unknown.map { "'\($0)'" }.joined(separator: ", ")
            throw ServiceError(
                .unprocessableContent,
                detail: "\(quoted) \(unknown.count == 1 ? "is not a skill" : "are not skills") we know: "
                    + "use a skill's name or id, like kubernetes or \"machine learning\"",
                fieldErrors: unknown.map { .init(pointer: "/skill", reason: "'\($0)' is not a skill we know") })
        }
        readLanguages = language.map { [$0] } ?? Self.languages(acceptLanguage: acceptLanguage)
    }

    /// The store's filters.
    var filter: ResourceStore.Filter {
        ResourceStore.Filter(level: level, type: type, free: free, language: language)
    }

    /// What ranking needs, with the learner's levels in the asked skills only:
    /// nothing else can change the order, so the cache key need hold no more.
    func rankingContext(learnerLevels: [String: Int]) -> RankingContext {
        RankingContext(
            skills: skills, learnerLevels: learnerLevels.filter { skills.contains($0.key) },
            preferredTypes: preferredTypes, languages: readLanguages)
    }

    /// Names the answer to this query for a learner in `context`: SHA-256 of
    /// the canonical query and, per asked skill, the level of resource that
    /// suits the learner. Users at the same level share entries; the user id
    /// is not part of it.
    func cacheKey(_ context: RankingContext) -> String {
        struct Canonical: Encodable {
            var skills: [String]
            var suited: [String]
            var level: String?
            var type: String?
            var free: Bool?
            var lang: String?
            var prefer: [String]
            var reads: [String]
            var limit: Int
        }
        let canonical = Canonical(
            skills: skills, suited: skills.map { context.suitedLevel(for: $0).rawValue }, level: level?.rawValue,
            type: type?.rawValue, free: free, lang: language, prefer: preferredTypes.map(\.rawValue).sorted(),
            reads: context.languages.sorted(), limit: limit)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, booleans, numbers and arrays of them always encode.
        let json = (try? encoder.encode(canonical)) ?? Data()
        return Digest.hex(Digest.sha256(Array(json)))
    }

    /// The primary language of each `Accept-Language` entry the caller accepts
    /// (q above 0), as ISO 639-1 codes: "fr-CH, fr;q=0.9, en;q=0.8" reads fr and en.
    static func languages(acceptLanguage: String?) -> Set<String> {
        var languages = Set<String>()
        for entry in (acceptLanguage ?? "").split(separator: ",").prefix(Self.maximumReadLanguages) {
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first else { continue }
            let quality = parts.dropFirst().first { $0.lowercased().hasPrefix("q=") }.flatMap {
                Double($0.dropFirst(2))
            }
            if let quality, quality <= 0 { continue }
            let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
            if isLanguageCode(primary) { languages.insert(primary) }
        }
        return languages
    }

    /// A skill id, name or alias; a `+` that isn't part of the name ("c++" is)
    /// is read as the space a form wrote ("machine+learning").
    static func skillId(_ name: String, _ taxonomy: Taxonomy) -> String? {
        if let skill = taxonomy.skill(name.lowercased()) { return skill.id }
        if let id = taxonomy.skillId(for: name) { return id }
        guard name.contains("+") else { return nil }
        return taxonomy.skillId(for: name.replacingOccurrences(of: "+", with: " "))
    }

    private static func isLanguageCode(_ text: String) -> Bool {
        text.count == 2 && text.allSatisfy { $0.isASCII && $0.isLetter && $0.isLowercase }
    }

    /// A comma list, trimmed, empties dropped.
    private static func items(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func names<T: RawRepresentable>(_ cases: [T]) -> String where T.RawValue == String {
        cases.map(\.rawValue).joined(separator: ", ")
    }
}
