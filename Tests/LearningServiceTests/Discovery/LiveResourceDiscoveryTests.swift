import Contracts
import Foundation
import TestSupport
import Testing

@testable import LearningService

@Suite struct LiveResourceDiscoveryTests {
    static let videos = [
        FakeYouTube.Video(id: "py-1", title: "Python tutorial for beginners", viewCount: 900_000),
        FakeYouTube.Video(id: "dj-1", title: "Django tutorial: build a blog", viewCount: 50_000),
    ]

    static let repositories = [
        FakeGitHub.Repository(
            name: "learn-python", description: "Learn Python with exercises", languages: [.init("Python", 9_000)],
            topics: ["python"], stars: 5_000),
        FakeGitHub.Repository(
            name: "django-by-example", description: "Django projects", languages: [.init("Python", 9_000)],
            topics: ["python", "django"], stars: 800),
    ]

    /// Both fakes, both providers, and a discovery over them.
    static func withProviders(
        ttl: Duration = .seconds(7 * 86_400), timing: LiveResourceDiscovery.Timing = DiscoveryFixture.timing,
        _ body: (DiscoveryFixture, FakeYouTube, FakeGitHub, LiveResourceDiscovery) async throws -> Void
    ) async throws {
        try await DiscoveryFixture.with { fixture in
            try await FakeYouTube.run(acceptedKey: DiscoveryFixture.youTubeKey) { youTube in
                youTube.addVideos(videos)
                try await FakeGitHub.runSearch(repositories) { gitHub in
                    let discovery = fixture.discovery(
                        [fixture.youTube(youTube), fixture.gitHub(gitHub)], ttl: ttl, timing: timing)
                    try await body(fixture, youTube, gitHub, discovery)
                    await discovery.stop()
                }
            }
        }
    }

    @Test func findsAreStoredWithProvenanceAndLookupsRecorded() async throws {
        try await Self.withProviders { fixture, youTube, gitHub, discovery in
            await discovery.refreshAndSettle(skills: ["python", "not-a-skill", "python"])
            #expect(try await fixture.finds(.youtube).map(\.id) == ["youtube:py-1"])
            #expect(
                try await fixture.finds(.github).map(\.id) == [
                    "github:teachers/django-by-example", "github:teachers/learn-python",
                ])
            let lookup = try #require(try await fixture.lookup(.github, "python"))
            #expect(lookup.status == "ok" && lookup.error == nil && lookup.fetchedAt != nil)
            #expect(lookup.resultKeys == ["github:teachers/learn-python", "github:teachers/django-by-example"])
            #expect(try await fixture.lookup(.youtube, "python")?.resultKeys == ["youtube:py-1"])
            #expect(youTube.requestCount(path: "/search") == 1 && gitHub.requestCount == 1)
        }
    }

    @Test func freshLookupsAreNotRepeatedWithinTheTTLAndAreAfterIt() async throws {
        try await Self.withProviders { fixture, youTube, gitHub, discovery in
            await discovery.refreshAndSettle(skills: ["python", "django"])
            #expect(youTube.requestCount(path: "/search") == 2 && gitHub.requestCount == 2)

            // Everything fresh: no provider is asked, and the answer is quick.
            let started = ContinuousClock.now
            for _ in 0..<5 { await discovery.refresh(skills: ["django", "python"]) }
            #expect(ContinuousClock.now - started < .seconds(1))
            #expect(youTube.requestCount(path: "/search") == 2 && gitHub.requestCount == 2)

            // A week and a day later both are asked again.
            try await fixture.age(by: .seconds(8 * 86_400))
            await discovery.refreshAndSettle(skills: ["python", "django"])
            #expect(youTube.requestCount(path: "/search") == 4 && gitHub.requestCount == 4)
        }
    }

    @Test func aLookupSeenFreshIsNotQueriedAgainForTheMemosWhile() async throws {
        var timing = DiscoveryFixture.timing
        timing.freshnessMemo = .seconds(60)
        try await Self.withProviders(timing: timing) { fixture, youTube, gitHub, discovery in
            await discovery.refreshAndSettle(skills: ["python"])
            try await fixture.age(by: .seconds(8 * 86_400))
            // Due in PostgreSQL, but known fresh here a moment ago: not even asked about.
            await discovery.refreshAndSettle(skills: ["python"])
            #expect(youTube.requestCount(path: "/search") == 1 && gitHub.requestCount == 1)
            // Another process (no memo) finds it due.
            let other = fixture.discovery([fixture.youTube(youTube), fixture.gitHub(gitHub)])
            await other.refreshAndSettle(skills: ["python"])
            #expect(youTube.requestCount(path: "/search") == 2 && gitHub.requestCount == 2)
            await other.stop()
        }
    }

    @Test func aFailingProviderLeavesStoredFindsAlone() async throws {
        try await Self.withProviders { fixture, youTube, gitHub, discovery in
            await discovery.refreshAndSettle(skills: ["python"])
            let before = try await fixture.finds(.github) + fixture.finds(.youtube)
            let okLookup = try #require(try await fixture.lookup(.github, "python"))
            try await fixture.age(by: .seconds(8 * 86_400))

            gitHub.serverErrorStatus = 500
            youTube.failNext([.backendError, .backendError, .backendError])
            await discovery.refreshAndSettle(skills: ["python"])
            #expect(try await fixture.finds(.github) + fixture.finds(.youtube) == before)
            let failed = try #require(try await fixture.lookup(.github, "python"))
            #expect(failed.status == "failed" && failed.error == "GitHub search failed: HTTP 500")
            #expect(failed.resultKeys == okLookup.resultKeys)
            let expected = try #require(okLookup.fetchedAt).addingTimeInterval(-8 * 86_400)
            #expect(abs(try #require(failed.fetchedAt).timeIntervalSince(expected)) < 0.001)
            #expect(try await fixture.lookup(.youtube, "python")?.status == "failed")

            // A failure is retried after a short while, not at once.
            let requests = gitHub.requestCount
            await discovery.refreshAndSettle(skills: ["python"])
            #expect(gitHub.requestCount == requests)
        }
    }

    @Test func findsAProviderStopsReturningAreRetired() async throws {
        try await Self.withProviders { fixture, _, gitHub, discovery in
            await discovery.refreshAndSettle(skills: ["python", "django"])
            let shared = try #require(
                try await fixture.resources.resources(keys: ["github:teachers/django-by-example"]).first)
            #expect(Set(shared.skills) == ["python", "django"])

            // The repository loses its django topic and learn-python is archived.
            gitHub.updateRepository(owner: "teachers", name: "django-by-example") { $0.topics = ["python"] }
            gitHub.updateRepository(owner: "teachers", name: "learn-python") { $0.archived = true }
            try await fixture.age(by: .seconds(8 * 86_400))
            await discovery.refreshAndSettle(skills: ["python", "django"])

            let finds = try await fixture.finds(.github)
            #expect(finds.map(\.id) == ["github:teachers/django-by-example"])
            #expect(finds.first?.skills == ["python"])
            #expect(try await fixture.lookup(.github, "django")?.resultKeys == [])
        }
    }

    @Test func aSlowProviderDoesNotHoldTheCaller() async throws {
        var timing = DiscoveryFixture.timing
        timing.waitForFresh = .milliseconds(800)
        try await Self.withProviders(timing: timing) { fixture, youTube, _, discovery in
            youTube.delay = .seconds(3)
            let started = ContinuousClock.now
            await discovery.refresh(skills: ["python"])
            #expect(ContinuousClock.now - started < .seconds(2))
            let meanwhile = try await fixture.finds(.youtube)
            #expect(meanwhile.isEmpty)
            // The lookup finishes in the background and serves later requests.
            await discovery.waitForBackgroundLookups()
            #expect(try await fixture.finds(.youtube).map(\.id) == ["youtube:py-1"])
        }
    }

    @Test func replicasAskedAboutTheSameSkillSendOneRequest() async throws {
        try await Self.withProviders { fixture, youTube, gitHub, discovery in
            youTube.delay = .milliseconds(300)
            let replica = fixture.discovery([fixture.youTube(youTube), fixture.gitHub(gitHub)])
            async let first: Void = discovery.refresh(skills: ["python"])
            async let second: Void = replica.refresh(skills: ["python"])
            _ = await (first, second)
            await discovery.waitForBackgroundLookups()
            await replica.waitForBackgroundLookups()
            #expect(youTube.requestCount(path: "/search") == 1)
            #expect(gitHub.requestCount == 1)
            await replica.stop()
        }
    }

    @Test func quotaExhaustionLeavesTheRestToTheCatalogueUntilTheReset() async throws {
        try await DiscoveryFixture.with { fixture in
            try await FakeYouTube.run(acceptedKey: DiscoveryFixture.youTubeKey, dailyQuota: 100) { youTube in
                youTube.addVideos(Self.videos)
                let discovery = fixture.discovery([fixture.youTube(youTube)])
                // The search fits, its videos.list does not: the finds are kept without views.
                await discovery.refreshAndSettle(skills: ["python"])
                let finds = try await fixture.finds(.youtube)
                #expect(finds.map(\.id) == ["youtube:py-1"] && finds.first?.views == nil)
                #expect(await fixture.quota().used() == 10_000)

                let requests = youTube.requests.count
                await discovery.refreshAndSettle(skills: ["django"])
                #expect(youTube.requests.count == requests)
                // Not recorded: django is asked about once the quota is back.
                #expect(try await fixture.lookup(.youtube, "django") == nil)
                await discovery.stop()
            }
        }
    }

    @Test func theKeyGoesOnlyToYouTubeAndIsStoredNowhere() async throws {
        try await Self.withProviders { fixture, youTube, gitHub, discovery in
            // Both searches fail, each after three attempts.
            youTube.failNext(Array(repeating: .backendError, count: 6))
            await discovery.refreshAndSettle(skills: ["python", "django"])
            let key = DiscoveryFixture.youTubeKey
            for request in gitHub.requests {
                #expect(
                    !request.query.contains(key) && request.authorization == nil && request.path.contains(key) == false)
            }
            #expect(youTube.requests.allSatisfy { $0.query["key"] == key })
            let lookups = try await fixture.store.lookups()
            #expect(lookups.contains { $0.status == "failed" })
            #expect(lookups.allSatisfy { !($0.error ?? "").contains(key) })
        }
    }

    @Test func withoutProvidersARefreshReturnsAtOnce() async throws {
        try await DiscoveryFixture.with { fixture in
            let discovery = fixture.discovery([])
            let started = ContinuousClock.now
            await discovery.refresh(skills: ["python", "django"])
            #expect(ContinuousClock.now - started < .milliseconds(50))
            let lookups = try await fixture.store.lookups()
            #expect(lookups.isEmpty)
        }
    }
}

extension LiveResourceDiscovery {
    /// A refresh, then its background lookups stored: what a later request sees.
    func refreshAndSettle(skills: [String]) async {
        await refresh(skills: skills)
        await waitForBackgroundLookups()
    }
}
