import Contracts
import Foundation
import SkillMatching
import Taxonomy

/// The deterministic core of `POST /skills/analyze`: who has what, against which
/// target, how well it fits and what to learn next. No model is involved; the
/// same request and date always give the same answer.
///
/// - Held skills: `HeldSkills` (résumé fields and an explicit list, through the taxonomy).
/// - Target: `TargetResolver` (role, title or job description).
/// - Matching: a requirement is matched when held, or implied by a held skill
///   that builds on it; otherwise missing, with half credit for a held close
///   relative (`SkillRelations`). A level gap is a held skill whose known level is
///   below the known level needed.
/// - Score: `MatchScoring`. Plan: `LearningPlan` with `LearningEstimates`.
struct SkillGapAnalyzer: Sendable {
    let taxonomy: Taxonomy
    private let targets: TargetResolver

    init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        self.targets = TargetResolver(taxonomy: taxonomy)
    }

    /// Analyses `request` against its target.
    ///
    /// - Parameters:
    ///   - profile: the résumé to read; `request.profile` when nil. The route passes
    ///     the stored profile here when the request carries neither a profile nor skills.
    ///   - referenceDate: "now" for jobs without an end date.
    /// - Throws: `SkillAnalysisError` (its `serviceError` is the problem answer).
    /// - Returns: the full result, with `llm` saying no model was used; the caller
    ///   adds `narrative` and `llm` when a model writes one.
    func analyze(
        _ request: SkillAnalysisRequest, profile: Resume? = nil, referenceDate: Date = Date()
    ) throws
        -> SkillAnalysisResponse
    {
        for (index, input) in (request.skills ?? []).enumerated() {
            if let level = input.level, !(1...5).contains(level) {
                throw SkillAnalysisError(
                    .invalidSkillLevel, "skill level must be 1 to 5, not \(level)", pointer: "/skills/\(index)/level")
            }
        }
        let target = try targets.resolve(request)

        var held =
            (profile ?? request.profile).map {
                HeldSkills.from(resume: $0, taxonomy: taxonomy, referenceDate: referenceDate)
            } ?? HeldSkills()
        held.add(explicit: request.skills ?? [], taxonomy: taxonomy)
        let relations = SkillRelations(taxonomy: taxonomy, held: held.ids)

        var matched: [MatchedSkill] = []
        var missingRequired: [MissingSkill] = []
        var missingPreferred: [MissingSkill] = []
        var gaps: [LevelGap] = []
        var requiredCredits: [Double] = []
        var preferredCredits: [Double] = []
        var levelRatios: [Double] = []

        for requirement in target.requirements {
            let credit: Double
            if let skill = held[requirement.skillId] {
                credit = 1
                matched.append(matchedSkill(requirement, match: .exact, held: skill))
                if let have = skill.level, let need = requirement.level {
                    levelRatios.append(min(1, Double(have) / Double(need)))
                    if have < need {
                        gaps.append(
                            LevelGap(
                                skillId: requirement.skillId, name: requirement.name,
                                importance: requirement.importance, have: have, need: need))
                    }
                }
            } else if let implier = relations.implier(of: requirement.skillId) {
                credit = 1
                matched.append(matchedSkill(requirement, match: .implied, via: implier, held: held[implier]))
            } else {
                let relative = relations.closeRelativeHeld(of: requirement.skillId)
                credit = relative == nil ? 0 : 0.5
                let missing = MissingSkill(
                    skillId: requirement.skillId, name: requirement.name, category: requirement.category,
                    requiredLevel: requirement.level, relatedHeld: relative, credit: credit)
                if requirement.importance == .required {
                    missingRequired.append(missing)
                } else {
                    missingPreferred.append(missing)
                }
            }
            if requirement.importance == .required {
                requiredCredits.append(credit)
            } else {
                preferredCredits.append(credit)
            }
        }

        let score = MatchScoring.score(required: requiredCredits, preferred: preferredCredits, levelRatios: levelRatios)
        let steps = LearningPlan(taxonomy: taxonomy, relations: relations).steps(for: target, gaps: gaps)
        return SkillAnalysisResponse(
            target: target, matched: matched, missingRequired: missingRequired, missingPreferred: missingPreferred,
            levelGaps: gaps, score: score, nextSteps: steps, unrecognizedSkills: held.unrecognized,
            llm: .unused(reason: request.useModel == false ? "not requested" : "no model narrative was added"))
    }

    /// An exact match carries the held skill's level and evidence; an implied one
    /// carries the evidence of the skill that implies it, and no level of its own.
    private func matchedSkill(
        _ requirement: SkillRequirement, match: MatchedSkill.Match, via: String? = nil, held: HeldSkill?
    ) -> MatchedSkill {
        MatchedSkill(
            skillId: requirement.skillId, name: requirement.name, category: requirement.category,
            importance: requirement.importance, match: match, via: via, level: match == .exact ? held?.level : nil,
            requiredLevel: requirement.level, years: match == .exact ? held?.years : nil, lastUsed: held?.lastUsed,
            evidence: held?.evidence ?? [], spans: held?.spans ?? [])
    }
}
