/// Token counts without the model's tokenizer, erring high.
///
/// A prompt that is really longer than `num_ctx` is cut by Ollama without a
/// word (it drops the start of the prompt, often the system prompt), so an
/// estimate must not come in low. Two measures, the larger wins:
/// - bytes: ⌈UTF-8 bytes / 3.5⌉. Qwen 2.5 and Phi-3 average about 4 bytes per
///   token on English prose, so this is some 15–30 % high there.
/// - pieces, for text where bytes mislead: each run of ASCII letters costs
///   ⌈length / 4⌉ (common words are one token, long ones several); each digit,
///   punctuation mark, tab and newline costs one (both tokenizers split numbers
///   digit by digit, and JSON or code is mostly punctuation); a run of two or
///   more spaces costs one (a single space rides on the next word); each
///   non-ASCII character costs one, two for 4-byte ones such as emoji.
/// Words × 1.35, the usual rule of thumb, is not used: it counts "2024-05-01"
/// or `{"a":1}` as one word where the tokenizers see 8 to 10 tokens.
enum TokenEstimate {
    static let bytesPerToken = 3.5
    static let lettersPerToken = 4
    /// Chat templates wrap every message in role markers
    /// (`<|im_start|>user\n…<|im_end|>\n` is 5 tokens in Qwen's); 8 leaves room.
    static let perMessageOverhead = 8

    static func tokens(in text: String) -> Int {
        var pieces = 0
        var letters = 0
        var spaces = 0
        var bytes = 0
        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            bytes += width
            let value = scalar.value
            let isLetter = (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
            if isLetter {
                letters += 1
            } else if letters > 0 {
                pieces += (letters + lettersPerToken - 1) / lettersPerToken
                letters = 0
            }
            if value == 0x20 {
                spaces += 1
                continue
            }
            if spaces > 1 { pieces += 1 }
            spaces = 0
            if !isLetter { pieces += width == 4 ? 2 : 1 }
        }
        pieces += (letters + lettersPerToken - 1) / lettersPerToken
        if spaces > 1 { pieces += 1 }
        let byBytes = Int((Double(bytes) / bytesPerToken).rounded(.up))
        return max(byBytes, pieces)
    }

    /// The prompt as the model sees it: every message's content and its role markers.
    static func tokens(in messages: [ChatMessage]) -> Int {
        messages.reduce(0) { $0 + tokens(in: $1.content) + perMessageOverhead }
    }
}
