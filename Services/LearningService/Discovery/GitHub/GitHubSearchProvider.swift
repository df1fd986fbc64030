import Contracts
import Foundation
import Logging
import Taxonomy

/// Finds repositories teaching a skill with GitHub's repository search: the
/// skill's topic (and language), most stars first; forks, archived and little-
/// followed repositories left out. Every request first takes a slot from the
/// shared `GitHubSearchLimiter`; a limit GitHub reports pauses every replica
/// until its reset, and a lookup that cannot get a slot before its deadline is
/// deferred, not failed.
struct GitHubSearchProvider: LiveProvider {
    struct Configuration: Sendable {
        var baseURL: String
        var token: String?
        var resultsPerSearch = 10
        var minimumStars = 50
        /// Requests per lookup, the first included, for answers worth another try.
        var attempts = 3
        /// The longest `retry-after` or reset waited for within a lookup; a longer
        /// pause defers the lookup (every replica still honours the full pause).
        var longestWait: Duration = .seconds(70)
    }

    static let apiVersion = "2022-11-28"

    let configuration: Configuration
    let http: ProviderHTTP
    let limiter: GitHubSearchLimiter
    let logger: Logger

    var provenance: LearningResource.Provenance { .github }

    /// GitHub's search limit per minute: 30 with a token, 10 without.
    static func requestsPerMinute(token: String?) -> Int { token == nil ? 10 : 30 }

    func serves(_ skill: Skill) -> Bool {
        GitHubSkillQuery.query(for: skill, minimumStars: configuration.minimumStars) != nil
    }

    func isAvailable() async -> Bool { !(await limiter.isBlocked()) }

    func lookup(_ skill: Skill, deadline: ContinuousClock.Instant) async -> LookupOutcome {
        guard let query = GitHubSkillQuery.query(for: skill, minimumStars: configuration.minimumStars) else {
            return .found([])
        }
        let url =
            configuration.baseURL + "/search/repositories?q=" + ProviderHTTP.queryValue(query)
            + "&sort=stars&order=desc&per_page=\(configuration.resultsPerSearch)"
        var attempt = 0
        while true {
            guard await limiter.acquire(by: deadline) else {
                return .deferred("no GitHub search slot before the deadline")
            }
            attempt += 1
            let failure: String
            do {
                let answer = try await http.get(url, headers: headers, secrets: [configuration.token ?? ""])
                switch answer.status {
                case 200..<300:
                    guard let page = try? JSONDecoder().decode(GitHubSearchWire.Page.self, from: Data(answer.body))
                    else { return .failed("GitHub search answered in an undocumented shape") }
                    return .found(resources(page.items, skill: skill))
                case 403, 429:
                    if let pause = Self.rateLimitPause(answer) {
                        await limiter.block(for: pause)
                        logger.notice(
                            "GitHub search is rate limited; pausing searches",
                            metadata: ["seconds": .stringConvertible(pause.components.seconds)])
                        // The limiter waits out the pause, or defers when it ends too late.
                        if pause > configuration.longestWait { return .deferred("GitHub search is rate limited") }
                        attempt -= 1
                        continue
                    }
                    return .failed("GitHub refused the search (HTTP \(answer.status): \(Self.message(answer)))")
                case 500...:
                    failure = "HTTP \(answer.status)"
                default:
                    return .failed("GitHub refused the search (HTTP \(answer.status): \(Self.message(answer)))")
                }
            } catch is CancellationError {
                return .deferred("shutting down")
            } catch {
                failure = "\(error)"
            }
            let delay = ProviderHTTP.backoff(afterAttempt: attempt)
            guard attempt < configuration.attempts, ContinuousClock.now + delay < deadline else {
                return .failed("GitHub search failed: \(failure)")
            }
            do { try await Task.sleep(for: delay) } catch { return .deferred("shutting down") }
        }
    }

    private var headers: [(name: String, value: String)] {
        var headers = [
            (name: "Accept", value: "application/vnd.github+json"),
            (name: "X-GitHub-Api-Version", value: Self.apiVersion),
        ]
        if let token = configuration.token { headers.append((name: "Authorization", value: "Bearer \(token)")) }
        return headers
    }

    /// How long GitHub asks us to stop, from a 403/429: `retry-after` seconds
    /// (secondary limits), or until `x-ratelimit-reset` when nothing remains;
    /// nil when the refusal is not a rate limit.
    static func rateLimitPause(_ answer: ProviderHTTP.Answer, now: Date = Date()) -> Duration? {
        if let retryAfter = answer.header("retry-after").flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
            return .seconds(max(1, retryAfter))
        }
        guard answer.header("x-ratelimit-remaining")?.trimmingCharacters(in: .whitespaces) == "0" else { return nil }
        guard
            let reset = answer.header("x-ratelimit-reset").flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) })
        else { return .seconds(60) }
        // A second beyond the reset: GitHub's clock and ours differ a little.
        let seconds = reset - now.timeIntervalSince1970 + 1
        return .milliseconds(Int64(max(1, seconds) * 1000))
    }

    static func message(_ answer: ProviderHTTP.Answer) -> String {
        let message = (try? JSONDecoder().decode(GitHubSearchWire.ErrorBody.self, from: Data(answer.body)))?.message
        return String((message ?? "no message").prefix(200))
    }

    // MARK: - Mapping

    func resources(_ repositories: [GitHubSearchWire.Repository], skill: Skill) -> [LearningResource] {
        repositories.compactMap { repository in
            guard !repository.archived, !repository.fork, repository.stars >= configuration.minimumStars,
                repository.htmlURL.hasPrefix("https://github.com/"), repository.fullName.contains("/")
            else { return nil }
            let description = repository.description?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let title = description.isEmpty ? repository.fullName : "\(repository.fullName): \(description)"
            let name = repository.fullName.split(separator: "/").last.map(String.init) ?? repository.fullName
            return LearningResource(
                id: "github:\(repository.fullName)", title: Self.shortened(title, to: 160), provider: "GitHub",
                url: repository.htmlURL, type: .repo,
                level: LevelGuess.level(from: [name, description] + (repository.topics ?? [])), free: true,
                skills: [skill.id], source: .github, stars: repository.stars,
                publishedAt: repository.pushedAt.flatMap { try? Date($0, strategy: .iso8601) })
        }
    }

    static func shortened(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
