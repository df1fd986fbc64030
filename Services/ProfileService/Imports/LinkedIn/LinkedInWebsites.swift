import Contracts
import Foundation

/// Profile.csv's Websites and Twitter Handles fields as JSON Resume's `url` and
/// `profiles`. LinkedIn writes websites as "[PERSONAL:https://jane.dev,COMPANY:https://acme.com]"
/// (labels PERSONAL, COMPANY, BLOG, RSS, PORTFOLIO, OTHER); older or hand-edited
/// files hold plain addresses. Handles come as "[jane_doe]" or "jane_doe".
struct LinkedInWebsites: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var label: String?
        var address: String
    }

    /// The personal site, for `basics.url`.
    var url: String?
    var profiles: [Resume.Profile] = []
    /// Each entry left out, with the reason.
    var rejected: [String] = []

    init(websites: String?, twitterHandles: String?) {
        var links: [(label: String?, url: String)] = []
        for entry in Self.entries(websites ?? "") {
            if let url = WebAddress.normalised(entry.address) {
                links.append((entry.label, url))
            } else {
                rejected.append("Websites: '\(Self.shortened(entry.address))' is not a web address")
            }
        }
        let preferred =
            links.firstIndex { $0.label == "PERSONAL" } ?? links.firstIndex { $0.label == "PORTFOLIO" }
            ?? links.firstIndex { $0.label != "COMPANY" && Self.network(of: $0.url) == nil }
        if let preferred { url = links.remove(at: preferred).url }
        for link in links {
            let known = Self.network(of: link.url)
            let network = known?.network ?? link.label.map { String($0.prefix(1)) + $0.dropFirst().lowercased() }
            add(Resume.Profile(network: network, username: known?.username, url: link.url))
        }
        for handle in Self.list(twitterHandles ?? "") {
            let name = handle.hasPrefix("@") ? String(handle.dropFirst()) : handle
            guard (1...15).contains(name.count),
                name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            else {
                rejected.append("Twitter Handles: '\(Self.shortened(handle))' is not a Twitter handle")
                continue
            }
            add(Resume.Profile(network: "Twitter", username: name, url: "https://twitter.com/\(name)"))
        }
    }

    private mutating func add(_ profile: Resume.Profile) {
        let same = profiles.contains {
            $0.url?.lowercased() == profile.url?.lowercased()
                || ($0.network == profile.network && $0.username != nil && $0.username == profile.username)
        }
        if !same { profiles.append(profile) }
    }

    /// "[PERSONAL:https://a.dev,COMPANY:https://b.com]" → its labelled entries. A
    /// comma after an address with a query string, before something that is no
    /// label or address, is part of the query ("?tags=a,b").
    static func entries(_ field: String) -> [Entry] {
        var entries: [Entry] = []
        for piece in list(field, separators: [","]) {
            let (label, rest) = labelled(piece)
            if label == nil, !looksLikeAddressStart(rest), let last = entries.indices.last,
                entries[last].address.contains("?")
            {
                entries[last].address += "," + piece
            } else {
                entries.append(Entry(label: label, address: rest))
            }
        }
        return entries
    }

    /// The field without its brackets, split at `separators`, trimmed, empty pieces dropped.
    private static func list(_ field: String, separators: Set<Character> = [",", " ", "\n"]) -> [String] {
        var text = field.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        return text.split(whereSeparator: { separators.contains($0) })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// "PERSONAL:https://a.dev" → ("PERSONAL", "https://a.dev"); "https://a.dev" has no label.
    private static func labelled(_ piece: String) -> (String?, String) {
        guard let colon = piece.firstIndex(of: ":") else { return (nil, piece) }
        let label = piece[..<colon]
        let rest = piece[piece.index(after: colon)...]
        guard !label.isEmpty, label.allSatisfy({ $0.isASCII && ($0.isUppercase || $0 == "_") }), !rest.hasPrefix("//")
        else { return (nil, piece) }
        return (String(label), rest.trimmingCharacters(in: .whitespaces))
    }

    private static func looksLikeAddressStart(_ text: String) -> Bool {
        text.contains("://") || text.split(separator: "/").first?.contains(".") == true
    }

    /// Well-known networks a website may be a profile on, and the user name in its path.
    static func network(of url: String) -> (network: String, username: String?)? {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else {
            return nil
        }
        let bare = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        let networks = [
            "github.com": "GitHub", "gitlab.com": "GitLab", "twitter.com": "Twitter", "x.com": "Twitter",
            "linkedin.com": "LinkedIn", "stackoverflow.com": "Stack Overflow", "medium.com": "Medium",
            "dribbble.com": "Dribbble", "behance.net": "Behance", "mastodon.social": "Mastodon",
        ]
        guard let network = networks[bare] else { return nil }
        let path = components.path.split(separator: "/").map(String.init)
        let username: String? =
            switch network {
            case "LinkedIn": path.count >= 2 && path[0] == "in" ? path[1] : nil
            case "Stack Overflow": nil
            default: path.first.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
            }
        return (network, username)
    }

    private static func shortened(_ text: String) -> String {
        text.count > 80 ? String(text.prefix(80)) + "…" : text
    }
}
