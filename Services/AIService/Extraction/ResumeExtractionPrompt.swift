import Contracts
import Foundation

/// The extraction model's prompt: instructions, the résumé's text and the
/// parser's draft, cut to the model's context window.
enum ResumeExtractionPrompt {
    static let system = """
        You turn the text of a résumé (CV) into JSON Resume data. A parser has already made a draft; correct \
        and complete it from the text: fix the names, job titles, employers, dates and sections it got wrong, \
        and add what it missed. Copy every value as the text writes it and keep the résumé's language. Never \
        invent a name, employer, title, date, degree, skill, link or contact detail the text does not contain; \
        leave out what the text does not say. work.name is the employer and work.position the job title; \
        work.highlights are the bullet points under a job, copied as written. education.studyType is the \
        degree (Bachelor, M.Sc., Ausbildung) and education.area the subject. Dates are "YYYY-MM" or "YYYY"; \
        leave endDate out while a job or course is ongoing. skills are groups with a name and keywords.
        """

    static let question = ChatMessage.user("Write the JSON Resume data for this résumé now.")

    static let textLabel = "résumé text"
    static let draftLabel = "draft from the parser"

    /// `LanguageModels.structured` appends this to the system prompt after the
    /// fit, so its tokens are kept free here rather than overflowing the window.
    static let schemaAppendixTokens: Int = {
        let schema = (try? JSONAnswer.encoder.encode(ResumeExtractionSchema.schema)) ?? Data()
        // The sentence that introduces the schema, with room to spare.
        return TokenEstimate.tokens(in: String(decoding: schema, as: UTF8.self)) + 48
    }()

    /// The messages for the route's model; the text is shortened first (it is the
    /// largest part), at a line end, with a notice of what was left out.
    static func fit(text: String, draft: Resume, route: ModelRoute) throws -> FittedPrompt {
        let routed = ContextBudget(route: route)
        guard routed.promptTokens > schemaAppendixTokens else {
            // Said plainly: the fix is the routing table's num_ctx, not a shorter résumé.
            throw ContextBudgetError(
                .promptTooLarge,
                "the JSON schema alone needs about \(schemaAppendixTokens) tokens of the \(routed.promptTokens) "
                    + "that num_ctx \(routed.numCtx) leaves for the prompt; give \(route.model) a larger num_ctx",
                requiredTokens: schemaAppendixTokens, availableTokens: routed.promptTokens)
        }
        let budget = ContextBudget(
            numCtx: routed.numCtx, reservedForOutput: routed.reservedForOutput,
            safetyMargin: routed.safetyMargin + schemaAppendixTokens)
        return try budget.fit(
            system: system, documents: [(textLabel, text), (draftLabel, ResumeDraftText.render(draft))],
            question: question)
    }
}
