import Foundation

/// The JSON object in a model's answer: `format` makes Ollama emit bare JSON,
/// but OpenAI-compatible runtimes and small models still wrap it in prose or
/// Markdown fences, so take the outermost `{…}` after removing thinking.
enum JSONAnswer {
    static func object(in answer: String) -> Data? {
        let text = ThinkBlocks.strip(answer)
        guard let start = text.firstIndex(of: "{"), let end = text.lastIndex(of: "}"), start < end else {
            return nil
        }
        return Data(text[start...end].utf8)
    }
}
