import CurlHTTP
import Foundation
import Logging
import RedisKit

/// A failed call to GitHub's REST API, by what the caller can do about it.
enum GitHubClientError: Error, Sendable, Equatable {
    /// 404: no such user or repository (or one we may not see).
    case notFound
    case rateLimited(GitHubRateLimitExceeded)
    /// A 4xx that is not about limits: 401 bad credentials, 403 blocked, 451 DMCA, ...
    case refused(status: Int, message: String)
    /// 5xx, no connection, a deadline passed, or an answer not as documented.
    case unavailable(String)
}

/// One answer: the decoded value (from the cache after a 304), and what the
/// headers said about the rate limit and further pages.
struct GitHubFetched<Value: Sendable>: Sendable {
    var value: Value
    var notModified: Bool
    var rateLimit: GitHubRateLimit?
    /// `Link` relations: "next", "last", ...
    var links: [String: String]
}

/// GitHub's REST API (version 2022-11-28) over CurlHTTP: the three read-only
/// calls the profile import needs, each a conditional GET when the ETag cache
/// knows the URL.
struct GitHubClient: Sendable {
    static let defaultBaseURL = "https://api.github.com"
    static let apiVersion = "2022-11-28"
    static let userAgent = "CareerGini-profile-service"
    /// A page of 100 full repository objects is about 600 KB; far more is not GitHub.
    static let maxResponseBytes = 8 * 1_048_576
    static let errorMessageLimit = 300

    let baseURL: String
    let http: CurlHTTPClient
    let cache: GitHubETagCache?
    let logger: Logger
    var timeouts = CurlRequest.Timeouts(connect: .seconds(5), total: .seconds(20))
    private let token: String?

    /// `token`: a personal access or app token (5,000 requests an hour instead of
    /// 60 per IP); nil or empty for anonymous access. `redis`: where ETags are kept;
    /// nil to always ask unconditionally.
    init(
        baseURL: String = GitHubClient.defaultBaseURL, token: String?, http: CurlHTTPClient, redis: RedisClient?,
        logger: Logger
    ) {
        var baseURL = baseURL.trimmingCharacters(in: .whitespaces)
        while baseURL.hasSuffix("/") { baseURL.removeLast() }
        self.baseURL = baseURL
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.http = http
        self.cache = redis.map { GitHubETagCache(redis: $0, logger: logger) }
        self.logger = logger
    }

    var isAuthenticated: Bool { token != nil }

    // MARK: - Calls

    /// `GET /users/{username}`.
    func user(_ login: String) async throws(GitHubClientError) -> GitHubFetched<GitHubWire.User> {
        try await get(baseURL + "/users/" + Self.pathComponent(login))
    }

    /// The first page of `GET /users/{username}/repos`: repositories the user owns
    /// (forks included: GitHub cannot filter them), most recently pushed first.
    func ownedRepositoriesURL(of login: String) -> String {
        baseURL + "/users/" + Self.pathComponent(login)
            + "/repos?type=owner&sort=pushed&direction=desc&per_page=100&page=1"
    }

    /// One page of a repository listing, at a URL from `ownedRepositoriesURL` or a
    /// previous page's "next" link.
    func repositories(at url: String) async throws(GitHubClientError) -> GitHubFetched<[GitHubWire.Repository]> {
        guard isOwnURL(url) else { throw .unavailable("GitHub linked to a page outside its API: \(url.prefix(200))") }
        return try await get(url)
    }

    /// `GET /repos/{owner}/{repo}/languages`: bytes of code per language.
    func languages(owner: String, repository: String) async throws(GitHubClientError) -> GitHubFetched<[String: Int]> {
        try await get(
            baseURL + "/repos/" + Self.pathComponent(owner) + "/" + Self.pathComponent(repository) + "/languages")
    }

    /// True when `url` lies under the configured base URL (scheme, host, port and
    /// path prefix): the token is never sent anywhere a header pointed us.
    func isOwnURL(_ url: String) -> Bool {
        guard let base = URLComponents(string: baseURL), let other = URLComponents(string: url) else { return false }
        guard base.scheme?.lowercased() == other.scheme?.lowercased(),
            base.host?.lowercased() == other.host?.lowercased(), base.port == other.port
        else { return false }
        let basePath = base.percentEncodedPath
        return basePath.isEmpty || other.percentEncodedPath == basePath
            || other.percentEncodedPath.hasPrefix(basePath + "/")
    }

    // MARK: - HTTP

    private var headers: [(name: String, value: String)] {
        var headers = [
            (name: "Accept", value: "application/vnd.github+json"),
            (name: "X-GitHub-Api-Version", value: Self.apiVersion),
            (name: "User-Agent", value: Self.userAgent),
        ]
        if let token { headers.append((name: "Authorization", value: "Bearer \(token)")) }
        return headers
    }

    /// A GET, conditional when the cache has the URL. A cached body that no
    /// longer decodes is dropped and the URL fetched again, unconditionally.
    private func get<Value: Codable & Sendable>(
        _ url: String, conditional: Bool = true
    ) async throws(GitHubClientError) -> GitHubFetched<Value> {
        let cached = conditional ? await cache?.entry(for: url) : nil
        var headers = self.headers
        if let cached { headers.append((name: "If-None-Match", value: cached.etag)) }
        let request = CurlRequest(
            url: url, headers: headers, timeouts: timeouts, maxResponseBytes: Self.maxResponseBytes)
        let response: CurlResponse
        let body: [UInt8]
        do {
            (response, body) = try await http.data(for: request)
        } catch {
            throw .unavailable(Self.transportFailure(error))
        }
        let rateLimit = GitHubRateLimit(response)
        switch response.status {
        case 304:
            guard let cached else {
                throw .unavailable("GitHub answered 304 Not Modified to a request that was not conditional")
            }
            guard let value = try? JSONDecoder().decode(Value.self, from: Data(cached.body)) else {
                await cache?.remove(url)
                return try await get(url, conditional: false)
            }
            return GitHubFetched(
                value: value, notModified: true, rateLimit: rateLimit,
                links: GitHubLinks.parse(response.header("Link") ?? cached.link))
        case 200..<300:
            let value: Value
            do {
                value = try JSONDecoder().decode(Value.self, from: Data(body))
            } catch {
                throw .unavailable("GitHub's answer to \(Self.path(of: url)) is not as documented: \(error)")
            }
            let link = response.header("Link")
            if let cache, let etag = response.header("ETag"), !etag.isEmpty,
                let compact = try? JSONEncoder().encode(value)
            {
                await cache.store(.init(etag: etag, link: link, body: Array(compact)), for: url)
            }
            return GitHubFetched(value: value, notModified: false, rateLimit: rateLimit, links: GitHubLinks.parse(link))
        default:
            throw Self.failure(status: response.status, response: response, body: body)
        }
    }

    /// A non-2xx answer as a `GitHubClientError`, with GitHub's `message`.
    static func failure(status: Int, response: CurlResponse, body: [UInt8]) -> GitHubClientError {
        let decoded = try? JSONDecoder().decode(GitHubWire.ErrorBody.self, from: Data(body))
        let text = String(decoding: body.prefix(errorMessageLimit), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let message =
            decoded?.message.map { String($0.prefix(errorMessageLimit)) }
            ?? (text.isEmpty ? "HTTP \(status)" : text)
        switch status {
        case 404:
            return .notFound
        case 403, 429:
            if let exceeded = GitHubRateLimitExceeded(status: status, response: response, message: message) {
                return .rateLimited(exceeded)
            }
            return .refused(status: status, message: message)
        case 500...:
            return .unavailable("GitHub answered \(status): \(message)")
        default:
            return .refused(status: status, message: message)
        }
    }

    private static func transportFailure(_ error: any Error) -> String {
        guard let curl = error as? CurlHTTPError else {
            return error is CancellationError ? "the import was cancelled" : "\(error)"
        }
        switch curl.code {
        case .timeout, .firstByteTimeout, .tooSlow: return "GitHub did not answer in time"
        case .cancelled, .shutdown: return "the import was cancelled"
        case .responseTooLarge: return "GitHub's answer was larger than \(maxResponseBytes) bytes"
        default: return "cannot reach GitHub: \(curl.message)"
        }
    }

    /// Path and query of a URL, for messages: never the host of a private base URL.
    private static func path(of url: String) -> String {
        guard let components = URLComponents(string: url) else { return "the request" }
        return components.percentEncodedPath
    }

    /// A user or repository name as one URL path segment.
    static func pathComponent(_ name: String) -> String {
        let allowed = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
    }
}
