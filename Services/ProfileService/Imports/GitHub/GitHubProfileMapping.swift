import Contracts
import Foundation
import Taxonomy

/// Turns what GitHub said about an account into JSON Resume: the user into
/// `basics`, the most relevant repositories into `projects`, and the languages
/// and topics of all of them into taxonomy skills with GitHub evidence.
struct GitHubProfileMapping: Sendable {
    /// A repository the profile uses, with the languages that count for it.
    struct Repository: Sendable {
        var wire: GitHubWire.Repository
        /// Languages at or above the minimum share of the repository's bytes,
        /// largest first; the main `language` alone when no breakdown was read.
        var languages: [(name: String, bytes: Int)]
        /// The last push ("YYYY-MM-DD"), no later than the import's reference day.
        var lastPushed: String?

        var identity: String { wire.fullName ?? wire.name }
    }

    let taxonomy: Taxonomy
    /// Languages under this share of a repository's bytes are left out: vendored
    /// JavaScript, build scripts and generated files are not what the person writes.
    var minimumLanguageShare = 0.05
    var maximumProjects = 10

    // MARK: - Repositories

    /// The languages that count for a repository: those with at least
    /// `minimumLanguageShare` of `bytes`, or, without a breakdown, its main language.
    func languages(bytes: [String: Int]?, mainLanguage: String?) -> [(name: String, bytes: Int)] {
        let measured = (bytes ?? [:]).filter { !$0.key.isEmpty && $0.value > 0 }
        let total = measured.values.reduce(0) { $0 &+ $1 }
        guard total > 0 else {
            guard let mainLanguage, !mainLanguage.isEmpty else { return [] }
            return [(name: mainLanguage, bytes: 0)]
        }
        return
            measured
            .filter { Double($0.value) >= minimumLanguageShare * Double(total) }
            .map { (name: $0.key, bytes: $0.value) }
            .sorted { $0.bytes != $1.bytes ? $0.bytes > $1.bytes : $0.name < $1.name }
    }

    /// The repository as the profile uses it; `referenceDay` caps a push date
    /// from a skewed clock.
    func repository(
        _ wire: GitHubWire.Repository, languageBytes: [String: Int]?, referenceDay: String
    ) -> Repository {
        let pushed = GitHubDates.day(wire.pushedAt) ?? GitHubDates.day(wire.createdAt)
        return Repository(
            wire: wire, languages: languages(bytes: languageBytes, mainLanguage: wire.language),
            lastPushed: pushed.map { min($0, referenceDay) })
    }

    // MARK: - Résumé

    func resume(user: GitHubWire.User, repositories: [Repository]) -> Resume {
        let projects = projects(repositories)
        let skills = skills(repositories)
        return Resume(
            basics: basics(user), projects: projects.isEmpty ? nil : projects,
            careergini: skills.isEmpty ? nil : CareerginiExtension(skills: skills))
    }

    func basics(_ user: GitHubWire.User) -> Resume.Basics {
        let city = Self.text(user.location)?.split(separator: ",").first
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
        let profileURL = Self.text(user.htmlURL) ?? "https://github.com/\(user.login)"
        return Resume.Basics(
            name: Self.text(user.name), url: Self.website(user.blog), summary: Self.text(user.bio),
            location: city.map { Resume.Location(city: $0) },
            profiles: [Resume.Profile(network: "GitHub", username: user.login, url: profileURL)])
    }

    /// The most starred repositories, ties broken by the latest push.
    func projects(_ repositories: [Repository]) -> [Resume.Project] {
        let ranked = repositories.sorted { left, right in
            let (leftStars, rightStars) = (left.wire.stargazersCount ?? 0, right.wire.stargazersCount ?? 0)
            if leftStars != rightStars { return leftStars > rightStars }
            if left.lastPushed != right.lastPushed { return (left.lastPushed ?? "") > (right.lastPushed ?? "") }
            return left.wire.name < right.wire.name
        }
        return ranked.prefix(maximumProjects).map { repository in
            var keywords: [String] = []
            var seen: Set<String> = []
            for keyword in (repository.wire.topics ?? []) + repository.languages.map(\.name)
            where !keyword.isEmpty && seen.insert(keyword.lowercased()).inserted {
                keywords.append(keyword)
            }
            return Resume.Project(
                name: repository.wire.name, description: Self.text(repository.wire.description),
                keywords: keywords.isEmpty ? nil : keywords,
                startDate: GitHubDates.day(repository.wire.createdAt).map(GitHubDates.month(ofDay:)),
                url: Self.text(repository.wire.htmlURL))
        }
    }

    /// GitHub's language names (from its Linguist library) that differ from what
    /// people write: "Shell" alone is too ambiguous for the taxonomy's free-text
    /// matching (a company, a UI), but as a repository language it is shell scripting.
    static let linguistNames = ["Shell": "shell scripting", "Jupyter Notebook": "python"]

    /// Every language and topic the taxonomy knows, by skill id: in how many
    /// repositories, and when the latest of them was pushed. Ordered by
    /// repositories, then bytes of code, then id.
    func skills(_ repositories: [Repository]) -> [ProfileSkill] {
        struct Seen {
            var repositories: Set<String> = []
            var bytes = 0
            var lastPushed: String?
        }
        var seen: [String: Seen] = [:]
        for repository in repositories {
            var ids: Set<String> = []
            for language in repository.languages {
                let name = Self.linguistNames[language.name] ?? language.name
                guard let id = taxonomy.skillId(for: name) else { continue }
                ids.insert(id)
                seen[id, default: Seen()].bytes &+= language.bytes
            }
            for topic in repository.wire.topics ?? [] {
                if let id = taxonomy.skillId(for: topic) { ids.insert(id) }
            }
            for id in ids {
                seen[id, default: Seen()].repositories.insert(repository.identity)
                if let pushed = repository.lastPushed, pushed > (seen[id]?.lastPushed ?? "") {
                    seen[id]?.lastPushed = pushed
                }
            }
        }
        let ordered = seen.sorted { left, right in
            if left.value.repositories.count != right.value.repositories.count {
                return left.value.repositories.count > right.value.repositories.count
            }
            if left.value.bytes != right.value.bytes { return left.value.bytes > right.value.bytes }
            return left.key < right.key
        }
        return ordered.map { id, seen in
            let count = seen.repositories.count
            var text = "\(count) \(count == 1 ? "repository" : "repositories")"
            if let day = seen.lastPushed { text += ", last pushed \(GitHubDates.month(ofDay: day))" }
            return ProfileSkill(
                id: id, lastUsed: seen.lastPushed.map(GitHubDates.month(ofDay:)),
                evidence: [SkillEvidence(source: "github", text: text, date: seen.lastPushed)])
        }
    }

    // MARK: - Text

    /// Trimmed, or nil when empty.
    static func text(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else {
            return nil
        }
        return trimmed
    }

    /// The profile's "blog" field as a URL: "example.dev" becomes
    /// "https://example.dev"; http(s) URLs stay; anything else is dropped.
    static func website(_ blog: String?) -> String? {
        guard let text = text(blog), !text.contains(where: \.isWhitespace) else { return nil }
        let candidate = text.contains("://") ? text : "https://" + text
        guard let components = URLComponents(string: candidate),
            let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = components.host, host.contains("."), !host.hasPrefix("."), !host.hasSuffix(".")
        else { return nil }
        return candidate
    }
}
