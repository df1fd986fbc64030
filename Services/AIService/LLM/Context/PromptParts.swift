/// The pieces of a prompt while `ContextBudget` shortens it. Documents are only
/// ever cut to a prefix of their original text, so what was left out is the rest.
struct PromptParts {
    struct Document {
        let label: String
        let originalLength: Int
        var kept: Substring
        var keptLength: Int

        var omitted: Int { originalLength - keptLength }
    }

    let system: String
    let question: ChatMessage
    private(set) var documents: [Document]
    private let history: [ChatMessage]
    private(set) var droppedHistory = 0

    init(system: String, documents: [(label: String, text: String)], history: [ChatMessage], question: ChatMessage) {
        self.system = system
        self.question = question
        self.history = history
        self.documents = documents.map {
            let length = $0.text.count
            return Document(
                label: $0.label, originalLength: length, kept: Substring($0.text),
                keptLength: length)
        }
    }

    func messages() -> [ChatMessage] {
        assemble(documents: documents.map(Self.render), history: history[droppedHistory...])
    }

    /// The prompt that cannot be shortened: no history, every document reduced to its notice.
    func messagesWithOnlyRequiredParts() -> [ChatMessage] {
        let notices = documents.map { document in
            var empty = document
            empty.kept = ""
            empty.keptLength = 0
            return Self.render(empty)
        }
        return assemble(documents: notices, history: [])
    }

    mutating func dropOldestHistory() -> Bool {
        guard droppedHistory < history.count else { return false }
        droppedHistory += 1
        return true
    }

    /// The document with the most estimated tokens still kept, if any has text left.
    func largestDocument() -> Int? {
        documents.indices.filter { documents[$0].keptLength > 0 }
            .map { (index: $0, tokens: TokenEstimate.tokens(in: String(documents[$0].kept))) }
            .max { $0.tokens < $1.tokens }?.index
    }

    /// Shortens a document by about `excessTokens`, in proportion to its length,
    /// and by at least one character.
    mutating func shorten(document index: Int, by excessTokens: Int) {
        var document = documents[index]
        let tokens = max(1, TokenEstimate.tokens(in: String(document.kept)))
        let targetTokens = tokens - excessTokens
        let targetLength =
            targetTokens <= 0 ? 0 : min(document.keptLength - 1, document.keptLength * targetTokens / tokens)
        document.kept = TextCut.prefix(of: document.kept, atMost: targetLength)
        document.keptLength = document.kept.count
        documents[index] = document
    }

    func omittedCharacters() -> [String: Int] {
        var omitted: [String: Int] = [:]
        for document in documents where document.omitted > 0 { omitted[document.label, default: 0] += document.omitted }
        return omitted
    }

    private func assemble(documents rendered: [String], history: ArraySlice<ChatMessage>) -> [ChatMessage] {
        let systemContent = ([system] + rendered).filter { !$0.isEmpty }.joined(separator: "\n\n")
        var messages: [ChatMessage] = systemContent.isEmpty ? [] : [.system(systemContent)]
        messages += history
        messages.append(question)
        return messages
    }

    private static func render(_ document: Document) -> String {
        var body = String(document.kept)
        if document.omitted > 0 {
            let notice = "[… \(TextCut.grouped(document.omitted)) characters omitted to fit the model's context window]"
            body = body.isEmpty ? notice : body + "\n" + notice
        }
        return "## \(document.label)\n\(body)"
    }
}
