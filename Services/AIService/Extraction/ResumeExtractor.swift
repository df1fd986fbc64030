import Contracts
import Foundation

/// `POST /internal/extract/resume`: the extraction (fast) model refines the
/// structure profile-service's deterministic parser found. Without a usable
/// answer it returns no résumé and says why, and the caller keeps its draft.
struct ResumeExtractor: Sendable {
    let models: LanguageModels

    /// Longer texts are refused rather than cut silently (profile-service caps its own at this).
    static let maximumTextCharacters = 60_000

    /// - Throws: `LanguageModelError(.overloaded)` when the model's queue is full;
    ///   every other failure is an answer with `resume == nil`.
    func extract(text: String, draft: Resume) async throws -> ResumeExtractionResponse {
        // No model is the likelier reason, and the one the caller can act on: say it first.
        let route: ModelRoute
        switch await models.availableRoute(for: .extraction) {
        case .success(let available): route = available
        case .failure(let unavailable):
            return ResumeExtractionResponse(resume: nil, llm: .unused(reason: unavailable.reason))
        }
        let fitted: FittedPrompt
        do {
            fitted = try ResumeExtractionPrompt.fit(text: text, draft: draft, route: route)
        } catch let error as ContextBudgetError {
            return ResumeExtractionResponse(
                resume: nil,
                llm: .unused(reason: "the résumé prompt does not fit the model's context window (\(error.message))"))
        }
        let output = StructuredOutput<Resume>(schema: ResumeExtractionSchema.schema) {
            try ResumeExtractionValidator.validate($0)
        }
        let system = fitted.messages.first { $0.role == .system }?.content ?? ResumeExtractionPrompt.system
        let user = fitted.messages.filter { $0.role != .system }.map(\.content).joined(separator: "\n\n")
        switch try await models.structured(task: .extraction, system: system, user: user, output: output) {
        case .unavailable(let reason, let durations):
            return ResumeExtractionResponse(
                resume: nil, llm: LLMUsage(used: false, reason: reason, durations: durations))
        case .answered(let resume, var usage, _):
            if let omitted = fitted.trimmedDocuments[ResumeExtractionPrompt.textLabel] {
                usage.reason =
                    "partly: the model saw the start of the text; the last \(TextCut.grouped(omitted)) characters "
                    + "did not fit its context window"
            }
            return ResumeExtractionResponse(resume: resume, llm: usage)
        }
    }
}
