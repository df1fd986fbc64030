import Contracts
import Foundation

/// How good a resource is likely to be, apart from what it teaches: the
/// curated catalogue is vetted by hand; a live find earns its place by its
/// publisher's reputation or by how it is received (GitHub stars, YouTube views).
enum QualitySignals {
    /// What every catalogue entry scores: vetted, but a very popular live find may still beat it.
    static let curated = 0.8
    /// The least a live find from a well-known publisher scores, however new.
    static let reputable = 0.8

    /// 0...1.
    static func score(_ resource: LearningResource) -> Double {
        switch resource.source {
        case .catalogue:
            return curated
        case .github, .youtube:
            let popularity = popularity(resource)
            return isReputable(publisher(resource)) ? max(reputable, popularity) : popularity
        }
    }

    /// Reception on a log scale, 0...1: 100,000 stars or 10 million views is 1.
    static func popularity(_ resource: LearningResource) -> Double {
        switch resource.source {
        case .catalogue: return 0
        case .github: return min(1, log10(Double(max(0, resource.stars ?? 0)) + 1) / 5)
        case .youtube: return min(1, log10(Double(max(0, resource.views ?? 0)) + 1) / 7)
        }
    }

    /// Why it can be trusted, in plain words.
    static func reason(_ resource: LearningResource) -> String {
        switch resource.source {
        case .catalogue:
            return "Hand-picked from \(resource.provider)"
        case .github:
            let stars = "\(abbreviated(resource.stars ?? 0)) stars on GitHub"
            let owner = publisher(resource)
            return isReputable(owner) ? "From \(owner), \(stars)" : stars.capitalizedFirst
        case .youtube:
            let views = "\(abbreviated(resource.views ?? 0)) views on YouTube"
            return isReputable(resource.provider) ? "From \(resource.provider), \(views)" : views.capitalizedFirst
        }
    }

    /// Who published it: a repository's owner (from "github:<owner>/<name>";
    /// its provider is GitHub itself), else the provider (a YouTube channel).
    static func publisher(_ resource: LearningResource) -> String {
        guard resource.source == .github, resource.id.hasPrefix("github:") else { return resource.provider }
        return resource.id.dropFirst("github:".count).split(separator: "/").first.map(String.init) ?? resource.provider
    }

    /// 950, 12.3k, 4.5M.
    static func abbreviated(_ count: Int) -> String {
        switch count {
        case ..<1_000: return String(count)
        case ..<1_000_000: return trimmed(Double(count) / 1_000) + "k"
        default: return trimmed(Double(count) / 1_000_000) + "M"
        }
    }

    private static func trimmed(_ value: Double) -> String {
        value >= 100 ? String(Int(value)) : String(format: "%.1f", value).replacingOccurrences(of: ".0", with: "")
    }

    /// Publishers of well-known free learning material and official project
    /// accounts, as YouTube channel titles and GitHub owners spell them.
    static let reputablePublishers: [String] = [
        "freecodecamp", "freecodecamp.org", "google", "google for developers", "google cloud", "googlecloudplatform",
        "microsoft", "microsoft developer", "microsoftdocs", "microsoftlearn", "azure", "aws", "amazon web services",
        "aws-samples", "awslabs", "mit opencourseware", "cs50", "harvard", "stanford", "stanford online", "mozilla",
        "mdn", "the linux foundation", "linux foundation", "cncf", "kubernetes", "docker", "hashicorp", "python",
        "rust-lang", "golang", "apple", "apple developer", "android developers", "android", "jetbrains", "ibm",
        "ibm technology", "red hat", "meta", "facebook", "facebookresearch", "oracle", "postgresql",
        "postgres", "mongodb", "elastic", "github", "gitlab", "khan academy", "the odin project", "fireship",
        "techworld with nana", "traversy media", "3blue1brown", "statquest", "corey schafer",
        "the net ninja", "web dev simplified", "programming with mosh", "computerphile", "deeplearning.ai",
        "hugging face", "pytorch", "tensorflow", "nodejs", "vercel", "swiftlang",
        "kotlin", "jetbrains academy", "ossu", "kamranahmedse", "donnemartin", "jwasham", "ebookfoundation",
    ]

    private static let reputableKeys: Set<String> = Set(reputablePublishers.map(compactKey))

    /// Whether `provider` is a well-known publisher, compared as letters and
    /// digits alone ("FreeCodeCamp.org" and "freecodecamp org" are one). The whole name
    /// must match: "Python Tutorials by Joe" is not the Python project.
    static func isReputable(_ provider: String) -> Bool {
        reputableKeys.contains(compactKey(provider))
    }

    private static func compactKey(_ name: String) -> String {
        name.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}

extension String {
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
