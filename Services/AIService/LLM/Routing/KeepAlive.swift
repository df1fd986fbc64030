import Foundation

/// `keep_alive` values as Ollama accepts them in a JSON string: a Go duration
/// ("30m", "1h30m", "0", "-1m"; negative keeps the model loaded forever).
enum KeepAlive {
    private static let units: Set<String> = ["ns", "us", "µs", "μs", "ms", "s", "m", "h"]

    /// The value to send, or nil when Ollama would reject it. A bare whole number
    /// is taken as seconds and given its unit ("300" → "300s", "-1" → "-1s"),
    /// because Ollama parses strings with Go's `time.ParseDuration`, which
    /// refuses numbers without a unit.
    static func normalised(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return seconds == 0 ? "0" : "\(seconds)s" }
        return isGoDuration(trimmed) ? trimmed : nil
    }

    /// Go's grammar: an optional sign, then one or more decimal numbers each followed by a unit.
    private static func isGoDuration(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        guard !rest.isEmpty else { return false }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard number.contains(where: \.isNumber), number.filter({ $0 == "." }).count <= 1 else { return false }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard units.contains(String(unit)) else { return false }
            rest = rest.dropFirst(unit.count)
        }
        return true
    }
}
