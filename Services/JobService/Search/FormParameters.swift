import Foundation

/// A query string read as browsers write forms and `URLSearchParams`
/// (`application/x-www-form-urlencoded`): `+` is a space and `%2B` a plus, so
/// `q=swift+ios` searches two words and `q=c%2B%2B` finds C++. Hummingbird's
/// `queryParameters` keeps `+` as it is, which would make `swift+ios` one
/// word and a different cache entry from `swift%20ios`. The first of repeated
/// names wins; a malformed escape is kept as written.
enum FormParameters {
    static func parse(_ query: String?) -> [String: String] {
        var values: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            guard !name.isEmpty, values[name] == nil else { continue }
            values[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return values
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
