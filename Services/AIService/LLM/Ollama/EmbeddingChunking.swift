/// Fits texts into an embedding model's input window and merges the pieces back,
/// so a long résumé still gets one vector instead of a silently truncated one.
enum EmbeddingChunking {
    /// Tokens a text may take: about four bytes a token for prose, but never fewer
    /// than one a word (short words and numbers are a token each).
    static func estimatedTokens(of text: some StringProtocol) -> Int {
        estimatedTokens(bytes: text.utf8.count, words: text.split(whereSeparator: \.isWhitespace).count)
    }

    static func estimatedTokens(bytes: Int, words: Int) -> Int {
        max((bytes + 3) / 4, words)
    }

    /// The text itself when it fits `window` tokens, else pieces that each fit,
    /// cut at whitespace (a word too long on its own is cut between characters).
    static func chunks(of text: String, window: Int) -> [String] {
        let window = max(1, window)
        guard estimatedTokens(of: text) > window else { return [text] }
        var chunks: [String] = []
        var current: [Substring] = []
        var bytes = 0
        for word in text.split(whereSeparator: \.isWhitespace) {
            for piece in pieces(of: word, maxBytes: window * 4) {
                let separator = current.isEmpty ? 0 : 1
                if !current.isEmpty,
                    estimatedTokens(bytes: bytes + separator + piece.utf8.count, words: current.count + 1) > window
                {
                    chunks.append(current.joined(separator: " "))
                    current = []
                    bytes = 0
                }
                bytes += (current.isEmpty ? 0 : 1) + piece.utf8.count
                current.append(piece)
            }
        }
        if !current.isEmpty { chunks.append(current.joined(separator: " ")) }
        return chunks.isEmpty ? [""] : chunks
    }

    /// A word of more than `maxBytes` bytes, cut into runs of whole characters.
    private static func pieces(of word: Substring, maxBytes: Int) -> [Substring] {
        guard word.utf8.count > maxBytes else { return [word] }
        var pieces: [Substring] = []
        var start = word.startIndex
        var bytes = 0
        for index in word.indices {
            let size = word[index].utf8.count
            if bytes + size > maxBytes, index > start {
                pieces.append(word[start..<index])
                start = index
                bytes = 0
            }
            bytes += size
        }
        pieces.append(word[start...])
        return pieces
    }

    /// The direction of the mean of `vectors` (each normalised first, so every
    /// chunk counts the same), L2-normalised; nil when there are none or their
    /// lengths differ.
    static func mergedVector(_ vectors: [[Float]]) -> [Float]? {
        guard let first = vectors.first, !first.isEmpty, vectors.allSatisfy({ $0.count == first.count }) else {
            return nil
        }
        var sum = [Float](repeating: 0, count: first.count)
        for vector in vectors {
            for (index, value) in normalized(vector).enumerated() { sum[index] += value }
        }
        return normalized(sum)
    }

    /// `vector / |vector|`; a zero vector stays as it is.
    static func normalized(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0, norm.isFinite else { return vector }
        return vector.map { $0 / norm }
    }
}
