/// The parts of GitHub's `GET /search/repositories` answer the provider
/// reads, as documented for API version 2022-11-28.
enum GitHubSearchWire {
    struct Page: Decodable {
        var totalCount: Int
        var incompleteResults: Bool
        var items: [Repository]

        private enum CodingKeys: String, CodingKey {
            case totalCount = "total_count"
            case incompleteResults = "incomplete_results"
            case items
        }
    }

    struct Repository: Decodable {
        var fullName: String
        var htmlURL: String
        var description: String?
        var stars: Int
        var language: String?
        var topics: [String]?
        var archived: Bool
        var fork: Bool
        var pushedAt: String?

        private enum CodingKeys: String, CodingKey {
            case fullName = "full_name"
            case htmlURL = "html_url"
            case description
            case stars = "stargazers_count"
            case language, topics, archived, fork
            case pushedAt = "pushed_at"
        }
    }

    /// `{"message": …, "documentation_url": …}`.
    struct ErrorBody: Decodable {
        var message: String?
    }
}
