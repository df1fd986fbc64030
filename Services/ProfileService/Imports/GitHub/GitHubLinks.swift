import Foundation

/// GitHub's pagination header (RFC 8288), for example
/// `<https://api.github.com/user/9919/repos?page=2>; rel="next", <…?page=5>; rel="last"`.
/// Follow these URLs as given: GitHub's point at `/user/{id}/repos`, not the path we asked.
enum GitHubLinks {
    /// Relation → URL, for every link with a `rel` parameter (several relations
    /// in one `rel="prev first"` each get the URL).
    static func parse(_ header: String?) -> [String: String] {
        guard let header else { return [:] }
        var links: [String: String] = [:]
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let url = String(rest[rest.index(after: open)..<close])
            let parametersEnd = rest[close...].firstIndex(of: "<") ?? rest.endIndex
            let parameters = rest[rest.index(after: close)..<parametersEnd]
            for relation in relations(in: parameters) where links[relation] == nil {
                links[relation] = url
            }
            rest = rest[parametersEnd...]
        }
        return links
    }

    /// The values of the `rel` parameter in `; rel="next"` (quoted or not).
    private static func relations(in parameters: Substring) -> [String] {
        for parameter in parameters.split(separator: ";") {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2,
                pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "rel"
            else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            while value.hasSuffix(",") { value.removeLast() }
            value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            return value.split(separator: " ").map { $0.lowercased() }
        }
        return []
    }
}
