import Contracts
import Foundation
import Taxonomy

/// Why a learning resource is the next one: what it teaches, whether the person
/// already has its prerequisites, its level, cost and time; and, when the
/// curation model is available, its wording instead, checked like the rules.
struct ResourceAdvisor: Sendable {
    let models: LanguageModels
    let taxonomy: Taxonomy

    struct Advised: Codable, Sendable, Equatable {
        var resource: LearningResource
        var why: String
        /// Prerequisites of the taught skills the person doesn't have yet.
        var missingPrerequisites: [String]
        /// "model" or "rules".
        var whySource: String
    }

    func ruleExplanation(_ resource: LearningResource, held: Set<String>) -> (why: String, missing: [String]) {
        let taught = resource.skills.compactMap { taxonomy.skill($0) }
        var missing: [String] = []
        var have: [String] = []
        for skill in taught {
            for prerequisite in skill.prerequisites where !resource.skills.contains(prerequisite) {
                if held.contains(prerequisite) {
                    if !have.contains(prerequisite) { have.append(prerequisite) }
                } else if !missing.contains(prerequisite) {
                    missing.append(prerequisite)
                }
            }
        }
        var sentence = "Teaches \(ProseList.join(taught.map(\.name)))"
        sentence += " at \(resource.level.rawValue) level"
        if let hours = resource.estimatedHours { sentence += ", about \(Int(hours.rounded())) h" }
        sentence += resource.free ? ", free." : ", paid."
        if !missing.isEmpty {
            sentence += " Learn \(ProseList.join(missing.map(name))) first."
        } else if !have.isEmpty {
            sentence +=
                " You already have its prerequisite\(have.count == 1 ? "" : "s") \(ProseList.join(have.map(name)))."
        }
        return (sentence, missing)
    }

    struct ModelAnswer: Codable, Sendable {
        struct Item: Codable, Sendable {
            var resourceId: String
            var why: String
        }
        var notes: [Item]
    }

    static let schema: JSONValue = .object([
        "type": .string("object"),
        "properties": .object([
            "notes": .object([
                "type": .string("array"),
                "items": .object([
                    "type": .string("object"),
                    "properties": .object([
                        "resourceId": .object(["type": .string("string")]),
                        "why": .object(["type": .string("string"), "minLength": .number(20)]),
                    ]),
                    "required": .array([.string("resourceId"), .string("why")]),
                ]),
            ])
        ]),
        "required": .array([.string("notes")]),
    ])

    static let system = """
        You help a learner choose what to study next. For each resource, say in one or two sentences why it \
        is a good next step for them, using only the facts given: what it teaches, its level, cost and hours, \
        which prerequisites they have and which they still lack. Do not invent facts. Answer for every resourceId.
        """

    func advise(
        _ resources: [LearningResource], held: Set<String>, useModel: Bool, modelLimit: Int = 5
    )
        async throws -> (items: [Advised], llm: LLMUsage)
    {
        var items = resources.map { resource in
            let rules = ruleExplanation(resource, held: held)
            return Advised(resource: resource, why: rules.why, missingPrerequisites: rules.missing, whySource: "rules")
        }
        guard useModel else { return (items, .unused(reason: "not requested (useModel=false)")) }
        guard !items.isEmpty else { return (items, .unused(reason: "no resources to explain")) }
        let explained = Array(items.prefix(modelLimit))
        let facts = explained.map { item in
            """
            resourceId: \(item.resource.id)
            title: \(item.resource.title) (\(item.resource.provider), \(item.resource.type.rawValue))
            facts: \(item.why)
            """
        }.joined(separator: "\n\n")
        let byId = Dictionary(explained.map { ($0.resource.id, $0) }, uniquingKeysWith: { first, _ in first })
        let output = StructuredOutput<ModelAnswer>(schema: Self.schema) { answer in
            for note in answer.notes {
                guard let item = byId[note.resourceId] else {
                    throw StructuredOutputInvalid("resourceId \(note.resourceId) is not one of the resources given")
                }
                let allowed = Set(item.resource.skills + item.missingPrerequisites).union(held)
                for mention in taxonomy.extractSkills(from: note.why) where !allowed.contains(mention.skillId) {
                    throw StructuredOutputInvalid(
                        "the note for \(note.resourceId) names \(mention.text), which the resource doesn't teach")
                }
            }
            return answer
        }
        switch try await models.structured(
            task: .learningCuration, system: Self.system, user: facts, output: output)
        {
        case .unavailable(let reason, let durations):
            return (items, LLMUsage(used: false, reason: reason, durations: durations))
        case .answered(let answer, let usage, _):
            let whyById = Dictionary(
                answer.notes.map { ($0.resourceId, $0.why) }, uniquingKeysWith: { first, _ in first })
            for index in items.indices {
                if let why = whyById[items[index].resource.id] {
                    items[index].why = why.trimmingCharacters(in: .whitespacesAndNewlines)
                    items[index].whySource = "model"
                }
            }
            return (items, usage)
        }
    }

    private func name(_ id: String) -> String { taxonomy.skill(id)?.name ?? id }
}
