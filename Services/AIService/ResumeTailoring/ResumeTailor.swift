import Contracts
import Foundation
import Taxonomy

/// The deterministic core of `POST /resume/generate`: read the job's
/// requirements, place the profile against them, tailor without a model, and
/// pass any candidate résumé (the template's or a model's) through the claim
/// check before it is returned.
struct ResumeTailor: Sendable {
    let taxonomy: Taxonomy
    var options: TailoringOptions
    /// "Now" for the years an ongoing job adds, shared by the template and the check.
    var referenceDate: Date

    init(taxonomy: Taxonomy, options: TailoringOptions = TailoringOptions(), referenceDate: Date = Date()) {
        self.taxonomy = taxonomy
        self.options = options
        self.referenceDate = referenceDate
    }

    func requirements(jobDescription: String?, targetTitle: String? = nil) -> JobRequirements {
        JobRequirementsReader(taxonomy: taxonomy).read(jobDescription: jobDescription, targetTitle: targetTitle)
    }

    func evidence(for profile: Resume) -> ProfileEvidence {
        ProfileEvidence(profile: profile, taxonomy: taxonomy, referenceDate: referenceDate)
    }

    func classify(_ requirements: JobRequirements, profile: Resume) -> [RequirementStatus] {
        RequirementClassifier(taxonomy: taxonomy).classify(requirements, against: evidence(for: profile))
    }

    func tailorDeterministically(
        profile: Resume, jobDescription: String?, targetTitle: String? = nil
    )
        -> TailoringResult
    {
        tailorDeterministically(
            profile: profile, requirements: requirements(jobDescription: jobDescription, targetTitle: targetTitle))
    }

    /// The template summary and reordering, checked like any candidate (it should
    /// never lose anything to the check; if it did, the report would say so).
    func tailorDeterministically(profile: Resume, requirements: JobRequirements) -> TailoringResult {
        let evidence = evidence(for: profile)
        let statuses = RequirementClassifier(taxonomy: taxonomy).classify(requirements, against: evidence)
        let candidate = DeterministicTailor(taxonomy: taxonomy, options: options)
            .tailor(profile: profile, requirements: requirements, statuses: statuses, evidence: evidence)
        return finish(candidate: candidate, profile: profile, requirements: requirements, evidence: evidence)
    }

    /// A résumé from elsewhere (a model's rewrite) through the claim check, with the
    /// report recomputed on what survived.
    func review(candidate: Resume, profile: Resume, requirements: JobRequirements) -> TailoringResult {
        finish(candidate: candidate, profile: profile, requirements: requirements, evidence: evidence(for: profile))
    }

    private func finish(
        candidate: Resume, profile: Resume, requirements: JobRequirements, evidence: ProfileEvidence
    )
        -> TailoringResult
    {
        let checked = ClaimChecker(taxonomy: taxonomy, referenceDate: referenceDate)
            .check(candidate: candidate, source: profile, evidence: evidence)
        let statuses = RequirementClassifier(taxonomy: taxonomy).classify(requirements, against: evidence)
        let coverage = KeywordCoverageMeter(taxonomy: taxonomy)
            .coverage(of: requirements, before: profile, after: checked.resume)
        return TailoringResult(
            resume: checked.resume, requirements: requirements, statuses: statuses, coverage: coverage,
            removedClaims: checked.removed)
    }
}

/// A tailored résumé with everything the response reports about it.
struct TailoringResult: Sendable, Equatable {
    var resume: Resume
    var requirements: JobRequirements
    var statuses: [RequirementStatus]
    var coverage: KeywordCoverage
    var removedClaims: [RemovedClaim]

    /// Requirements the person does not hold: input for a learning path.
    var missingRequirements: [RequirementStatus] { RequirementClassifier.notHeld(statuses) }

    func response(llm: LLMUsage, resumeVersionId: String? = nil) -> ResumeGenerationResponse {
        ResumeGenerationResponse(
            resume: resume, requirements: statuses, keywordCoverage: coverage,
            missingRequirements: missingRequirements, removedClaims: removedClaims, llm: llm,
            resumeVersionId: resumeVersionId)
    }
}
