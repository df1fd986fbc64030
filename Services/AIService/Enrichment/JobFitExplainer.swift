import Contracts
import Foundation
import Taxonomy

/// Why a recommended job fits: a rule-based sentence from the skills job-service
/// matched, and, when the job-matching model is available, its wording instead
/// — checked so it names no skill the posting and the person don't share.
struct JobFitExplainer: Sendable {
    let models: LanguageModels
    let taxonomy: Taxonomy

    struct Explained: Codable, Sendable, Equatable {
        var job: Job
        var score: Double
        var matchedSkills: [String]
        var missingSkills: [String]
        var why: String
        /// "model" or "rules".
        var whySource: String
    }

    /// The rules' explanation: what matches, what's missing, where and how fresh.
    func ruleExplanation(_ recommendation: JobRecommendation, now: Date = Date()) -> String {
        let matched = recommendation.matchedSkills.map(name)
        let missing = recommendation.missingSkills.map(name)
        var parts: [String] = []
        if matched.isEmpty {
            parts.append("None of your skills appear in this posting yet")
        } else {
            parts.append("You have \(ProseList.join(matched.prefix(5).map { $0 })) that this posting asks for")
        }
        if !missing.isEmpty { parts.append("missing \(ProseList.join(missing.prefix(3).map { $0 }))") }
        var sentence = parts.joined(separator: "; ") + "."
        if let workplace = recommendation.job.workplace { sentence += " \(workplace.rawValue.capitalized)." }
        if let posted = recommendation.job.postedAt {
            let days = max(0, Int(now.timeIntervalSince(posted) / 86_400))
            sentence += days == 0 ? " Posted today." : " Posted \(days) day\(days == 1 ? "" : "s") ago."
        }
        return sentence
    }

    struct ModelAnswer: Codable, Sendable {
        struct Item: Codable, Sendable {
            var jobId: String
            var why: String
        }
        var explanations: [Item]
    }

    static let schema: JSONValue = .object([
        "type": .string("object"),
        "properties": .object([
            "explanations": .object([
                "type": .string("array"),
                "items": .object([
                    "type": .string("object"),
                    "properties": .object([
                        "jobId": .object(["type": .string("string")]),
                        "why": .object(["type": .string("string"), "minLength": .number(20)]),
                    ]),
                    "required": .array([.string("jobId"), .string("why")]),
                ]),
            ])
        ]),
        "required": .array([.string("explanations")]),
    ])

    static let system = """
        You explain to a job seeker, in one or two sentences per job, why a recommended job fits them. \
        Use only the facts given for each job: its title, company, the skills they have that it asks for, \
        and the skills they lack. Never claim a skill that is not listed as matched. Answer for every jobId.
        """

    /// Explains the first `modelLimit` recommendations with the model when it can,
    /// the rest (and all of them without a model) by the rules.
    func explain(
        _ recommendations: [JobRecommendation], useModel: Bool, modelLimit: Int = 5
    ) async throws
        -> (items: [Explained], llm: LLMUsage)
    {
        var items = recommendations.map {
            Explained(
                job: $0.job, score: $0.score, matchedSkills: $0.matchedSkills, missingSkills: $0.missingSkills,
                why: ruleExplanation($0), whySource: "rules")
        }
        guard useModel else { return (items, .unused(reason: "not requested (useModel=false)")) }
        guard !items.isEmpty else { return (items, .unused(reason: "no recommendations to explain")) }
        let explained = Array(recommendations.prefix(modelLimit))
        let facts = explained.map { recommendation in
            """
            jobId: \(recommendation.job.id)
            title: \(recommendation.job.title) at \(recommendation.job.company)
            matched skills: \(recommendation.matchedSkills.map(name).joined(separator: ", "))
            missing skills: \(recommendation.missingSkills.map(name).joined(separator: ", "))
            """
        }.joined(separator: "\n\n")
        let byId = Dictionary(explained.map { ($0.job.id, $0) }, uniquingKeysWith: { first, _ in first })
        let output = StructuredOutput<ModelAnswer>(schema: Self.schema) { answer in
            for item in answer.explanations {
                guard let recommendation = byId[item.jobId] else {
                    throw StructuredOutputInvalid("jobId \(item.jobId) is not one of the jobs given")
                }
                try checkClaims(item.why, recommendation: recommendation)
            }
            return answer
        }
        switch try await models.structured(task: .jobMatching, system: Self.system, user: facts, output: output) {
        case .unavailable(let reason, let durations):
            return (items, LLMUsage(used: false, reason: reason, durations: durations))
        case .answered(let answer, let usage, _):
            let whyById = Dictionary(
                answer.explanations.map { ($0.jobId, $0.why) }, uniquingKeysWith: { first, _ in first })
            for index in items.indices {
                if let why = whyById[items[index].job.id] {
                    items[index].why = why.trimmingCharacters(in: .whitespacesAndNewlines)
                    items[index].whySource = "model"
                }
            }
            return (items, usage)
        }
    }

    /// A skill the text names must be in the posting or among the person's matches.
    func checkClaims(_ text: String, recommendation: JobRecommendation) throws {
        let known = Set(
            recommendation.matchedSkills + recommendation.missingSkills + recommendation.job.requiredSkills
                + recommendation.job.preferredSkills)
        for mention in taxonomy.extractSkills(from: text) where !known.contains(mention.skillId) {
            throw StructuredOutputInvalid(
                "the explanation for \(recommendation.job.id) names \(mention.text), which neither the job nor the person has"
            )
        }
    }

    private func name(_ id: String) -> String { taxonomy.skill(id)?.name ?? id }
}
