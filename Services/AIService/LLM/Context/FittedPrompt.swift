/// A prompt cut to fit a model's context window, and what was cut, so the
/// answer can say it worked from part of the input.
struct FittedPrompt: Sendable, Equatable {
    /// System message (instructions, then the documents), the kept history, the question.
    var messages: [ChatMessage]
    /// Characters left out of each shortened document, by label.
    var trimmedDocuments: [String: Int]
    /// How many of the oldest history messages were left out.
    var droppedHistoryCount: Int
    /// `TokenEstimate.tokens(in: messages)`, at most the budget's `promptTokens`.
    var estimatedTokens: Int

    var wasTrimmed: Bool { droppedHistoryCount > 0 || !trimmedDocuments.isEmpty }
}
