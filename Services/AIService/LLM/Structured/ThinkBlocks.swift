import Foundation

/// Reasoning models (qwen3, deepseek-r1) wrap their thinking in `<think>…</think>`
/// before the answer; only the answer is ours to parse or show.
enum ThinkBlocks {
    static func strip(_ text: String) -> String {
        var result = Substring(text)
        var output = ""
        while let open = result.range(of: "<think>") {
            output += result[..<open.lowerBound]
            guard let close = result[open.upperBound...].range(of: "</think>") else {
                // An unclosed block (output cut off mid-thought) has no answer in it.
                result = ""
                break
            }
            result = result[close.upperBound...]
        }
        output += result
        // A stray closing tag means the opening one was in the prompt template.
        if let close = output.range(of: "</think>") { output = String(output[close.upperBound...]) }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
