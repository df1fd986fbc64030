/// The parts of GitHub's REST answers (API version 2022-11-28) the import reads.
/// Decoding ignores the many other fields; what is decoded is also what the ETag
/// cache stores, so a cached page holds a few hundred bytes per repository
/// instead of GitHub's several kilobytes.
enum GitHubWire {
    /// `GET /users/{username}`.
    struct User: Codable, Sendable, Equatable {
        var login: String
        var type: String?
        var name: String?
        var bio: String?
        /// The profile's website as typed by the user: often without a scheme.
        var blog: String?
        var location: String?
        var htmlURL: String?
        var publicRepos: Int?
        var createdAt: String?

        enum CodingKeys: String, CodingKey {
            case login, type, name, bio, blog, location
            case htmlURL = "html_url"
            case publicRepos = "public_repos"
            case createdAt = "created_at"
        }
    }

    /// One entry of `GET /users/{username}/repos`.
    struct Repository: Codable, Sendable, Equatable {
        struct Owner: Codable, Sendable, Equatable {
            var login: String
        }

        var name: String
        var fullName: String?
        var owner: Owner?
        var htmlURL: String?
        var description: String?
        var fork: Bool
        var archived: Bool?
        /// The main language by GitHub's count; nil for empty or prose-only repositories.
        var language: String?
        var topics: [String]?
        var stargazersCount: Int?
        /// Kilobytes; 0 for a repository without commits.
        var size: Int?
        var createdAt: String?
        /// Nil for a repository nothing was ever pushed to.
        var pushedAt: String?

        enum CodingKeys: String, CodingKey {
            case name, owner, description, fork, archived, language, topics, size
            case fullName = "full_name"
            case htmlURL = "html_url"
            case stargazersCount = "stargazers_count"
            case createdAt = "created_at"
            case pushedAt = "pushed_at"
        }
    }

    /// `{"message": "Not Found", "documentation_url": "…"}`, GitHub's error body.
    struct ErrorBody: Decodable, Sendable {
        var message: String?
    }
}
