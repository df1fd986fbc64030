/// The parts of a prompt that may not be shortened (the system prompt, the
/// question, and the notices saying what was left out) are already too long
/// for the model's context window with room for its answer.
struct ContextBudgetError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case promptTooLarge
    }

    let code: Code
    let message: String
    /// Estimated tokens of the parts that must stay.
    let requiredTokens: Int
    /// Tokens the prompt may have: `num_ctx` minus the answer and the safety margin.
    let availableTokens: Int

    init(_ code: Code, _ message: String, requiredTokens: Int, availableTokens: Int) {
        self.code = code
        self.message = message
        self.requiredTokens = requiredTokens
        self.availableTokens = availableTokens
    }

    var description: String { "ContextBudgetError(\(code)): \(message)" }
}
