import Contracts

/// LinkedIn, GitHub, GitLab and XING accounts from the addresses or labelled
/// handles a résumé gives ("linkedin.com/in/jane-doe", "GitHub: @janedoe").
enum SocialProfiles {
    struct Network: Sendable {
        var name: String
        var host: String
        /// Path segment before the username ("in" for LinkedIn), if any.
        var prefix: String?
        var profileURL: @Sendable (String) -> String
    }

    static let networks: [Network] = [
        Network(name: "LinkedIn", host: "linkedin.com", prefix: "in") { "https://www.linkedin.com/in/\($0)" },
        Network(name: "GitHub", host: "github.com", prefix: nil) { "https://github.com/\($0)" },
        Network(name: "GitLab", host: "gitlab.com", prefix: nil) { "https://gitlab.com/\($0)" },
        Network(name: "XING", host: "xing.com", prefix: "profile") { "https://www.xing.com/profile/\($0)" },
    ]

    /// The profile an address points at, or nil for other sites.
    static func profile(fromURL url: String) -> Resume.Profile? {
        var rest = Substring(url.lowercased())
        for scheme in ["https://", "http://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
        for sub in ["www.", "de.", "m."] where rest.hasPrefix(sub) { rest = rest.dropFirst(sub.count) }
        let original = url.suffix(rest.count)
        let segments = original.split(separator: "/").map(String.init)
        guard let host = segments.first?.lowercased() else { return nil }
        for network in networks where host == network.host {
            var path = Array(segments.dropFirst())
            if let prefix = network.prefix {
                guard path.first?.lowercased() == prefix else { return nil }
                path.removeFirst()
            }
            guard let raw = path.first else { return nil }
            let username = String(raw.prefix { $0 != "?" && $0 != "#" })
            guard isUsername(username) else { return nil }
            return Resume.Profile(network: network.name, username: username, url: network.profileURL(username))
        }
        return nil
    }

    /// "LinkedIn: jane-doe", "GitHub: @janedoe", "github/janedoe".
    static func profile(fromLabelled text: String) -> Resume.Profile? {
        let lowered = text.lowercased()
        for network in networks {
            let label = network.name.lowercased()
            guard lowered.hasPrefix(label) else { continue }
            var rest = text.dropFirst(label.count)
            while let first = rest.first, " :/-–@".contains(first) { rest = rest.dropFirst() }
            let username = String(rest.prefix { !$0.isWhitespace && $0 != "(" && $0 != "|" })
            guard isUsername(username), !username.contains(".") else { return nil }
            return Resume.Profile(network: network.name, username: username, url: network.profileURL(username))
        }
        return nil
    }

    private static func isUsername(_ text: String) -> Bool {
        (1...100).contains(text.count) && text.allSatisfy { $0.isLetter || $0.isNumber || "-_.%".contains($0) }
    }
}
