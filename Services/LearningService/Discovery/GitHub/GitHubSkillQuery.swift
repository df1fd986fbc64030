import Taxonomy

/// The repository search that finds material for a skill: the skill as a
/// GitHub topic, a programming language also as `language:`, only repositories
/// with some following, never archived ones. Taxonomy ids are already
/// GitHub-style slugs ("spring-boot", "machine-learning"), so the id is the
/// topic unless GitHub's community settled on another one.
enum GitHubSkillQuery {
    /// Skills no repository teaches: people skills and product craft.
    static let unsearchedCategories: Set<String> = ["soft", "product"]

    /// Where GitHub's topic differs from the Taxonomy id.
    static let topicOverrides: [String: String] = [
        "go": "golang", "llms": "llm", "t-sql": "tsql", "pl-sql": "plsql", "gcp": "google-cloud",
        "aspnet": "aspnet-core", "hugging-face": "huggingface",
    ]

    /// Language skills whose `language:` value is not their id; nil: no such GitHub language.
    static let languageOverrides: [String: String?] = [
        "dotnet": "csharp", "nodejs": "javascript", "bash": "shell", "t-sql": "tsql", "pl-sql": "plsql",
        "sql": nil,
    ]

    /// The `q` for `skill`, e.g. "topic:python language:python stars:>=50 archived:false";
    /// nil when GitHub is not searched for it.
    static func query(for skill: Skill, minimumStars: Int) -> String? {
        guard !unsearchedCategories.contains(skill.category), let topic = topic(for: skill) else { return nil }
        var parts = ["topic:\(topic)"]
        if let language = language(for: skill) { parts.append("language:\(language)") }
        parts += ["stars:>=\(minimumStars)", "archived:false"]
        return parts.joined(separator: " ")
    }

    /// A valid topic slug: lowercase letters, digits and hyphens, at most 50 characters.
    static func topic(for skill: Skill) -> String? {
        let topic = topicOverrides[skill.id] ?? skill.id
        let valid =
            !topic.isEmpty && topic.count <= 50 && !topic.hasPrefix("-")
            && topic.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
        return valid ? topic : nil
    }

    static func language(for skill: Skill) -> String? {
        guard skill.category == "language" else { return nil }
        if let override = languageOverrides[skill.id] { return override }
        return skill.id
    }
}
