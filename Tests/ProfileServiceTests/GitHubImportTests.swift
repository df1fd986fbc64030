import Contracts
import CurlHTTP
import Foundation
import RedisKit
import Taxonomy
import TestSupport
import Testing

@testable import ProfileService

/// The GitHub import against `FakeGitHub`: paging, forks, languages and topics
/// as skills, errors, rate limits and conditional requests.
@Suite("GitHub import")
struct GitHubImportTests {
    static let reference = day("2026-12-01T00:00:00Z")

    static func day(_ timestamp: String) -> Date {
        (try? Date(timestamp, strategy: .iso8601)) ?? Date(timeIntervalSince1970: 0)
    }

    /// A login no other test uses (GitHub's rules: letters, digits, single hyphens).
    static func uniqueLogin() -> String {
        "octo-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).lowercased()
    }

    /// Runs `body` with a fresh fake and an importer pointed at it.
    static func withFake(
        token: String? = nil, redis: RedisClient? = nil, limits: GitHubImporter.Limits = .init(),
        _ body: (FakeGitHub, GitHubImporter) async throws -> Void
    ) async throws {
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        let taxonomy = try Taxonomy.bundled()
        try await FakeGitHub.run { fake in
            let client = GitHubClient(
                baseURL: fake.baseURL, token: token, http: http, redis: redis, logger: TestEnvironment.logger)
            try await body(fake, GitHubImporter(client: client, taxonomy: taxonomy, limits: limits))
        }
    }

    /// The import's error, or a recorded failure when it succeeded.
    static func importFailure(
        _ importer: GitHubImporter, _ username: String, referenceDate: Date = Date()
    ) async -> GitHubImportError? {
        do {
            let result = try await importer.importProfile(username: username, referenceDate: referenceDate)
            Issue.record("the import of '\(username)' succeeded with \(result.counts)")
            return nil
        } catch {
            return error
        }
    }

    /// Mona: Swift servers, a notebook, a website, a fork, an archived Go tool, an empty repository.
    static func mona(_ login: String) -> FakeGitHub.User {
        FakeGitHub.User(
            login: login, name: "Mona Lisa Octocat", blog: "mona.example.dev", location: "Berlin, Germany",
            bio: "Builds servers in Swift.",
            repositories: [
                .init(
                    name: "server", description: "An HTTP server",
                    languages: [.init("Swift", 90_000), .init("C", 8_000), .init("JavaScript", 2_000)],
                    topics: ["server-side-swift", "postgresql"], stars: 50, createdAt: day("2021-04-10T08:00:00Z"),
                    pushedAt: day("2026-10-03T09:00:00Z")),
                .init(
                    name: "cli-tool", languages: [.init("Swift", 40_000)], stars: 5,
                    createdAt: day("2022-01-01T00:00:00Z"), pushedAt: day("2023-06-15T12:00:00Z")),
                .init(
                    name: "ml-notes", description: "Notebooks",
                    languages: [.init("Python", 50_000), .init("Jupyter Notebook", 50_000)],
                    topics: ["machine-learning"], stars: 3, createdAt: day("2024-02-02T00:00:00Z"),
                    pushedAt: day("2025-05-10T10:00:00Z")),
                .init(
                    name: "site", languages: [.init("JavaScript", 30_000), .init("HTML", 10_000), .init("CSS", 5_000)],
                    stars: 10, createdAt: day("2023-01-01T00:00:00Z"), pushedAt: day("2024-01-02T10:00:00Z")),
                .init(
                    name: "swift-nio", fork: true, languages: [.init("Swift", 5_000_000)], topics: ["networking"],
                    stars: 9000, createdAt: day("2020-01-01T00:00:00Z"), pushedAt: day("2026-11-01T00:00:00Z")),
                .init(
                    name: "old-tool", archived: true, languages: [.init("Go", 10_000)], stars: 1,
                    createdAt: day("2018-01-01T00:00:00Z"), pushedAt: day("2019-03-04T00:00:00Z")),
                .init(name: "empty", createdAt: day("2025-01-01T00:00:00Z"), sizeKilobytes: 0),
            ])
    }

    // MARK: - Mapping

    @Test("user, projects and skills: languages by share, topics, forks left out, evidence with dates")
    func mapsAccount() async throws {
        try await Self.withFake(token: "test-token") { fake, importer in
            fake.acceptedToken = "test-token"
            let login = Self.uniqueLogin()
            fake.addUser(Self.mona(login))
            let result = try await importer.importProfile(username: login, referenceDate: Self.reference)

            let basics = try #require(result.resume.basics)
            #expect(basics.name == "Mona Lisa Octocat")
            #expect(basics.summary == "Builds servers in Swift.")
            #expect(basics.url == "https://mona.example.dev")
            #expect(basics.location?.city == "Berlin")
            #expect(
                basics.profiles == [
                    Resume.Profile(network: "GitHub", username: login, url: "https://github.com/\(login)")
                ])

            let projects = try #require(result.resume.projects)
            #expect(projects.map(\.name) == ["server", "site", "cli-tool", "ml-notes", "old-tool", "empty"])
            #expect(
                projects.first
                    == Resume.Project(
                        name: "server", description: "An HTTP server",
                        keywords: ["server-side-swift", "postgresql", "Swift", "C"], startDate: "2021-04",
                        url: "https://github.com/\(login)/server"))

            let skills = Dictionary(
                (result.resume.careergini?.skills ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            func expectSkill(
                _ id: String, _ text: String, _ date: String, sourceLocation: SourceLocation = #_sourceLocation
            ) {
                let skill = skills[id]
                #expect(skill?.lastUsed == String(date.prefix(7)), "\(id)", sourceLocation: sourceLocation)
                #expect(
                    skill?.evidence == [SkillEvidence(source: "github", text: text, date: date)], "\(id)",
                    sourceLocation: sourceLocation)
            }
            expectSkill("swift", "2 repositories, last pushed 2026-10", "2026-10-03")
            expectSkill("c", "1 repository, last pushed 2026-10", "2026-10-03")
            expectSkill("postgresql", "1 repository, last pushed 2026-10", "2026-10-03")
            // 2 % of the server's bytes: only the website counts.
            expectSkill("javascript", "1 repository, last pushed 2024-01", "2024-01-02")
            expectSkill("html", "1 repository, last pushed 2024-01", "2024-01-02")
            expectSkill("css", "1 repository, last pushed 2024-01", "2024-01-02")
            expectSkill("python", "1 repository, last pushed 2025-05", "2025-05-10")
            expectSkill("machine-learning", "1 repository, last pushed 2025-05", "2025-05-10")
            expectSkill("go", "1 repository, last pushed 2019-03", "2019-03-04")
            #expect(skills["networking"] == nil, "the fork's topic must not count")
            #expect(result.resume.careergini?.skills?.first?.id == "swift")

            #expect(result.counts["repositories"] == 6)
            #expect(result.counts["forksSkipped"] == 1)
            #expect(result.counts["archived"] == 1)
            #expect(result.counts["pages"] == 1)
            #expect(result.counts["languages"] == 8)
            #expect(result.counts["topics"] == 3)
            #expect(result.counts["skills"] == skills.count)
            #expect(result.counts["languageLookups"] == 5, "no lookup for the fork or the empty repository")
            #expect(result.counts["requests"] == 7)
            #expect(result.counts["notModified"] == 0)
            #expect(result.warnings.isEmpty)

            #expect(fake.requestCount == 7)
            #expect(fake.requestCount(.languages) == 5)
            for request in fake.requests {
                #expect(request.accept == "application/vnd.github+json")
                #expect(request.apiVersion == "2022-11-28")
                #expect(request.userAgent?.isEmpty == false)
                #expect(request.authorization == "Bearer test-token")
                #expect(request.status == 200)
            }
            let listing = try #require(fake.requests.first { $0.kind == .repositories })
            #expect(listing.query == "type=owner&sort=pushed&direction=desc&per_page=100&page=1")
        }
    }

    // MARK: - Paging

    @Test("250 repositories over 3 pages through the Link header; forks skipped; lookups at most 8 at a time")
    func pagesThroughRepositories() async throws {
        try await Self.withFake { fake, importer in
            let login = Self.uniqueLogin()
            fake.addUser(
                FakeGitHub.User(
                    login: login,
                    repositories: FakeGitHub.generatedRepositories(
                        count: 250, forks: 20, archived: 5, now: Self.reference)))
            fake.languagesDelay = .milliseconds(5)
            let result = try await importer.importProfile(username: login, referenceDate: Self.reference)

            #expect(result.counts["repositories"] == 230)
            #expect(result.counts["forksSkipped"] == 20)
            #expect(result.counts["archived"] == 5)
            #expect(result.counts["pages"] == 3)
            #expect(result.counts["languageLookups"] == 230)
            #expect(result.counts["requests"] == 1 + 3 + 230)
            #expect(result.warnings.isEmpty)
            // Shell (3 %) and JavaScript (4 %) fall under the 5 % share; Dockerfile (5 %) does not.
            #expect(result.counts["languages"] == 11)
            let skills = Set((result.resume.careergini?.skills ?? []).map(\.id))
            #expect(skills.isSuperset(of: ["swift", "c", "python", "typescript", "css", "go", "rust", "kotlin"]))
            #expect(skills.isSuperset(of: ["machine-learning", "pytorch", "react", "kubernetes", "spring-boot"]))
            #expect(!skills.contains("javascript"))
            #expect(result.resume.projects?.count == 10)

            let pages = fake.requests.filter { $0.kind == .repositories }
            #expect(pages.count == 3)
            #expect(pages.dropFirst().allSatisfy { $0.path.hasPrefix("/user/") }, "the Link URLs were followed")
            #expect(pages.map(\.query).map { $0.components(separatedBy: "page=").last } == ["1", "2", "3"])
            #expect(fake.maxConcurrentLanguageRequests <= 8)
            #expect(fake.maxConcurrentLanguageRequests >= 2, "lookups ran concurrently")
        }
    }

    // MARK: - Errors

    @Test("a user GitHub does not know is userNotFound after one request")
    func unknownUser() async throws {
        try await Self.withFake { fake, importer in
            let error = await Self.importFailure(importer, "no-such-user")
            #expect(error == .userNotFound("no-such-user"))
            #expect(error?.reason == "GitHub has no user 'no-such-user'")
            #expect(fake.requests.map(\.status) == [404])
        }
    }

    @Test("an invalid username is refused before any request")
    func invalidUsernames() async throws {
        try await Self.withFake { fake, importer in
            let names = [
                "", "   ", "-octocat", "octocat-", "octo--cat", "octo_cat", "a/b", "../etc", "ümlaut", "octo cat",
                "octo%2Fcat", String(repeating: "a", count: 40),
            ]
            for name in names {
                let error = await Self.importFailure(importer, name)
                #expect(error == .invalidUsername(name), "\(name)")
            }
            #expect(fake.requestCount == 0)
            // 39 characters is allowed: that one reaches GitHub.
            let longest = String(repeating: "a", count: 39)
            #expect(await Self.importFailure(importer, longest) == .userNotFound(longest))
            #expect(fake.requestCount == 1)
        }
    }

    @Test("an exhausted rate limit is rateLimited until x-ratelimit-reset; a secondary limit until retry-after")
    func exhaustedRateLimit() async throws {
        try await Self.withFake { fake, importer in
            let login = Self.uniqueLogin()
            fake.addUser(Self.mona(login))
            let reset = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 1800).rounded(.down))
            fake.exhaustRateLimit(until: reset)
            let error = await Self.importFailure(importer, login, referenceDate: reset.addingTimeInterval(-1234))
            #expect(error == .rateLimited(retryAfter: .seconds(1234)))
            #expect(error?.retryAfterSeconds == 1234)
            #expect(fake.requests.map(\.status) == [403])

            fake.rateLimit = FakeGitHub.RateLimit()
            fake.secondaryRateLimitRetryAfter = 90
            #expect(await Self.importFailure(importer, login) == .rateLimited(retryAfter: .seconds(90)))
        }
    }

    @Test("a limit that runs out on a later page keeps the repositories read so far")
    func rateLimitOnLaterPage() async throws {
        try await Self.withFake { fake, importer in
            let login = Self.uniqueLogin()
            fake.addUser(
                FakeGitHub.User(
                    login: login, repositories: FakeGitHub.generatedRepositories(count: 150, now: Self.reference)))
            fake.rateLimit = FakeGitHub.RateLimit(remaining: 2)
            let result = try await importer.importProfile(username: login, referenceDate: Self.reference)
            #expect(result.counts["repositories"] == 100)
            #expect(result.counts["languageLookups"] == 0)
            #expect(fake.requests.map(\.status) == [200, 200, 403])
            #expect(result.warnings.contains { $0.contains("rate limit ran out after 100 repositories") })
            // Main languages and topics from the listing still count.
            let skills = Set((result.resume.careergini?.skills ?? []).map(\.id))
            #expect(skills.isSuperset(of: ["swift", "python", "typescript", "go", "rust", "kotlin", "kubernetes"]))
        }
    }

    @Test("language lookups stop while a few requests are left, and nothing is refused")
    func rateLimitRunningLow() async throws {
        try await Self.withFake { fake, importer in
            let login = Self.uniqueLogin()
            fake.addUser(
                FakeGitHub.User(
                    login: login, repositories: FakeGitHub.generatedRepositories(count: 60, now: Self.reference)))
            fake.rateLimit = FakeGitHub.RateLimit(remaining: 20)
            let result = try await importer.importProfile(username: login, referenceDate: Self.reference)
            let lookups = try #require(result.counts["languageLookups"])
            // 18 left after the user and the page; 5 are kept in reserve.
            #expect((1...13).contains(lookups))
            #expect(fake.rateLimit.remaining >= 5)
            #expect(fake.requests.allSatisfy { $0.status == 200 })
            #expect(result.counts["repositories"] == 60)
            #expect(result.warnings.contains { $0.contains("nearly used up") })
            #expect(result.resume.careergini?.skills?.contains { $0.id == "kotlin" } == true)
        }
    }

    @Test("server errors, an unreachable GitHub and a rejected token are unavailable")
    func unavailable() async throws {
        try await Self.withFake(token: "wrong") { fake, importer in
            let login = Self.uniqueLogin()
            fake.addUser(Self.mona(login))
            fake.acceptedToken = "right"
            let rejected = await Self.importFailure(importer, login)
            #expect(rejected?.reason.contains("rejected the configured token (Bad credentials)") == true)

            fake.acceptedToken = nil
            fake.serverErrorStatus = 502
            let failed = await Self.importFailure(importer, login)
            #expect(failed == .unavailable("GitHub answered 502: Server Error"))
        }
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        let closed = GitHubClient(
            baseURL: "http://127.0.0.1:\(FreePort.find())", token: nil, http: http, redis: nil,
            logger: TestEnvironment.logger)
        let importer = GitHubImporter(client: closed, taxonomy: try Taxonomy.bundled())
        guard case .unavailable(let reason) = await Self.importFailure(importer, "octocat") else {
            Issue.record("an unreachable GitHub must be unavailable")
            return
        }
        #expect(reason.contains("cannot reach GitHub"))
    }

    // MARK: - Conditional requests

    @Test("a second import asks with If-None-Match, gets only 304s and the same résumé; a change is refetched")
    func conditionalRequests() async throws {
        let redis = try TestEnvironment.makeRedis(commandTimeout: .seconds(5))
        defer { Task { await redis.close() } }
        try await Self.withFake(redis: redis) { fake, importer in
            let login = Self.uniqueLogin()
            fake.addUser(
                FakeGitHub.User(
                    login: login, name: "Cached Person",
                    repositories: FakeGitHub.generatedRepositories(count: 120, forks: 4, now: Self.reference)))
            let first = try await importer.importProfile(username: login, referenceDate: Self.reference)
            #expect(first.counts["notModified"] == 0)
            #expect(fake.notModifiedCount == 0)
            let userURL = fake.baseURL + "/users/" + login
            let ttl = try #require(try await redis.timeToLive(GitHubETagCache.key(for: userURL)))
            #expect(ttl > .seconds(7 * 24 * 3600 - 60) && ttl <= .seconds(7 * 24 * 3600))

            fake.resetCounters()
            let remaining = fake.rateLimit.remaining
            let second = try await importer.importProfile(username: login, referenceDate: Self.reference)
            #expect(fake.requestCount == first.counts["requests"])
            #expect(fake.notModifiedCount == fake.requestCount, "every request answered 304")
            #expect(fake.requests.allSatisfy { $0.ifNoneMatch?.hasPrefix("W/\"") == true })
            #expect(second.counts["notModified"] == second.counts["requests"])
            #expect(second.counts["pages"] == 2, "paging went on from the cached Link header")
            #expect(second.resume == first.resume)
            #expect(fake.rateLimit.remaining == remaining, "304s cost nothing")

            // A push adds a topic and changes the languages of the newest repository.
            fake.updateRepository(owner: login, name: "project-0") { repository in
                repository.topics = ["graphql"]
                repository.languages = [.init("Elixir", 10_000)]
            }
            fake.resetCounters()
            let third = try await importer.importProfile(username: login, referenceDate: Self.reference)
            #expect(fake.requestCount - fake.notModifiedCount == 2, "the first page and project-0's languages")
            #expect(third.counts["notModified"] == fake.notModifiedCount)
            let skills = third.resume.careergini?.skills ?? []
            #expect(
                skills.first { $0.id == "elixir" }?.evidence?.first?.text == "1 repository, last pushed 2026-11")
            #expect(skills.contains { $0.id == "graphql" })
        }
    }

    // MARK: - Pieces

    @Test("Link headers, websites, cache entries and rate-limit waits")
    func pieces() {
        let links = GitHubLinks.parse(
            #"<https://api.github.com/user/9/repos?page=2&per_page=100>; rel="next", "#
                + #"<https://api.github.com/user/9/repos?page=5&per_page=100>; rel="last""#)
        #expect(links["next"] == "https://api.github.com/user/9/repos?page=2&per_page=100")
        #expect(links["last"] == "https://api.github.com/user/9/repos?page=5&per_page=100")
        #expect(GitHubLinks.parse(nil).isEmpty)
        #expect(GitHubLinks.parse("garbage <unterminated").isEmpty)

        #expect(GitHubProfileMapping.website("example.dev") == "https://example.dev")
        #expect(GitHubProfileMapping.website(" http://example.dev/blog ") == "http://example.dev/blog")
        #expect(GitHubProfileMapping.website("javascript:alert(1)") == nil)
        #expect(GitHubProfileMapping.website("not a url") == nil)
        #expect(GitHubProfileMapping.website("") == nil)

        let entry = GitHubETagCache.Entry(etag: #"W/"abc""#, link: nil, body: Array("[1,\n2]".utf8))
        #expect(GitHubETagCache.decode(GitHubETagCache.encode(entry)) == entry)
        #expect(GitHubETagCache.decode(Array("no newline".utf8)) == nil)

        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(GitHubRateLimitExceeded(retryAfterSeconds: nil, resetEpoch: 1_000_100).wait(from: now) == .seconds(100))
        #expect(GitHubRateLimitExceeded(retryAfterSeconds: 30, resetEpoch: 1_000_100).wait(from: now) == .seconds(30))
        #expect(GitHubRateLimitExceeded(retryAfterSeconds: nil, resetEpoch: 999_000).wait(from: now) == .seconds(1))
        #expect(GitHubRateLimitExceeded(retryAfterSeconds: nil, resetEpoch: nil).wait(from: now) == .seconds(60))
    }
}

// MARK: - Benchmark

extension GitHubImportTests {
    /// Wall time of whole imports from the local fake, so the numbers are our own
    /// cost (HTTP client, JSON, Redis, mapping), not GitHub's latency. Cold: no
    /// ETags cached (each run a different account). Warm: the same accounts again,
    /// every request a 304 answered from Redis. Bounds are generous: the numbers are
    /// printed for the notes, the assertions only catch a pathological slowdown.
    @Test(
        "benchmark: importing a 300-repository account, cold and warm (ETag), p50/p99 over 10 runs",
        .enabled(if: ProcessInfo.processInfo.environment["CAREERGINI_BENCH"] == "1"))
    func benchmarkThreeHundredRepositories() async throws {
        let redis = try TestEnvironment.makeRedis(commandTimeout: .seconds(5))
        defer { Task { await redis.close() } }
        try await Self.withFake(redis: redis) { fake, importer in
            let runs = 10
            let logins = (0..<runs).map { _ in Self.uniqueLogin() }
            for login in logins {
                fake.addUser(
                    FakeGitHub.User(
                        login: login,
                        repositories: FakeGitHub.generatedRepositories(
                            count: 300, forks: 15, archived: 10, now: Self.reference)))
            }
            fake.rateLimit = FakeGitHub.RateLimit(limit: 100_000)
            // The fake renders each answer once; a first import without the ETag
            // cache takes that cost out of the numbers, as GitHub's own caches would.
            let uncached = GitHubImporter(
                client: GitHubClient(
                    baseURL: fake.baseURL, token: nil, http: importer.client.http, redis: nil,
                    logger: TestEnvironment.logger),
                taxonomy: importer.taxonomy)
            for login in logins {
                _ = try await uncached.importProfile(username: login, referenceDate: Self.reference)
            }
            let clock = ContinuousClock()
            var cold: [Duration] = []
            var warm: [Duration] = []
            for login in logins {
                var result: GitHubImport?
                cold.append(
                    try await clock.measure {
                        result = try await importer.importProfile(username: login, referenceDate: Self.reference)
                    })
                #expect(result?.counts["repositories"] == 285)
                #expect(result?.counts["requests"] == 1 + 3 + 285)
                #expect(result?.counts["notModified"] == 0)
            }
            for login in logins {
                var result: GitHubImport?
                warm.append(
                    try await clock.measure {
                        result = try await importer.importProfile(username: login, referenceDate: Self.reference)
                    })
                #expect(result?.counts["notModified"] == 1 + 3 + 285)
            }
            // With a network in between: 50 ms per languages answer, 8 lookups at a time.
            fake.languagesDelay = .milliseconds(50)
            var slow: [Duration] = []
            for login in logins.prefix(3) {
                slow.append(
                    try await clock.measure {
                        _ = try await uncached.importProfile(username: login, referenceDate: Self.reference)
                    })
            }
            let report = [
                ("cold", cold), ("warm (all 304)", warm), ("no ETag cache, 50 ms per languages answer", slow),
            ].map { name, samples in
                "GitHub import, 300 repositories (285 owned, 289 requests), \(name): "
                    + "p50 \(Self.milliseconds(Self.percentile(samples, 0.5))) ms, "
                    + "p99 \(Self.milliseconds(Self.percentile(samples, 0.99))) ms over \(samples.count) runs"
            }
            ProfileBenchmarks.report.record(
                order: 2, title: "GitHub import from the fake (scripts/bench-suites.sh)",
                lines: [
                    "Wall time of whole imports from a local fake GitHub: our cost (libcurl client, JSON, Redis ETag",
                    "cache, mapping), not GitHub's latency. Cold: no ETags cached. Warm: every request a 304 from Redis.",
                    "",
                ] + report)
            #expect(Self.percentile(cold, 0.99) < .seconds(60))
            #expect(Self.percentile(warm, 0.99) < .seconds(60))
            // Sequential lookups would take 285 × 50 ms = 14 s.
            #expect(Self.percentile(slow, 0.5) < .seconds(12))
        }
    }

    /// Nearest-rank percentile.
    static func percentile(_ samples: [Duration], _ fraction: Double) -> Duration {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .zero }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}
