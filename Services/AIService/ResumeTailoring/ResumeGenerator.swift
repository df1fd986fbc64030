import Contracts
import Foundation
import Taxonomy

/// `POST /resume/generate` end to end: requirements (taxonomy, then the
/// extraction model for what the taxonomy pass missed), the deterministic
/// tailoring, then the résumé model's rephrasing of the summary and highlights.
/// Whatever the model writes goes through the claim check, so it can reword
/// and reorder but never add a skill, employer, date, degree or number.
struct ResumeGenerator: Sendable {
    let taxonomy: Taxonomy
    let models: LanguageModels

    func generate(
        profile: Resume, jobDescription: String?, targetTitle: String?, useModel: Bool
    ) async throws
        -> ResumeGenerationResponse
    {
        let tailor = ResumeTailor(taxonomy: taxonomy)
        var requirements = tailor.requirements(jobDescription: jobDescription, targetTitle: targetTitle)
        guard useModel else {
            return tailor.tailorDeterministically(profile: profile, requirements: requirements)
                .response(llm: .unused(reason: "not requested (useModel=false)"))
        }
        var usages: [LLMUsage] = []
        if let jobDescription, !jobDescription.isEmpty {
            let refined = try await refine(requirements, jobDescription: jobDescription)
            requirements = refined.requirements
            usages.append(refined.llm)
        }
        let deterministic = tailor.tailorDeterministically(profile: profile, requirements: requirements)
        let rewrite = try await rewrite(
            deterministic.resume, requirements: requirements, jobDescription: jobDescription)
        usages.append(rewrite.llm)
        guard let candidate = rewrite.resume else {
            return deterministic.response(llm: Self.combine(usages))
        }
        return tailor.review(candidate: candidate, profile: profile, requirements: requirements)
            .response(llm: Self.combine(usages))
    }

    // MARK: Requirements the taxonomy pass missed

    struct ExtractedSkills: Codable, Sendable {
        struct Item: Codable, Sendable {
            var name: String
            var importance: RequirementImportance
        }
        var skills: [Item]
    }

    static let extractionSchema: JSONValue = .object([
        "type": .string("object"),
        "properties": .object([
            "skills": .object([
                "type": .string("array"),
                "items": .object([
                    "type": .string("object"),
                    "properties": .object([
                        "name": .object(["type": .string("string")]),
                        "importance": .object([
                            "type": .string("string"), "enum": .array([.string("required"), .string("preferred")]),
                        ]),
                    ]),
                    "required": .array([.string("name"), .string("importance")]),
                ]),
            ])
        ]),
        "required": .array([.string("skills")]),
    ])

    static let extractionSystem = """
        You read job descriptions and list the technical and soft skills they ask for, exactly as the text \
        names them. Mark each "required" or "preferred" ("nice to have", "a plus", "bonus" mean preferred). \
        List only skills that appear in the text.
        """

    /// Adds the skills the model found that the taxonomy pass did not, each only if
    /// it is a taxonomy skill the description's text actually names.
    func refine(
        _ requirements: JobRequirements, jobDescription: String
    ) async throws
        -> (requirements: JobRequirements, llm: LLMUsage)
    {
        let route = models.routing.route(for: .extraction)
        let budget = ContextBudget(
            numCtx: route.options.numCtx ?? 2048, reservedForOutput: route.options.numPredict ?? 512)
        let fitted: FittedPrompt
        do {
            fitted = try budget.fit(
                system: Self.extractionSystem, documents: [("job description", jobDescription)], history: [],
                question: .user("List the skills."))
        } catch let error as ContextBudgetError {
            return (
                requirements,
                .unused(reason: "the job description does not fit the model's context window (\(error.message))")
            )
        }
        let text = jobDescription.lowercased()
        let output = StructuredOutput<ExtractedSkills>(schema: Self.extractionSchema) { answer in
            for item in answer.skills {
                guard taxonomy.skillId(for: item.name) != nil else {
                    throw StructuredOutputInvalid(
                        "\"\(item.name)\" is not a skill name; use skill names as the text writes them")
                }
                guard text.contains(item.name.lowercased()) else {
                    throw StructuredOutputInvalid("\"\(item.name)\" does not appear in the job description")
                }
            }
            return answer
        }
        let system = fitted.messages.first { $0.role == .system }?.content ?? Self.extractionSystem
        let user = fitted.messages.filter { $0.role != .system }.map(\.content).joined(separator: "\n\n")
        switch try await models.structured(task: .extraction, system: system, user: user, output: output) {
        case .unavailable(let reason, let durations):
            return (requirements, LLMUsage(used: false, reason: reason, durations: durations))
        case .answered(let answer, let usage, _):
            var refined = requirements
            var known = Set(refined.skillIds)
            for item in answer.skills {
                guard let id = taxonomy.skillId(for: item.name), !known.contains(id), let skill = taxonomy.skill(id)
                else { continue }
                known.insert(id)
                refined.skills.append(
                    JobRequirement(
                        skillId: id, name: skill.name, importance: item.importance,
                        context: "named in the job description (found by the extraction model)"))
            }
            // Required first, as the taxonomy pass orders them.
            refined.skills =
                refined.skills.filter { $0.importance == .required }
                + refined.skills.filter { $0.importance == .preferred }
            return (refined, usage)
        }
    }

    // MARK: Rephrasing

    struct Rewrite: Codable, Sendable {
        struct Entry: Codable, Sendable {
            var index: Int
            var highlights: [String]
        }
        var summary: String
        var work: [Entry]
    }

    static let rewriteSchema: JSONValue = .object([
        "type": .string("object"),
        "properties": .object([
            "summary": .object(["type": .string("string"), "minLength": .number(30)]),
            "work": .object([
                "type": .string("array"),
                "items": .object([
                    "type": .string("object"),
                    "properties": .object([
                        "index": .object(["type": .string("integer")]),
                        "highlights": .object(["type": .string("array"), "items": .object(["type": .string("string")])]
                        ),
                    ]),
                    "required": .array([.string("index"), .string("highlights")]),
                ]),
            ]),
        ]),
        "required": .array([.string("summary"), .string("work")]),
    ])

    static let rewriteSystem = """
        You tailor a résumé to a job. Rewrite the summary (two or three sentences) and each job's highlights \
        so the experience that matters for this job comes first and uses the job's wording where it is true. \
        Keep every fact exactly as given: never add a skill, tool, employer, title, date, degree, certificate \
        or number that the résumé does not already contain. Keep each highlight about the same work.
        """

    func rewrite(
        _ resume: Resume, requirements: JobRequirements, jobDescription: String?
    ) async throws
        -> (resume: Resume?, llm: LLMUsage)
    {
        let entries = (resume.work ?? []).enumerated().map { index, entry in
            let highlights = (entry.highlights ?? []).map { "  - \($0)" }.joined(separator: "\n")
            return
                "[\(index)] \(entry.position ?? "") at \(entry.name ?? "") (\(entry.startDate ?? "")–\(entry.endDate ?? "present"))\n\(highlights)"
        }
        let skills = requirements.skills.map { "\($0.name) (\($0.importance.rawValue))" }.joined(separator: ", ")
        let resumeText = """
            Summary: \(resume.basics?.summary ?? "")
            Work:
            \(entries.joined(separator: "\n"))
            """
        let route = models.routing.route(for: .resume)
        let budget = ContextBudget(
            numCtx: route.options.numCtx ?? 4096, reservedForOutput: route.options.numPredict ?? 1024)
        var documents: [(String, String)] = [("résumé", resumeText)]
        if let jobDescription { documents.append(("job description", jobDescription)) }
        let fitted: FittedPrompt
        do {
            fitted = try budget.fit(
                system: Self.rewriteSystem, documents: documents, history: [],
                question: .user("The job asks for: \(skills). Rewrite the summary and highlights now."))
        } catch let error as ContextBudgetError {
            return (nil, .unused(reason: "the résumé does not fit the model's context window (\(error.message))"))
        }
        let entryCount = resume.work?.count ?? 0
        let output = StructuredOutput<Rewrite>(schema: Self.rewriteSchema) { answer in
            guard answer.summary.trimmingCharacters(in: .whitespacesAndNewlines).count >= 30 else {
                throw StructuredOutputInvalid("summary must be at least two full sentences")
            }
            for entry in answer.work {
                guard (0..<entryCount).contains(entry.index) else {
                    throw StructuredOutputInvalid(
                        "work index \(entry.index) does not exist; use 0 to \(max(0, entryCount - 1))")
                }
                guard !entry.highlights.isEmpty else {
                    throw StructuredOutputInvalid("work[\(entry.index)] has no highlights; keep at least one")
                }
            }
            return answer
        }
        let system = fitted.messages.first { $0.role == .system }?.content ?? Self.rewriteSystem
        let user = fitted.messages.filter { $0.role != .system }.map(\.content).joined(separator: "\n\n")
        switch try await models.structured(task: .resume, system: system, user: user, output: output) {
        case .unavailable(let reason, let durations):
            return (nil, LLMUsage(used: false, reason: reason, durations: durations))
        case .answered(let answer, let usage, _):
            var candidate = resume
            var basics = candidate.basics ?? Resume.Basics()
            basics.summary = answer.summary.trimmingCharacters(in: .whitespacesAndNewlines)
            candidate.basics = basics
            for entry in answer.work {
                candidate.work?[entry.index].highlights = entry.highlights
            }
            return (candidate, usage)
        }
    }

    /// One `llm` block for the answer: used if any step used a model, with the
    /// models named; the timings of every model call (valid or not) summed; and
    /// every step's reason for not using one.
    static func combine(_ usages: [LLMUsage]) -> LLMUsage {
        let durations = LLMDurations.sum(usages.compactMap(\.durations))
        var reasons: [String] = []
        for reason in usages.compactMap(\.reason) where !reasons.contains(reason) { reasons.append(reason) }
        let used = usages.filter(\.used)
        guard !used.isEmpty else {
            return LLMUsage(
                used: false, reason: reasons.isEmpty ? "no model step ran" : reasons.joined(separator: "; "),
                durations: durations)
        }
        var modelNames: [String] = []
        for name in used.compactMap(\.model) where !modelNames.contains(name) { modelNames.append(name) }
        var combined = LLMUsage.used(model: modelNames.joined(separator: ", "), durations: durations)
        if !reasons.isEmpty { combined.reason = "partly: " + reasons.joined(separator: "; ") }
        return combined
    }
}
