import Contracts
import Foundation
import Taxonomy

/// The skills model's part of an analysis: a short narrative over the
/// deterministic result. It explains; it never changes the score, the lists or
/// the order, which stay the taxonomy's.
struct AnalysisNarrator: Sendable {
    let models: LanguageModels
    let taxonomy: Taxonomy

    struct Narrative: Codable, Sendable {
        /// Two to six sentences addressed to the person.
        var narrative: String
        /// Skill ids the narrative says to start with; each must be one the person lacks.
        var focus: [String]
    }

    static let schema: JSONValue = .object([
        "type": .string("object"),
        "properties": .object([
            // No maxLength: llama.cpp grammars built from a large one fail to parse
            // (and crashed llama-cpp-python's server); the validator bounds the length.
            "narrative": .object(["type": .string("string"), "minLength": .number(40)]),
            "focus": .object([
                "type": .string("array"), "items": .object(["type": .string("string")]), "maxItems": .number(5),
            ]),
        ]),
        "required": .array([.string("narrative"), .string("focus")]),
    ])

    static let system = """
        You are a career coach for people in technology careers. You get the result of a skill-gap \
        analysis that was computed from the person's profile. Explain it to the person in two to six \
        sentences: where they stand, which missing skills matter most and why, and what to do first. \
        Use only the facts given. Do not invent skills, employers, numbers or experience. In "focus", \
        list up to five skill ids from the missing skills, most important first.
        """

    /// The narrative, or why there is none; throws only when the model's queue is full.
    func narrate(facts: String, missingSkillIds: [String]) async throws -> (narrative: String?, llm: LLMUsage) {
        let allowed = Set(missingSkillIds)
        let route = models.routing.route(for: .skillsAnalysis)
        let budget = ContextBudget(
            numCtx: route.options.numCtx ?? 2048, reservedForOutput: route.options.numPredict ?? 512)
        let fitted: FittedPrompt
        do {
            fitted = try budget.fit(
                system: Self.system, documents: [("analysis", facts)], history: [],
                question: .user("Write the explanation now."))
        } catch let error as ContextBudgetError {
            return (nil, .unused(reason: "the analysis does not fit the model's context window (\(error.message))"))
        }
        let output = StructuredOutput<Narrative>(schema: Self.schema) { answer in
            let narrative = answer.narrative.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (40...2000).contains(narrative.count) else {
                throw StructuredOutputInvalid("narrative must be 40 to 2000 characters of explanation")
            }
            if let unknown = answer.focus.first(where: { taxonomy.skill($0) == nil }) {
                throw StructuredOutputInvalid("focus contains \(unknown), which is not a skill id")
            }
            if let held = answer.focus.first(where: { !allowed.contains($0) }) {
                throw StructuredOutputInvalid(
                    "focus contains \(held), which is not one of the missing skills: \(missingSkillIds.joined(separator: ", "))"
                )
            }
            // An explanation that names none of the gaps explains nothing.
            let gapNames = missingSkillIds.compactMap { taxonomy.skill($0)?.name.lowercased() }
            let lowered = narrative.lowercased()
            if !gapNames.isEmpty, !gapNames.contains(where: { lowered.contains($0) }) {
                throw StructuredOutputInvalid(
                    "the narrative must name at least one of the missing skills: "
                        + missingSkillIds.compactMap { taxonomy.skill($0)?.name }.prefix(5).joined(separator: ", "))
            }
            return Narrative(narrative: narrative, focus: answer.focus)
        }
        let system = fitted.messages.first { $0.role == .system }?.content ?? Self.system
        let user = fitted.messages.filter { $0.role != .system }.map(\.content).joined(separator: "\n\n")
        switch try await models.structured(task: .skillsAnalysis, system: system, user: user, output: output) {
        case .answered(let value, let usage, _): return (value.narrative, usage)
        case .unavailable(let reason, let durations):
            return (nil, LLMUsage(used: false, reason: reason, durations: durations))
        }
    }
}
