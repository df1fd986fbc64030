import Database
import Foundation
import ServiceKit

/// learning-service's configuration: where the live providers are (fakes in
/// tests), their keys and budgets, and how long what they found stays fresh.
struct LearningServiceSettings: Sendable {
    var common: ServiceConfiguration
    /// YouTube Data API v3 base URL; searched only when `youTubeAPIKey` is set.
    var youTubeURL: String
    var youTubeAPIKey: String?
    /// Quota units a day YouTube allows this key (a search costs 100).
    var youTubeDailyQuota: Int
    /// GitHub REST API base URL; repository search works without a token, at 10 requests a minute.
    var gitHubURL: String
    var gitHubToken: String?
    /// Search GitHub for repositories at all (on by default: it needs no key).
    var gitHubSearchEnabled: Bool
    /// How long a provider's answer for one skill is used before it is asked again.
    var liveResultsTTL: Duration

    /// The prefix of every Redis key learning-service writes: "learning:<database name>:",
    /// so deployments (and test databases) sharing one Redis never read each other's keys.
    var redisNamespace: String {
        let path = URLComponents(string: common.database.url)?.path ?? ""
        let name = path.split(separator: "/").last.map(String.init) ?? "careergini"
        return "learning:\(name):"
    }
}

func loadSettings(_ reader: inout EnvironmentReader) throws -> LearningServiceSettings {
    let common = try ServiceConfiguration.load(for: .learningService, from: &reader)
    return LearningServiceSettings(
        common: common,
        youTubeURL: try reader.url(
            "YOUTUBE_API_URL", default: "https://www.googleapis.com/youtube/v3", schemes: ["http", "https"]),
        youTubeAPIKey: reader.optionalString("YOUTUBE_API_KEY"),
        youTubeDailyQuota: try reader.int("YOUTUBE_DAILY_QUOTA", default: 10_000, in: 100...10_000_000),
        gitHubURL: try reader.url("GITHUB_API_URL", default: "https://api.github.com", schemes: ["http", "https"]),
        gitHubToken: reader.optionalString("GITHUB_TOKEN"),
        gitHubSearchEnabled: try reader.bool("LEARNING_GITHUB_SEARCH", default: true),
        liveResultsTTL: try reader.milliseconds(
            "LEARNING_LIVE_TTL_MS", default: .seconds(7 * 86_400), in: 1_000...(90 * 86_400_000)))
}
