import TestSupport
import Testing

@testable import AIService

@Suite("Context budget")
struct ContextBudgetTests {
    static let sentence = "The candidate led a team of five engineers building payment services in Go. "

    static func prose(sentences: Int, lineEvery: Int = 4) -> String {
        (0..<sentences).map { index in
            Self.sentence + ((index + 1) % lineEvery == 0 ? "\n" : "")
        }.joined()
    }

    static func history(_ count: Int, sentences: Int = 6) -> [ChatMessage] {
        (0..<count).map { index in
            let text = "Message \(index). " + prose(sentences: sentences)
            return index.isMultiple(of: 2) ? .user(text) : .assistant(text)
        }
    }

    @Test("a prompt that fits is passed through whole")
    func fitsUnchanged() throws {
        let budget = ContextBudget(numCtx: 4096, reservedForOutput: 1024)
        let history = Self.history(2, sentences: 1)
        let fitted = try budget.fit(
            system: "Be brief.", documents: [(label: "profile", text: "Swift, Go.")], history: history,
            question: .user("What next?"))
        #expect(fitted.messages == [.system("Be brief.\n\n## profile\nSwift, Go.")] + history + [.user("What next?")])
        #expect(!fitted.wasTrimmed)
        #expect(fitted.estimatedTokens == TokenEstimate.tokens(in: fitted.messages))
    }

    @Test("history is dropped oldest first; the system prompt and the question stay")
    func historyDroppedOldestFirst() throws {
        let budget = ContextBudget(numCtx: 2048, reservedForOutput: 512)
        let history = Self.history(30)
        let question = ChatMessage.user("And what about Kubernetes?")
        let fitted = try budget.fit(
            system: "You are a career coach.", documents: [(label: "profile", text: "Swift developer.")],
            history: history, question: question)
        #expect(fitted.droppedHistoryCount > 0 && fitted.droppedHistoryCount < history.count)
        #expect(fitted.messages.first == .system("You are a career coach.\n\n## profile\nSwift developer."))
        #expect(fitted.messages.last == question)
        #expect(
            Array(fitted.messages.dropFirst().dropLast()) == Array(history.suffix(from: fitted.droppedHistoryCount)))
        #expect(fitted.trimmedDocuments.isEmpty, "documents are cut only once the history is gone")
        #expect(fitted.estimatedTokens <= budget.promptTokens)
        // The kept history is as long as it can be: one more message would not fit.
        let oneMore = [fitted.messages[0], history[fitted.droppedHistoryCount - 1]] + fitted.messages.dropFirst()
        #expect(TokenEstimate.tokens(in: oneMore) > budget.promptTokens)
    }

    @Test("a long document is cut at a sentence or line end with a stated notice")
    func documentCutWithNotice() throws {
        let budget = ContextBudget(numCtx: 2048, reservedForOutput: 512)
        let document = Self.prose(sentences: 300)
        let fitted = try budget.fit(
            system: "Summarise the job.", documents: [(label: "job description", text: document)],
            history: Self.history(4), question: .user("Summarise."))
        #expect(fitted.droppedHistoryCount == 4)
        let omitted = try #require(fitted.trimmedDocuments["job description"])
        let system = fitted.messages[0].content
        let notice = "[… \(TextCut.grouped(omitted)) characters omitted to fit the model's context window]"
        #expect(system.hasSuffix("\n" + notice))
        let body = system.dropFirst("Summarise the job.\n\n## job description\n".count).dropLast(notice.count + 1)
        #expect(document.hasPrefix(body))
        #expect(body.count + omitted == document.count)
        #expect(body.hasSuffix("Go."), "cut after a whole sentence")
        #expect(fitted.estimatedTokens <= budget.promptTokens)
        #expect(fitted.estimatedTokens > budget.promptTokens * 8 / 10, "the cut keeps most of the room in use")
    }

    @Test("the largest document is cut first; a small one survives when that is enough")
    func largestFirst() throws {
        let budget = ContextBudget(numCtx: 2048, reservedForOutput: 512)
        let small = Self.prose(sentences: 5)
        let large = Self.prose(sentences: 200)
        let fitted = try budget.fit(
            system: "Compare.", documents: [(label: "profile", text: small), (label: "job", text: large)],
            question: .user("Compare them."))
        #expect(fitted.trimmedDocuments.keys.sorted() == ["job"])
        #expect(fitted.messages[0].content.contains("## profile\n" + small))
        #expect(fitted.estimatedTokens <= budget.promptTokens)
    }

    @Test("whatever goes in, the result fits and keeps what must stay", arguments: 0..<40)
    func alwaysFits(seed: Int) throws {
        var random = SplitMix(state: UInt64(seed))
        let numCtx = [512, 1024, 2048, 4096].randomElement(using: &random) ?? 2048
        let budget = ContextBudget(numCtx: numCtx, reservedForOutput: numCtx / 4)
        let documents = (0..<Int.random(in: 0...3, using: &random)).map { index in
            (label: "doc\(index)", text: Self.prose(sentences: Int.random(in: 0...150, using: &random), lineEvery: 3))
        }
        let history = Self.history(
            Int.random(in: 0...20, using: &random), sentences: Int.random(in: 1...8, using: &random))
        let question = ChatMessage.user("Question \(seed)?")
        let fitted = try budget.fit(system: "System.", documents: documents, history: history, question: question)
        #expect(fitted.estimatedTokens <= budget.promptTokens)
        #expect(TokenEstimate.tokens(in: fitted.messages) == fitted.estimatedTokens)
        #expect(fitted.messages.first?.content.hasPrefix("System.") == true)
        #expect(fitted.messages.last == question)
        if !fitted.trimmedDocuments.isEmpty { #expect(fitted.droppedHistoryCount == history.count) }
        for (label, omitted) in fitted.trimmedDocuments {
            #expect(fitted.messages[0].content.contains("\(TextCut.grouped(omitted)) characters omitted"), "\(label)")
        }
    }

    @Test("a system prompt and question that cannot fit are refused, not truncated")
    func impossiblePrompt() throws {
        let budget = ContextBudget(numCtx: 512, reservedForOutput: 256)
        let error = try #require(throws: ContextBudgetError.self) {
            try budget.fit(
                system: Self.prose(sentences: 40), documents: [(label: "d", text: "x")], history: Self.history(2),
                question: .user("Why?"))
        }
        #expect(error.code == .promptTooLarge)
        #expect(error.availableTokens == budget.promptTokens)
        #expect(error.requiredTokens > error.availableTokens)
    }

    @Test("the budget follows the route: num_ctx, num_predict, and a margin")
    func budgetFromRoute() {
        let route = ModelRoute(
            model: "m", options: ModelOptions(numCtx: 4096, numPredict: 1024), keepAlive: "30m")
        let budget = ContextBudget(route: route)
        #expect(budget.promptTokens == 4096 - 1024 - 204)
        #expect(ContextBudget(numCtx: 2048, reservedForOutput: -1).reservedForOutput == 512)
        #expect(ContextBudget(numCtx: 512, reservedForOutput: 128).safetyMargin == 32)
    }

    @Test("token estimates err high: bytes, digits and punctuation all count")
    func tokenEstimate() {
        #expect(TokenEstimate.tokens(in: "") == 0)
        let prose = Self.prose(sentences: 10)
        #expect(Double(TokenEstimate.tokens(in: prose)) >= Double(prose.utf8.count) / 3.5)
        #expect(TokenEstimate.tokens(in: "2024-05-01") >= 10, "tokenizers split digits one by one")
        #expect(TokenEstimate.tokens(in: #"{"a":1,"b":2}"#) >= 13)
        #expect(TokenEstimate.tokens(in: "履歴書を書く") >= 6)
        #expect(TokenEstimate.tokens(in: "🙂🙂") >= 4)
        #expect(
            TokenEstimate.tokens(in: [.user("hi")]) == TokenEstimate.tokens(in: "hi") + TokenEstimate.perMessageOverhead
        )
    }

    @Test("cuts prefer a line end, then a sentence end, then a word break")
    func cutBoundaries() {
        #expect(TextCut.prefix(of: "First line.\nSecond line here", atMost: 20) == "First line.")
        #expect(TextCut.prefix(of: "One sentence. Another one follows", atMost: 25) == "One sentence.")
        #expect(TextCut.prefix(of: "words without any stop at all", atMost: 20) == "words without any")
        #expect(TextCut.prefix(of: "abcdefghijklmnopqrstuvwxyz", atMost: 10) == "abcdefghij")
        #expect(TextCut.prefix(of: "short", atMost: 10) == "short")
        #expect(TextCut.prefix(of: "short", atMost: 0) == "")
        #expect(TextCut.grouped(3214) == "3,214")
        #expect(TextCut.grouped(1_234_567) == "1,234,567")
        #expect(TextCut.grouped(999) == "999")
    }
}
