/// Fits a prompt into a model's context window before it is sent.
///
/// Ollama does not refuse a prompt longer than `num_ctx`: it silently drops the
/// start, which is usually the system prompt and the documents the answer must
/// rest on. So prompts are cut here, in an order that keeps what matters, and
/// every cut is stated in the prompt and reported to the caller:
/// 1. the oldest history messages go first (never the system prompt or the question);
/// 2. then documents are shortened, largest first, at a line, sentence or word
///    boundary, ending in "[… 3,214 characters omitted to fit the model's context window]";
/// 3. if the system prompt, the question and those notices alone do not fit,
///    `fit` throws `ContextBudgetError` rather than send a prompt that cannot work.
struct ContextBudget: Sendable, Equatable {
    let numCtx: Int
    /// Tokens kept free for the answer (the route's `num_predict`).
    let reservedForOutput: Int
    /// Tokens kept free for the estimate's error and the chat template's extras.
    let safetyMargin: Int

    /// - Parameters:
    ///   - reservedForOutput: the route's `num_predict`; a negative value (Ollama's
    ///     -1, "no limit") reserves a quarter of the window.
    ///   - safetyMargin: default 5 % of the window, at least 32 tokens.
    init(numCtx: Int, reservedForOutput: Int, safetyMargin: Int? = nil) {
        self.numCtx = numCtx
        self.reservedForOutput = reservedForOutput < 0 ? numCtx / 4 : reservedForOutput
        self.safetyMargin = safetyMargin ?? max(32, numCtx / 20)
    }

    /// The budget of a routed task.
    init(route: ModelRoute) {
        let numCtx = route.options.numCtx ?? 2048
        self.init(numCtx: numCtx, reservedForOutput: route.options.numPredict ?? numCtx / 4)
    }

    /// Tokens the prompt may use.
    var promptTokens: Int { numCtx - reservedForOutput - safetyMargin }

    /// The messages to send: `system` followed by the documents (each under a
    /// `## label` heading) as the system message, the history that fits, then
    /// `question`. Labels should be unique; they key `trimmedDocuments`.
    func fit(
        system: String, documents: [(label: String, text: String)] = [], history: [ChatMessage] = [],
        question: ChatMessage
    ) throws -> FittedPrompt {
        var prompt = PromptParts(system: system, documents: documents, history: history, question: question)
        let limit = promptTokens

        let required = TokenEstimate.tokens(in: prompt.messagesWithOnlyRequiredParts())
        guard required <= limit else {
            throw ContextBudgetError(
                .promptTooLarge,
                "the system prompt and the question need about \(required) tokens, more than the \(limit) that "
                    + "num_ctx \(numCtx) leaves after \(reservedForOutput) for the answer and \(safetyMargin) spare",
                requiredTokens: required, availableTokens: limit)
        }

        var estimate = TokenEstimate.tokens(in: prompt.messages())
        while estimate > limit, prompt.dropOldestHistory() {
            estimate = TokenEstimate.tokens(in: prompt.messages())
        }
        while estimate > limit {
            // Terminates: every pass shortens a document by at least one character,
            // and with every document reduced to its notice the required check above holds.
            guard let largest = prompt.largestDocument() else { break }
            prompt.shorten(document: largest, by: estimate - limit)
            estimate = TokenEstimate.tokens(in: prompt.messages())
        }
        guard estimate <= limit else {
            throw ContextBudgetError(
                .promptTooLarge, "the prompt needs about \(estimate) tokens even cut to the minimum; \(limit) fit",
                requiredTokens: estimate, availableTokens: limit)
        }

        return FittedPrompt(
            messages: prompt.messages(), trimmedDocuments: prompt.omittedCharacters(),
            droppedHistoryCount: prompt.droppedHistory, estimatedTokens: estimate)
    }
}
