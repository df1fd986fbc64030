import Contracts
import Foundation
import Taxonomy
import TestSupport
import Testing

@testable import LearningService

@Suite struct GitHubSearchProviderTests {
    static let pushed = Date(timeIntervalSince1970: 1_720_000_000)

    static let repositories: [FakeGitHub.Repository] = [
        FakeGitHub.Repository(
            name: "awesome-python", description: "A curated list of awesome Python frameworks and resources",
            languages: [.init("Python", 5_000)], topics: ["python", "awesome"], stars: 200_000, pushedAt: pushed,
            license: "CC0-1.0"),
        FakeGitHub.Repository(
            name: "python-patterns", description: "Design patterns in Python", languages: [.init("Python", 90_000)],
            topics: ["python", "design-patterns"], stars: 40_000, pushedAt: pushed),
        FakeGitHub.Repository(
            name: "old-python-course", description: "Archived", archived: true, languages: [.init("Python", 9_000)],
            topics: ["python"], stars: 9_000),
        FakeGitHub.Repository(
            name: "python-fork", fork: true, languages: [.init("Python", 9_000)], topics: ["python"], stars: 8_000),
        FakeGitHub.Repository(
            name: "tiny-python", languages: [.init("Python", 900)], topics: ["python"], stars: 12),
        FakeGitHub.Repository(
            name: "python-in-go", description: "A Python interpreter written in Go",
            languages: [.init("Go", 70_000)], topics: ["python"], stars: 30_000),
    ]

    @Test func repositoriesForASkillAreSearchedByTopicAndLanguageAndFiltered() async throws {
        try await DiscoveryFixture.with { fixture in
            try await FakeGitHub.runSearch(Self.repositories) { fake in
                let outcome = await fixture.gitHub(fake).lookup(
                    DiscoveryFixture.skill("python"), deadline: .now + .seconds(10))
                let finds = try #require(outcome.finds)
                // Archived, forked, little-followed and other-language repositories are left out.
                #expect(finds.map(\.id) == ["github:teachers/awesome-python", "github:teachers/python-patterns"])
                let awesome = finds[0]
                #expect(
                    awesome.title
                        == "teachers/awesome-python: A curated list of awesome Python frameworks and resources")
                #expect(awesome.provider == "GitHub" && awesome.url == "https://github.com/teachers/awesome-python")
                #expect(awesome.type == .repo && awesome.level == .beginner && awesome.free)
                #expect(awesome.stars == 200_000 && awesome.skills == ["python"] && awesome.source == .github)
                #expect(awesome.publishedAt == Self.pushed)
                #expect(finds[1].level == .intermediate)

                let request = try #require(fake.requests.first)
                #expect(request.kind == .searchRepositories && request.status == 200)
                let query = DiscoveryFixture.decodedQuery(request.query)
                #expect(query["q"] == "topic:python language:python stars:>=50 archived:false")
                #expect(query["sort"] == "stars" && query["order"] == "desc" && query["per_page"] == "10")
                #expect(request.accept == "application/vnd.github+json")
                #expect(request.apiVersion == "2022-11-28")
                #expect(request.userAgent?.hasPrefix("CareerGini/") == true)
                #expect(request.authorization == nil)
            }
        }
    }

    @Test func aTokenIsSentAsBearerAndRaisesTheLimit() async throws {
        try await DiscoveryFixture.with { fixture in
            try await FakeGitHub.runSearch(Self.repositories) { fake in
                fake.acceptedToken = "ghp_test_token"
                let outcome = await fixture.gitHub(fake, token: "ghp_test_token").lookup(
                    DiscoveryFixture.skill("python"), deadline: .now + .seconds(10))
                #expect(outcome.finds?.count == 2)
                #expect(fake.requests.first?.authorization == "Bearer ghp_test_token")
                #expect(fake.searchRateLimit(authenticated: true).remaining == 29)
                #expect(GitHubSearchProvider.requestsPerMinute(token: "x") == 30)
                #expect(GitHubSearchProvider.requestsPerMinute(token: nil) == 10)
            }
        }
    }

    @Test func skillsMapToTopicsAndLanguages() {
        func query(_ id: String) -> String? {
            GitHubSkillQuery.query(for: DiscoveryFixture.skill(id), minimumStars: 50)
        }
        #expect(query("go") == "topic:golang language:go stars:>=50 archived:false")
        #expect(query("cpp") == "topic:cpp language:cpp stars:>=50 archived:false")
        #expect(query("nodejs") == "topic:nodejs language:javascript stars:>=50 archived:false")
        #expect(query("bash") == "topic:bash language:shell stars:>=50 archived:false")
        #expect(query("sql") == "topic:sql stars:>=50 archived:false")
        #expect(query("django") == "topic:django stars:>=50 archived:false")
        #expect(query("llms") == "topic:llm stars:>=50 archived:false")
        // People skills have no repositories to learn from.
        let soft = try! #require(DiscoveryFixture.taxonomy.skills.values.first { $0.category == "soft" })
        #expect(GitHubSkillQuery.query(for: soft, minimumStars: 50) == nil)
        // Every other Taxonomy skill makes a valid topic.
        for skill in DiscoveryFixture.taxonomy.skills.values
        where !GitHubSkillQuery.unsearchedCategories.contains(
            skill.category)
        {
            #expect(GitHubSkillQuery.topic(for: skill) != nil, "\(skill.id)")
        }
    }

    @Test func aBurstBeyondTheLimitIsPacedNotRefused() async throws {
        try await DiscoveryFixture.with { fixture in
            try await FakeGitHub.runSearch(Self.repositories) { fake in
                // GitHub's minute shortened to two seconds, so the test need not wait minutes; our
                // window a second longer, as a request may reach GitHub well after its slot on a loaded machine.
                fake.searchWindow = .seconds(2)
                let limiter = fixture.limiter(requestsPerWindow: 10, window: .seconds(3))
                let provider = fixture.gitHub(fake, limiter: limiter)
                let skills = [
                    "python", "django", "flask", "fastapi", "pandas", "numpy", "go", "rust", "java",
                    "kotlin", "swift", "ruby",
                ]
                let started = ContinuousClock.now
                let outcomes = await withTaskGroup(of: LookupOutcome.self) { group in
                    for skill in skills {
                        group.addTask {
                            await provider.lookup(DiscoveryFixture.skill(skill), deadline: .now + .seconds(20))
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                #expect(outcomes.allSatisfy { $0.finds != nil })
                #expect(fake.requestCount(.searchRepositories) == 12)
                #expect(fake.requests.allSatisfy { $0.status == 200 })
                // The eleventh and twelfth waited for the window to move on.
                #expect(ContinuousClock.now - started >= .seconds(2))
            }
        }
    }

    @Test func aLimitGitHubReportsPausesEveryReplicaUntilItsReset() async throws {
        try await DiscoveryFixture.with { fixture in
            try await FakeGitHub.runSearch(Self.repositories) { fake in
                fake.exhaustSearchRateLimit(until: Date().addingTimeInterval(2))
                let provider = fixture.gitHub(fake)
                let other = fixture.gitHub(fake)  // another replica: same Redis, its own provider
                async let outcome = provider.lookup(DiscoveryFixture.skill("python"), deadline: .now + .seconds(20))
                // Once the refusal is in, the other replica holds back too.
                var paused = false
                for _ in 0..<100 where !paused {
                    paused = !(await other.isAvailable())
                    if !paused { try await Task.sleep(for: .milliseconds(20)) }
                }
                #expect(paused)
                #expect(await outcome.finds?.count == 2)
                let statuses = fake.requests.map(\.status)
                #expect(statuses == [403, 200])
                #expect(await other.isAvailable())
            }
        }
    }

    @Test func aLongPauseDefersTheLookupInsteadOfFailingIt() async throws {
        try await DiscoveryFixture.with { fixture in
            try await FakeGitHub.runSearch(Self.repositories) { fake in
                fake.secondaryRateLimitRetryAfter = 600
                let provider = fixture.gitHub(fake)
                let outcome = await provider.lookup(DiscoveryFixture.skill("python"), deadline: .now + .seconds(10))
                #expect(outcome == .deferred("GitHub search is rate limited"))
                #expect(await provider.isAvailable() == false)
                // Nothing is sent while paused, however many lookups are asked for.
                let again = await provider.lookup(DiscoveryFixture.skill("django"), deadline: .now + .seconds(1))
                #expect(again == .deferred("no GitHub search slot before the deadline"))
                #expect(fake.requests.count == 1)
            }
        }
    }

    @Test func serverErrorsAreRetriedThenReported() async throws {
        try await DiscoveryFixture.with { fixture in
            try await FakeGitHub.runSearch(Self.repositories) { fake in
                fake.serverErrorStatus = 502
                let outcome = await fixture.gitHub(fake).lookup(
                    DiscoveryFixture.skill("python"), deadline: .now + .seconds(10))
                #expect(outcome == .failed("GitHub search failed: HTTP 502"))
                #expect(fake.requests.count == 3)
            }
        }
    }

    @Test func badCredentialsAreAFailureNotARetry() async throws {
        try await DiscoveryFixture.with { fixture in
            try await FakeGitHub.runSearch(Self.repositories) { fake in
                fake.acceptedToken = "the-right-token"
                let outcome = await fixture.gitHub(fake, token: "a-revoked-token").lookup(
                    DiscoveryFixture.skill("python"), deadline: .now + .seconds(10))
                #expect(outcome == .failed("GitHub refused the search (HTTP 401: Bad credentials)"))
                #expect(fake.requests.count == 1)
            }
        }
    }
}
