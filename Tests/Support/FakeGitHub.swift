import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A wire-faithful fake of the parts of GitHub's REST API (version 2022-11-28)
/// the profile import reads, built from GitHub's documentation:
///
/// - `GET /users/{username}`, `GET /users/{username}/repos` (`type`, `sort`,
///   `direction`, `per_page` up to 100, `page`) with a `Link` header whose URLs
///   point at `/user/{id}/repos`, as GitHub's do (that route is served too),
///   `GET /repos/{owner}/{repo}/languages` (bytes per language, largest first),
///   and `GET /rate_limit`.
/// - Weak `ETag`s (`W/"…"`) on every 200, and `304 Not Modified` without a body
///   when `If-None-Match` matches. A 304 does not count against the rate limit
///   (on GitHub: when the request is authorised) and, like a bare 304, carries no `Link`.
/// - `x-ratelimit-limit/-remaining/-used/-reset/-resource` on every answer;
///   when the primary limit is used up, 403 `{"message": "API rate limit exceeded
///   for …"}` with remaining 0; a secondary limit answers 403 with `retry-after`.
/// - GitHub's error bodies: `{"message": "Not Found", "documentation_url": …,
///   "status": "404"}`; 401 "Bad credentials" for a token other than `acceptedToken`;
///   403 without a `User-Agent`; 400 for an unsupported `X-GitHub-Api-Version`.
///
/// - `GET /search/repositories` (`q` with `topic:`, `language:`, `stars:`,
///   `archived:`, `fork:` qualifiers and free words; `sort=stars`, `order`,
///   `per_page`, `page`): `total_count`, `incomplete_results` and `items` with
///   a `score`, searched over every user's repositories. Search has its own
///   limit, as on GitHub: 10 requests a minute without a token, 30 with one
///   (`x-ratelimit-resource: search`), then 403 with remaining 0 and the reset;
///   an empty `q` is 422 "Validation Failed".
///
/// Users and repositories are configurable (`generatedRepositories` makes many);
/// every request is recorded with the headers that matter, and the fake counts
/// 304s and the most language lookups it served at once.
public final class FakeGitHub: Sendable {
    public struct Language: Sendable, Equatable {
        public var name: String
        public var bytes: Int

        public init(_ name: String, _ bytes: Int) {
            self.name = name
            self.bytes = bytes
        }
    }

    public struct Repository: Sendable, Equatable {
        public var name: String
        public var description: String?
        public var fork: Bool
        public var archived: Bool
        /// Bytes per language; the largest is the repository's `language`.
        public var languages: [Language]
        public var topics: [String]
        public var stars: Int
        public var createdAt: Date
        /// Nil for a repository nothing was pushed to.
        public var pushedAt: Date?
        /// GitHub's `size` in kilobytes; nil derives it from the languages (0 when none).
        public var sizeKilobytes: Int?
        public var homepage: String?
        /// SPDX id of the licence ("MIT"); nil for none.
        public var license: String?

        public init(
            name: String, description: String? = nil, fork: Bool = false, archived: Bool = false,
            languages: [Language] = [], topics: [String] = [], stars: Int = 0,
            createdAt: Date = Date(timeIntervalSince1970: 1_600_000_000), pushedAt: Date? = nil,
            sizeKilobytes: Int? = nil, homepage: String? = nil, license: String? = nil
        ) {
            self.name = name
            self.description = description
            self.fork = fork
            self.archived = archived
            self.languages = languages
            self.topics = topics
            self.stars = stars
            self.createdAt = createdAt
            self.pushedAt = pushedAt ?? (languages.isEmpty ? nil : createdAt)
            self.sizeKilobytes = sizeKilobytes
            self.homepage = homepage
            self.license = license
        }

        /// The main language, as GitHub reports it: the one with the most bytes.
        public var language: String? {
            languages.max { $0.bytes != $1.bytes ? $0.bytes < $1.bytes : $0.name > $1.name }?.name
        }

        var size: Int { sizeKilobytes ?? (languages.reduce(0) { $0 + $1.bytes } + 1023) / 1024 }
    }

    public struct User: Sendable, Equatable {
        public var login: String
        public var id: Int
        public var type: String
        public var name: String?
        public var company: String?
        public var blog: String
        public var location: String?
        public var bio: String?
        public var createdAt: Date
        public var repositories: [Repository]

        public init(
            login: String, id: Int? = nil, type: String = "User", name: String? = nil, company: String? = nil,
            blog: String = "", location: String? = nil, bio: String? = nil,
            createdAt: Date = Date(timeIntervalSince1970: 1_300_000_000), repositories: [Repository] = []
        ) {
            self.login = login
            self.id = id ?? FakeGitHub.stableNumber(login) % 100_000_000 + 1
            self.type = type
            self.name = name
            self.company = company
            self.blog = blog
            self.location = location
            self.bio = bio
            self.createdAt = createdAt
            self.repositories = repositories
        }
    }

    /// The primary rate limit of the one client the fake serves.
    public struct RateLimit: Sendable, Equatable {
        public var limit: Int
        public var remaining: Int
        public var reset: Date

        public init(limit: Int = 5000, remaining: Int? = nil, reset: Date = Date().addingTimeInterval(3600)) {
            self.limit = limit
            self.remaining = remaining ?? limit
            self.reset = reset
        }

        public var resetEpoch: Int { Int(reset.timeIntervalSince1970.rounded(.down)) }
    }

    public enum Kind: Sendable, Equatable {
        case user
        case repositories
        case languages
        case rateLimit
        case searchRepositories
        case other
    }

    /// One request as the fake received and answered it.
    public struct RecordedRequest: Sendable {
        public var kind: Kind
        public var path: String
        public var query: String
        public var status: Int
        public var ifNoneMatch: String?
        public var authorization: String?
        public var accept: String?
        public var apiVersion: String?
        public var userAgent: String?
    }

    public static let apiVersion = "2022-11-28"
    public static let notFoundDocumentation = "https://docs.github.com/rest"
    public static let rateLimitDocumentation =
        "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"

    /// `http://127.0.0.1:<port>`.
    public let baseURL: String

    private struct State {
        var users: [String: User] = [:]
        var rateLimit = RateLimit()
        /// The search limit's minute windows, without and with a token.
        var searchLimits: [Bool: RateLimit] = [:]
        var searchWindow: Duration = .seconds(60)
        var secondaryRetryAfter: Int?
        var serverErrorStatus: Int?
        var acceptedToken: String?
        var languagesDelay: Duration = .zero
        var requests: [RecordedRequest] = []
        /// Bumped by every change to the accounts; rendered answers of older versions are stale.
        var version = 0
        var rendered: [String: Rendered] = [:]
        var languagesInFlight = 0
        var maxLanguagesInFlight = 0
        var stopping = false
    }

    private let state = Mutex(State())

    init(baseURL: String) {
        self.baseURL = baseURL
    }

    // MARK: - Accounts

    public func addUser(_ user: User) {
        state.withLock { state in
            state.users[user.login.lowercased()] = user
            state.version += 1
        }
    }

    /// Changes one repository in place (a push, new topics): its answers and ETags change with it.
    public func updateRepository(owner: String, name: String, _ change: @Sendable (inout Repository) -> Void) {
        state.withLock { state in
            guard var user = state.users[owner.lowercased()],
                let index = user.repositories.firstIndex(where: { $0.name == name })
            else { return }
            change(&user.repositories[index])
            state.users[owner.lowercased()] = user
            state.version += 1
        }
    }

    /// `count` repositories from a fixed palette of languages and topics, pushed one
    /// day apart before `now` (index 0 most recently); `forks` and `archived` of them
    /// spread evenly (archived ones are never forks), every `emptyEvery`-th empty.
    public static func generatedRepositories(
        count: Int, forks: Int = 0, archived: Int = 0, emptyEvery: Int? = nil, now: Date = Date()
    ) -> [Repository] {
        let palette: [(languages: [Language], topics: [String])] = [
            ([Language("Swift", 80_000), Language("C", 15_000), Language("Shell", 3_000)], ["swift", "vapor"]),
            ([Language("Python", 70_000), Language("Jupyter Notebook", 25_000)], ["machine-learning", "pytorch"]),
            ([Language("TypeScript", 85_000), Language("CSS", 11_000), Language("JavaScript", 4_000)], ["react"]),
            ([Language("Go", 95_000), Language("Dockerfile", 5_000)], ["kubernetes", "cli"]),
            ([Language("Rust", 120_000)], ["webassembly", "hacktoberfest"]),
            ([Language("Kotlin", 60_000), Language("Java", 40_000)], ["spring-boot"]),
        ]
        let forkStride = forks > 0 ? max(1, count / forks) : Int.max
        let archivedStride = archived > 0 ? max(1, count / archived) : Int.max
        var forksLeft = forks
        var archivedLeft = archived
        return (0..<count).map { index in
            let entry = palette[index % palette.count]
            let isFork = forksLeft > 0 && index % forkStride == forkStride - 1
            if isFork { forksLeft -= 1 }
            let isArchived = !isFork && archivedLeft > 0 && index % archivedStride == archivedStride / 2
            if isArchived { archivedLeft -= 1 }
            let isEmpty = emptyEvery.map { $0 > 0 && index % $0 == $0 - 1 } ?? false
            let pushed = now.addingTimeInterval(-Double(index) * 86_400 - 3600)
            return Repository(
                name: "project-\(index)", description: "Generated project number \(index)", fork: isFork,
                archived: isArchived, languages: isEmpty ? [] : entry.languages,
                topics: isEmpty ? [] : entry.topics, stars: (count - index) * 7 % 101,
                createdAt: pushed.addingTimeInterval(-400 * 86_400), pushedAt: isEmpty ? nil : pushed,
                sizeKilobytes: isEmpty ? 0 : nil)
        }
    }

    // MARK: - Knobs

    public var rateLimit: RateLimit {
        get { state.withLock { $0.rateLimit } }
        set { state.withLock { $0.rateLimit = newValue } }
    }

    /// Uses the primary limit up until `reset`: every counted request is refused.
    public func exhaustRateLimit(until reset: Date) {
        state.withLock { $0.rateLimit = RateLimit(limit: $0.rateLimit.limit, remaining: 0, reset: reset) }
    }

    /// Search requests a minute GitHub allows without and with a token.
    public static let searchRequestsPerMinute = (anonymous: 10, authenticated: 30)

    /// The search limit's current window for anonymous or authenticated requests.
    public func searchRateLimit(authenticated: Bool) -> RateLimit { currentRateLimit(.search(authenticated)) }

    /// How long a search-limit window lasts (GitHub's is a minute); tests of
    /// pacing shorten it so they need not wait minutes.
    public var searchWindow: Duration {
        get { state.withLock { $0.searchWindow } }
        set { state.withLock { $0.searchWindow = newValue } }
    }

    /// Uses the search limit up until `reset`: every search is refused.
    public func exhaustSearchRateLimit(authenticated: Bool = false, until reset: Date) {
        state.withLock { state in
            let limit =
                authenticated ? Self.searchRequestsPerMinute.authenticated : Self.searchRequestsPerMinute.anonymous
            state.searchLimits[authenticated] = RateLimit(limit: limit, remaining: 0, reset: reset)
        }
    }

    /// When set, every request is refused by a secondary limit with this `retry-after`.
    public var secondaryRateLimitRetryAfter: Int? {
        get { state.withLock { $0.secondaryRetryAfter } }
        set { state.withLock { $0.secondaryRetryAfter = newValue } }
    }

    /// When set, every request gets this 5xx status.
    public var serverErrorStatus: Int? {
        get { state.withLock { $0.serverErrorStatus } }
        set { state.withLock { $0.serverErrorStatus = newValue } }
    }

    /// When set, a bearer token other than this one is answered 401 "Bad credentials".
    public var acceptedToken: String? {
        get { state.withLock { $0.acceptedToken } }
        set { state.withLock { $0.acceptedToken = newValue } }
    }

    /// How long each languages answer takes, so concurrent lookups overlap.
    public var languagesDelay: Duration {
        get { state.withLock { $0.languagesDelay } }
        set { state.withLock { $0.languagesDelay = newValue } }
    }

    // MARK: - Observations

    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    public var requestCount: Int { state.withLock { $0.requests.count } }

    public func requestCount(_ kind: Kind) -> Int { state.withLock { $0.requests.filter { $0.kind == kind }.count } }

    public var notModifiedCount: Int { state.withLock { $0.requests.filter { $0.status == 304 }.count } }

    /// The most `/languages` requests the fake was serving at the same moment.
    public var maxConcurrentLanguageRequests: Int { state.withLock { $0.maxLanguagesInFlight } }

    public func resetCounters() {
        state.withLock { state in
            state.requests.removeAll()
            state.maxLanguagesInFlight = 0
        }
    }

    // MARK: - Lifecycle

    /// Starts a fake on a free port, runs `body`, then stops the fake; a port taken
    /// between `FreePort.find()` and the bind is retried on a new one.
    public static func run<T>(_ body: (FakeGitHub) async throws -> T) async throws -> T {
        try await withTestServer(
            serving: { baseURL in
                let fake = FakeGitHub(baseURL: baseURL)
                return (fake, fake.router())
            }, beforeStop: { $0.state.withLock { $0.stopping = true } }, body)
    }

    // MARK: - Routes

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/users/:username") { request, context in
            let username = context.parameters.get("username") ?? ""
            return self.answer(request, kind: .user) { self.userBody(username) }
        }
        router.get("/users/:username/repos") { request, context in
            let username = context.parameters.get("username") ?? ""
            return self.answer(request, kind: .repositories) {
                self.repositoriesBody(request, user: self.user(login: username))
            }
        }
        router.get("/user/:id/repos") { request, context in
            let id = context.parameters.get("id").flatMap(Int.init)
            return self.answer(request, kind: .repositories) {
                self.repositoriesBody(request, user: id.flatMap(self.user(id:)))
            }
        }
        router.get("/repos/:owner/:repo/languages") { request, context in
            let owner = context.parameters.get("owner") ?? ""
            let name = context.parameters.get("repo") ?? ""
            let delay = self.enterLanguages()
            defer { self.state.withLock { $0.languagesInFlight -= 1 } }
            try await self.pause(delay)
            return self.answer(request, kind: .languages) { self.languagesBody(owner: owner, name: name) }
        }
        router.get("/search/repositories") { request, _ in
            self.answer(request, kind: .searchRepositories) { self.searchBody(request) }
        }
        router.get("/rate_limit") { request, _ in
            self.answer(request, kind: .rateLimit, counts: false) { .found(self.rateLimitBody(), link: nil) }
        }
        return router
    }

    private func enterLanguages() -> Duration {
        state.withLock { state in
            state.languagesInFlight += 1
            state.maxLanguagesInFlight = max(state.maxLanguagesInFlight, state.languagesInFlight)
            return state.languagesDelay
        }
    }

    private func pause(_ duration: Duration) async throws {
        guard duration > .zero else { return }
        let deadline = ContinuousClock.now + duration
        while !state.withLock({ $0.stopping }) {
            let left = deadline - .now
            guard left > .zero else { return }
            try await Task.sleep(for: min(left, .milliseconds(10)))
        }
    }

    /// What a route found: a JSON body (and a `Link`), or nothing there.
    private enum Found: Sendable {
        case found(Data, link: String?)
        case notFound
        /// 422 with this body (a search GitHub cannot run).
        case unprocessable(Data)
    }

    /// An answer as rendered, reused until an account changes (GitHub, too, serves
    /// unchanged resources from a cache), so the fake's own JSON work stays out of
    /// the client's timings. The ETag is a hash of the body.
    private struct Rendered: Sendable {
        var version: Int
        var found: Found
        var etag: String?
    }

    private func render(_ key: String?, _ body: () -> Found) -> (found: Found, etag: String?) {
        let version = state.withLock { $0.version }
        if let key, let rendered = state.withLock({ $0.rendered[key] }), rendered.version == version {
            return (rendered.found, rendered.etag)
        }
        let found = body()
        var etag: String?
        if case .found(let data, _) = found { etag = "W/\"\(String(Self.stableNumber(data), radix: 16))\"" }
        if let key {
            state.withLock { $0.rendered[key] = Rendered(version: version, found: found, etag: etag) }
        }
        return (found, etag)
    }

    /// The checks every GitHub request goes through, in GitHub's order, then the
    /// route's body with an ETag (or a 304), all with rate-limit headers.
    private func answer(
        _ request: Request, kind: Kind, counts: Bool = true, _ body: () -> Found
    ) -> Response {
        let ifNoneMatch = request.headers[.ifNoneMatch]
        let authorization = request.headers[.authorization]
        let apiVersion = request.headers[HTTPField.Name("X-GitHub-Api-Version")!]
        let userAgent = request.headers[.userAgent]
        var recorded = RecordedRequest(
            kind: kind, path: request.uri.path, query: request.uri.query ?? "", status: 200, ifNoneMatch: ifNoneMatch,
            authorization: authorization, accept: request.headers[.accept], apiVersion: apiVersion,
            userAgent: userAgent)
        let key = kind == .rateLimit ? nil : request.uri.path + "?" + (request.uri.query ?? "")
        let bucket: Bucket = kind == .searchRepositories ? .search(authorization != nil) : .core
        let response = respond(
            key: key, kind: kind, bucket: bucket, counts: counts, ifNoneMatch: ifNoneMatch,
            authorization: authorization,
            apiVersion: apiVersion, userAgent: userAgent, body: body)
        recorded.status = Int(response.status.code)
        state.withLock { $0.requests.append(recorded) }
        return response
    }

    private func respond(
        key: String?, kind: Kind, bucket: Bucket, counts: Bool, ifNoneMatch: String?, authorization: String?,
        apiVersion: String?,
        userAgent: String?, body: () -> Found
    ) -> Response {
        guard let userAgent, !userAgent.isEmpty else {
            return Response(
                status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(
                    byteBuffer: ByteBuffer(
                        string: "Request forbidden by administrative rules. Please make sure your request has a"
                            + " User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api"
                            + "#user-agent-required). Check https://developer.github.com for other possible causes.\n"
                    )))
        }
        if let apiVersion, apiVersion != Self.apiVersion {
            return error(
                .badRequest,
                "Unsupported 'X-GitHub-Api-Version' header: '\(apiVersion)'. Supported versions: \(Self.apiVersion).",
                documentation: "https://docs.github.com/rest/overview/api-versions", rateLimit: currentRateLimit(bucket)
            )
        }
        let (acceptedToken, serverError, secondary) = state.withLock {
            ($0.acceptedToken, $0.serverErrorStatus, $0.secondaryRetryAfter)
        }
        if let acceptedToken, let authorization, authorization != "Bearer \(acceptedToken)" {
            return error(.unauthorized, "Bad credentials", documentation: Self.notFoundDocumentation, rateLimit: nil)
        }
        if let serverError {
            return error(
                HTTPResponse.Status(code: serverError), "Server Error", documentation: nil, rateLimit: nil)
        }
        if let secondary {
            var response = error(
                .forbidden,
                "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you"
                    + " reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000",
                documentation: Self.rateLimitDocumentation + "#about-secondary-rate-limits",
                rateLimit: currentRateLimit(bucket))
            response.headers[.retryAfter] = String(secondary)
            return response
        }
        let limit = currentRateLimit(bucket)
        if counts, limit.remaining <= 0 {
            let message =
                authorization != nil
                ? "API rate limit exceeded for user ID 1."
                : "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a"
                    + " higher rate limit. Check out the documentation for more details.)"
            return error(
                .forbidden, message, documentation: Self.rateLimitDocumentation + "#primary-rate-limit",
                rateLimit: limit, bucket: bucket)
        }

        let (found, etag) = render(key, body)
        switch found {
        case .notFound:
            return error(
                .notFound, "Not Found", documentation: Self.notFoundDocumentation,
                rateLimit: counts ? spend(bucket) : limit, bucket: bucket)
        case .unprocessable(let data):
            var headers = rateLimitHeaders(counts ? spend(bucket) : limit, bucket: bucket)
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(
                status: .unprocessableContent, headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        case .found(let data, let link):
            let etag = etag ?? ""
            if let ifNoneMatch, Self.matches(ifNoneMatch, etag: etag) {
                var headers = rateLimitHeaders(limit, bucket: bucket)
                headers[.eTag] = etag
                return Response(status: .notModified, headers: headers)
            }
            var headers = rateLimitHeaders(counts ? spend(bucket) : limit, bucket: bucket)
            headers[.contentType] = "application/json; charset=utf-8"
            headers[.eTag] = etag
            headers[HTTPField.Name("X-GitHub-Media-Type")!] = "github.v3; format=json"
            headers[HTTPField.Name("X-GitHub-Api-Version-Selected")!] = Self.apiVersion
            if let link { headers[HTTPField.Name("Link")!] = link }
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// Weak comparison (RFC 9110 §13.1.2): `*`, or any listed tag equal without `W/`.
    static func matches(_ ifNoneMatch: String, etag: String) -> Bool {
        func opaque(_ tag: Substring) -> Substring {
            let trimmed = tag.drop { $0 == " " }
            return trimmed.hasPrefix("W/") ? trimmed.dropFirst(2) : trimmed
        }
        if ifNoneMatch.trimmingCharacters(in: .whitespaces) == "*" { return true }
        return ifNoneMatch.split(separator: ",").contains { opaque($0) == opaque(Substring(etag)) }
    }

    /// Which limit a request counts against: the hourly core one, or search's
    /// per-minute one (anonymous and authenticated counted apart).
    private enum Bucket: Equatable {
        case core
        case search(Bool)

        var resource: String {
            switch self {
            case .core: "core"
            case .search: "search"
            }
        }
    }

    /// The limit now: a window that has passed starts afresh (an hour for
    /// core; a minute from the first request for search).
    private func currentRateLimit(_ bucket: Bucket = .core) -> RateLimit {
        state.withLock { state in
            switch bucket {
            case .core:
                if Date() >= state.rateLimit.reset {
                    state.rateLimit = RateLimit(limit: state.rateLimit.limit, reset: Date().addingTimeInterval(3600))
                }
                return state.rateLimit
            case .search(let authenticated):
                if let window = state.searchLimits[authenticated], Date() < window.reset { return window }
                let limit =
                    authenticated ? Self.searchRequestsPerMinute.authenticated : Self.searchRequestsPerMinute.anonymous
                let seconds =
                    Double(state.searchWindow.components.seconds)
                    + Double(state.searchWindow.components.attoseconds) / 1e18
                let window = RateLimit(limit: limit, reset: Date().addingTimeInterval(seconds))
                state.searchLimits[authenticated] = window
                return window
            }
        }
    }

    /// Counts one request against the limit; returns the limit after it.
    private func spend(_ bucket: Bucket = .core) -> RateLimit {
        _ = currentRateLimit(bucket)
        return state.withLock { state in
            switch bucket {
            case .core:
                state.rateLimit.remaining = max(0, state.rateLimit.remaining - 1)
                return state.rateLimit
            case .search(let authenticated):
                var window = state.searchLimits[authenticated] ?? RateLimit(limit: 0)
                window.remaining = max(0, window.remaining - 1)
                state.searchLimits[authenticated] = window
                return window
            }
        }
    }

    private func rateLimitHeaders(_ limit: RateLimit, bucket: Bucket = .core) -> HTTPFields {
        var headers = HTTPFields()
        headers[HTTPField.Name("x-ratelimit-limit")!] = String(limit.limit)
        headers[HTTPField.Name("x-ratelimit-remaining")!] = String(limit.remaining)
        headers[HTTPField.Name("x-ratelimit-reset")!] = String(limit.resetEpoch)
        headers[HTTPField.Name("x-ratelimit-used")!] = String(limit.limit - limit.remaining)
        headers[HTTPField.Name("x-ratelimit-resource")!] = bucket.resource
        return headers
    }

    private func error(
        _ status: HTTPResponse.Status, _ message: String, documentation: String?, rateLimit: RateLimit?,
        bucket: Bucket = .core
    ) -> Response {
        var headers = rateLimit.map { rateLimitHeaders($0, bucket: bucket) } ?? HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        var object: [String: Any] = ["message": message, "status": String(status.code)]
        if let documentation { object["documentation_url"] = documentation }
        return Response(
            status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: Self.serialize(object))))
    }

    // MARK: - Bodies

    private func user(login: String) -> User? {
        state.withLock { $0.users[login.lowercased()] }
    }

    private func user(id: Int) -> User? {
        state.withLock { $0.users.values.first { $0.id == id } }
    }

    private func userBody(_ login: String) -> Found {
        guard let user = user(login: login) else { return .notFound }
        let api = baseURL + "/users/" + user.login
        let object: [String: Any] = [
            "login": user.login, "id": user.id, "node_id": "MDQ6VXNlcj\(user.id)",
            "avatar_url": "https://avatars.githubusercontent.com/u/\(user.id)?v=4", "gravatar_id": "",
            "url": api, "html_url": "https://github.com/\(user.login)", "followers_url": api + "/followers",
            "following_url": api + "/following{/other_user}", "gists_url": api + "/gists{/gist_id}",
            "starred_url": api + "/starred{/owner}{/repo}", "subscriptions_url": api + "/subscriptions",
            "organizations_url": api + "/orgs", "repos_url": api + "/repos", "events_url": api + "/events{/privacy}",
            "received_events_url": api + "/received_events", "type": user.type, "user_view_type": "public",
            "site_admin": false, "name": user.name ?? NSNull(), "company": user.company ?? NSNull(),
            "blog": user.blog, "location": user.location ?? NSNull(), "email": NSNull(), "hireable": NSNull(),
            "bio": user.bio ?? NSNull(), "twitter_username": NSNull(), "public_repos": user.repositories.count,
            "public_gists": 0, "followers": 42, "following": 7, "created_at": Self.timestamp(user.createdAt),
            "updated_at": Self.timestamp(user.createdAt.addingTimeInterval(86_400)),
        ]
        return .found(Self.serialize(object), link: nil)
    }

    /// One page of a user's repositories, as GitHub sorts and pages them.
    private func repositoriesBody(_ request: Request, user: User?) -> Found {
        guard let user else { return .notFound }
        let query = request.uri.queryParameters
        let type = query.get("type") ?? "owner"
        let sort = query.get("sort") ?? "full_name"
        let ascending = (query.get("direction") ?? (sort == "full_name" ? "asc" : "desc")) == "asc"
        let perPage = min(100, max(1, query.get("per_page").flatMap(Int.init) ?? 30))
        let page = max(1, query.get("page").flatMap(Int.init) ?? 1)

        let indexed = (type == "member" ? [] : Array(user.repositories.enumerated()))
        func precedes(_ left: Repository, _ right: Repository) -> Bool {
            switch sort {
            case "created" where left.createdAt != right.createdAt: return left.createdAt < right.createdAt
            case "updated", "pushed":
                let (leftDate, rightDate) = (left.pushedAt ?? left.createdAt, right.pushedAt ?? right.createdAt)
                if leftDate != rightDate { return leftDate < rightDate }
            default: break
            }
            return left.name.lowercased() < right.name.lowercased()
        }
        let repositories = indexed.sorted { left, right in
            ascending ? precedes(left.element, right.element) : precedes(right.element, left.element)
        }
        let lastPage = max(1, (repositories.count + perPage - 1) / perPage)
        let start = min(repositories.count, (page - 1) * perPage)
        let slice = repositories[start..<min(repositories.count, start + perPage)]
        let objects = slice.map { repositoryObject($0.element, owner: user, id: user.id * 10_000 + $0.offset) }
        return .found(
            Self.serialize(objects), link: link(for: request, userId: user.id, page: page, lastPage: lastPage))
    }

    /// GitHub's `Link` header: prev/next/last/first, each the request's query
    /// with another `page`, on `/user/{id}/repos`.
    private func link(for request: Request, userId: Int, page: Int, lastPage: Int) -> String? {
        var items = (URLComponents(string: "http://x/?" + (request.uri.query ?? ""))?.queryItems ?? [])
            .filter { $0.name != "page" }
        func url(_ target: Int) -> String {
            items.removeAll { $0.name == "page" }
            items.append(URLQueryItem(name: "page", value: String(target)))
            let query = items.map { "\($0.name)=\($0.value ?? "")" }.joined(separator: "&")
            return "\(baseURL)/user/\(userId)/repos?\(query)"
        }
        var links: [String] = []
        if page > 1 { links.append("<\(url(min(page - 1, lastPage)))>; rel=\"prev\"") }
        if page < lastPage {
            links.append("<\(url(page + 1))>; rel=\"next\"")
            links.append("<\(url(lastPage))>; rel=\"last\"")
        }
        if page > 1 { links.append("<\(url(1))>; rel=\"first\"") }
        return links.isEmpty ? nil : links.joined(separator: ", ")
    }

    private func repositoryObject(_ repository: Repository, owner: User, id: Int) -> [String: Any] {
        let fullName = "\(owner.login)/\(repository.name)"
        let api = "\(baseURL)/repos/\(fullName)"
        let pushed = repository.pushedAt ?? repository.createdAt
        return [
            "id": id, "node_id": "R_kgDO\(id)", "name": repository.name, "full_name": fullName, "private": false,
            "owner": [
                "login": owner.login, "id": owner.id, "node_id": "MDQ6VXNlcj\(owner.id)",
                "avatar_url": "https://avatars.githubusercontent.com/u/\(owner.id)?v=4",
                "url": "\(baseURL)/users/\(owner.login)", "html_url": "https://github.com/\(owner.login)",
                "type": owner.type, "site_admin": false,
            ] as [String: Any],
            "html_url": "https://github.com/\(fullName)", "description": repository.description ?? NSNull(),
            "fork": repository.fork, "url": api, "languages_url": api + "/languages", "tags_url": api + "/tags",
            "contributors_url": api + "/contributors", "commits_url": api + "/commits{/sha}",
            "created_at": Self.timestamp(repository.createdAt), "updated_at": Self.timestamp(pushed),
            "pushed_at": repository.pushedAt.map(Self.timestamp) ?? NSNull(),
            "git_url": "git://github.com/\(fullName).git", "ssh_url": "git@github.com:\(fullName).git",
            "clone_url": "https://github.com/\(fullName).git", "svn_url": "https://github.com/\(fullName)",
            "homepage": repository.homepage ?? NSNull(), "size": repository.size,
            "stargazers_count": repository.stars, "watchers_count": repository.stars,
            "language": repository.language ?? NSNull(), "has_issues": true, "has_projects": true,
            "has_downloads": true, "has_wiki": true, "has_pages": false, "has_discussions": false,
            "forks_count": 0, "mirror_url": NSNull(), "archived": repository.archived, "disabled": false,
            "open_issues_count": 0, "license": Self.licenseObject(repository.license), "allow_forking": true,
            "is_template": false,
            "web_commit_signoff_required": false, "topics": repository.topics, "visibility": "public", "forks": 0,
            "open_issues": 0, "watchers": repository.stars, "default_branch": "main",
        ]
    }

    /// GitHub's licence summary, or null.
    static func licenseObject(_ spdx: String?) -> Any {
        guard let spdx else { return NSNull() }
        let key = spdx.lowercased()
        return [
            "key": key, "name": spdx + " License", "spdx_id": spdx, "url": "https://api.github.com/licenses/\(key)",
            "node_id": "MDc6TGljZW5zZ\(stableNumber(key) % 1000)",
        ] as [String: Any]
    }

    /// One page of `/search/repositories` over every user's repositories.
    private func searchBody(_ request: Request) -> Found {
        let parameters = request.uri.queryParameters
        guard let text = parameters.get("q"), let query = FakeGitHubSearchQuery(text) else {
            return .unprocessable(
                Self.serialize(
                    [
                        "message": "Validation Failed",
                        "errors": [["resource": "Search", "field": "q", "code": "missing"]],
                        "documentation_url": "https://docs.github.com/v3/search", "status": "422",
                    ] as [String: Any]))
        }
        let users = state.withLock { Array($0.users.values) }
        var matches: [(repository: Repository, owner: User, id: Int)] = []
        for user in users {
            for (index, repository) in user.repositories.enumerated() where query.matches(repository, owner: user) {
                matches.append((repository, user, user.id * 10_000 + index))
            }
        }
        let ascending = parameters.get("order") == "asc"
        let byStars = parameters.get("sort") == "stars"
        matches.sort { left, right in
            let (a, b) = ascending ? (left, right) : (right, left)
            if byStars || a.repository.stars != b.repository.stars { return a.repository.stars < b.repository.stars }
            return "\(b.owner.login)/\(b.repository.name)" < "\(a.owner.login)/\(a.repository.name)"
        }
        let perPage = min(100, max(1, parameters.get("per_page").flatMap(Int.init) ?? 30))
        let page = max(1, parameters.get("page").flatMap(Int.init) ?? 1)
        let start = min(matches.count, (page - 1) * perPage)
        let items = matches[start..<min(matches.count, start + perPage)].map { match in
            var object = repositoryObject(match.repository, owner: match.owner, id: match.id)
            object["score"] = 1.0
            return object
        }
        return .found(
            Self.serialize(
                ["total_count": matches.count, "incomplete_results": false, "items": items] as [String: Any]),
            link: nil)
    }

    private func languagesBody(owner: String, name: String) -> Found {
        guard let repository = user(login: owner)?.repositories.first(where: { $0.name == name }) else {
            return .notFound
        }
        // JSONSerialization cannot keep key order; GitHub lists the largest first.
        let ordered = repository.languages.sorted { $0.bytes > $1.bytes }
        let members = ordered.map { "\(Self.jsonString($0.name)):\($0.bytes)" }
        return .found(Data(("{" + members.joined(separator: ",") + "}").utf8), link: nil)
    }

    private func rateLimitBody() -> Data {
        let limit = currentRateLimit()
        let core: [String: Any] = [
            "limit": limit.limit, "remaining": limit.remaining, "reset": limit.resetEpoch,
            "used": limit.limit - limit.remaining, "resource": "core",
        ]
        return Self.serialize(["resources": ["core": core], "rate": core])
    }

    // MARK: - Encoding

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func serialize(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data(#"{"message":"the fake could not encode its answer"}"#.utf8)
    }

    private static func jsonString(_ text: String) -> String {
        String(decoding: serialize([text]).dropFirst().dropLast(), as: UTF8.self)
    }

    /// FNV-1a: a stable number for ids and ETags (Swift's `hashValue` changes per run).
    static func stableNumber(_ text: String) -> Int { stableNumber(Data(text.utf8)) }

    static func stableNumber(_ data: Data) -> Int {
        data.withUnsafeBytes { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return Int(truncatingIfNeeded: hash >> 1)
        }
    }
}
