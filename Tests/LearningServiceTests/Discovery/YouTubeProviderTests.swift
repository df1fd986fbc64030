import Contracts
import Foundation
import TestSupport
import Testing

@testable import LearningService

@Suite struct YouTubeProviderTests {
    static let published = Date(timeIntervalSince1970: 1_710_000_000)

    static let lessons: [FakeYouTube.Video] = [
        FakeYouTube.Video(
            id: "vid-beginner", title: "Python Tutorial for Beginners - Rock & Roll 'Edition'",
            description: "Learn Python programming from scratch.", channelTitle: "Code & Coffee",
            publishedAt: published, viewCount: 2_500_000, duration: "PT1H30M", defaultAudioLanguage: "en-US"),
        FakeYouTube.Video(
            id: "vid-advanced", title: "Advanced Python tutorial: metaclasses deep dive",
            description: "Python internals.", channelTitle: "Deep Code",
            publishedAt: published.addingTimeInterval(-86_400), viewCount: 40_000, duration: "PT25M10S",
            defaultAudioLanguage: nil),
        FakeYouTube.Video(
            id: "vid-short", title: "Python tutorial in 60 seconds", channelTitle: "Shorts",
            publishedAt: published.addingTimeInterval(-2 * 86_400), duration: "PT59S"),
        FakeYouTube.Video(
            id: "vid-live", title: "Python tutorial live stream", channelTitle: "Live",
            publishedAt: published.addingTimeInterval(-3 * 86_400), duration: "P0D", liveBroadcastContent: "live"),
        FakeYouTube.Video(id: "vid-other", title: "Rust tutorial", duration: "PT30M"),
    ]

    @Test func searchResultsBecomeVideosWithViewsLengthAndLanguage() async throws {
        try await DiscoveryFixture.with { fixture in
            try await FakeYouTube.run(acceptedKey: DiscoveryFixture.youTubeKey) { fake in
                fake.addVideos(Self.lessons)
                let provider = fixture.youTube(fake)
                let outcome = await provider.lookup(DiscoveryFixture.skill("python"), deadline: .now + .seconds(10))
                guard case .found(let finds) = outcome else {
                    Issue.record("expected finds, got \(outcome)")
                    return
                }
                // Shorts and live streams teach little; the Rust video does not match.
                #expect(finds.map(\.id) == ["youtube:vid-beginner", "youtube:vid-advanced"])
                let first = finds[0]
                #expect(first.title == "Python Tutorial for Beginners - Rock & Roll 'Edition'")
                #expect(first.provider == "Code & Coffee")
                #expect(first.url == "https://www.youtube.com/watch?v=vid-beginner")
                #expect(first.type == .video && first.level == .beginner && first.free)
                #expect(first.estimatedHours == 1.5)
                #expect(first.language == "en")
                #expect(first.views == 2_500_000)
                #expect(first.publishedAt == Self.published)
                #expect(first.skills == ["python"] && first.source == .youtube)
                let second = finds[1]
                #expect(second.level == .advanced && second.language == nil && second.estimatedHours == 0.4)

                let search = try #require(fake.requests.first { $0.path == "/search" })
                #expect(search.query["part"] == "snippet" && search.query["type"] == "video")
                #expect(search.query["q"] == "Python tutorial" && search.query["maxResults"] == "10")
                #expect(search.query["relevanceLanguage"] == "en" && search.query["videoEmbeddable"] == "true")
                #expect(search.query["safeSearch"] == "strict" && search.query["key"] == DiscoveryFixture.youTubeKey)
                let videos = try #require(fake.requests.first { $0.path == "/videos" })
                #expect(videos.query["part"] == "snippet,statistics,contentDetails")
                #expect(videos.query["id"] == "vid-beginner,vid-advanced,vid-short")

                // One search and one videos.list, counted here as YouTube counts them.
                #expect(fake.unitsUsed == 101)
                #expect(await fixture.quota().used() == 101)
            }
        }
    }

    @Test func aSkillNameWithSymbolsIsSearchedAsWritten() async throws {
        try await DiscoveryFixture.with { fixture in
            try await FakeYouTube.run(acceptedKey: DiscoveryFixture.youTubeKey) { fake in
                fake.addVideos([FakeYouTube.Video(id: "cpp-1", title: "C++ tutorial for beginners")])
                let outcome = await fixture.youTube(fake).lookup(
                    DiscoveryFixture.skill("cpp"), deadline: .now + .seconds(10))
                #expect(outcome.finds?.map(\.id) == ["youtube:cpp-1"])
                #expect(fake.requests.first?.query["q"] == "C++ tutorial")
                #expect(fake.requests.first?.rawQuery.contains("q=C%2B%2B%20tutorial") == true)
            }
        }
    }

    @Test func searchesStopBeforeTheDailyBudgetIsPassed() async throws {
        try await DiscoveryFixture.with { fixture in
            try await FakeYouTube.run(acceptedKey: DiscoveryFixture.youTubeKey) { fake in
                fake.addVideos(Self.lessons)
                // Room for two searches with their videos.list (202 units), not a third.
                let provider = fixture.youTube(fake, dailyUnits: 250)
                for skill in ["python", "rust"] {
                    let outcome = await provider.lookup(DiscoveryFixture.skill(skill), deadline: .now + .seconds(10))
                    #expect(outcome.finds != nil)
                }
                #expect(await provider.isAvailable() == false)
                let third = await provider.lookup(DiscoveryFixture.skill("go"), deadline: .now + .seconds(10))
                #expect(third == .deferred("YouTube quota for today is spent"))
                #expect(fake.requestCount(path: "/search") == 2)
                #expect(fake.unitsUsed == 202)
            }
        }
    }

    @Test func quotaExceededFromYouTubeEndsTheDay() async throws {
        try await DiscoveryFixture.with { fixture in
            // YouTube's own count is lower than ours: another client spent from the same project.
            try await FakeYouTube.run(acceptedKey: DiscoveryFixture.youTubeKey, dailyQuota: 150) { fake in
                fake.addVideos(Self.lessons)
                let provider = fixture.youTube(fake)
                #expect(
                    await provider.lookup(DiscoveryFixture.skill("python"), deadline: .now + .seconds(10)).finds?
                        .count == 2)
                let refused = await provider.lookup(DiscoveryFixture.skill("rust"), deadline: .now + .seconds(10))
                #expect(refused == .deferred("YouTube quota exceeded"))
                #expect(fake.requests.last?.status == 403)
                #expect(await fixture.quota().used() == 10_000)
                #expect(await provider.isAvailable() == false)

                // No further calls that day.
                let before = fake.requests.count
                let later = await provider.lookup(DiscoveryFixture.skill("go"), deadline: .now + .seconds(10))
                #expect(later == .deferred("YouTube quota for today is spent"))
                #expect(fake.requests.count == before)
            }
        }
    }

    @Test func theDayIsThePacificCalendarDay() {
        func day(_ text: String) -> String { YouTubeQuota.day(of: try! Date(text, strategy: .iso8601)) }
        // Winter: UTC−8.
        #expect(day("2024-01-15T07:59:59Z") == "2024-01-14")
        #expect(day("2024-01-15T08:00:00Z") == "2024-01-15")
        // Summer: UTC−7.
        #expect(day("2024-07-01T06:59:59Z") == "2024-06-30")
        #expect(day("2024-07-01T07:00:00Z") == "2024-07-01")
    }

    @Test func backendErrorsAreRetriedAndEachAttemptIsPaidFor() async throws {
        try await DiscoveryFixture.with { fixture in
            try await FakeYouTube.run(acceptedKey: DiscoveryFixture.youTubeKey) { fake in
                fake.addVideos(Self.lessons)
                fake.failNext([.unavailable, .rateLimitExceeded])
                let outcome = await fixture.youTube(fake).lookup(
                    DiscoveryFixture.skill("python"), deadline: .now + .seconds(20))
                #expect(outcome.finds?.count == 2)
                #expect(fake.requests.map(\.status) == [503, 403, 200, 200])
                #expect(fake.unitsUsed == 301)
                #expect(await fixture.quota().used() == 301)
            }
        }
    }

    @Test func aRejectedKeyIsNotRetriedAndPausesYouTube() async throws {
        try await DiscoveryFixture.with { fixture in
            try await FakeYouTube.run(acceptedKey: "the-real-key") { fake in
                fake.addVideos(Self.lessons)
                let provider = fixture.youTube(fake, key: "a-wrong-key-abcdef")
                let outcome = await provider.lookup(DiscoveryFixture.skill("python"), deadline: .now + .seconds(10))
                guard case .failed(let reason) = outcome else {
                    Issue.record("expected a failure")
                    return
                }
                #expect(reason.contains("API_KEY_INVALID"))
                #expect(!reason.contains("a-wrong-key-abcdef"))
                #expect(fake.requests.count == 1)
                #expect(await provider.isAvailable() == false)
                // A different key is not held back by this one's rejection.
                #expect(await fixture.youTube(fake, key: "another-key").isAvailable())
            }
        }
    }

    @Test func anUnreachableYouTubeFailsWithoutTheKeyInTheReason() async throws {
        try await DiscoveryFixture.with { fixture in
            let provider = fixture.youTube(baseURL: "http://127.0.0.1:\(FreePort.find())")
            let outcome = await provider.lookup(DiscoveryFixture.skill("python"), deadline: .now + .seconds(5))
            guard case .failed(let reason) = outcome else {
                Issue.record("expected a failure: \(outcome)")
                return
            }
            #expect(!reason.contains(DiscoveryFixture.youTubeKey))
            #expect(reason.contains("search.list"))
        }
    }

    @Test func durationsAndEntitiesAreReadAsYouTubeWritesThem() {
        #expect(ISO8601Duration.seconds("PT15M33S") == 933)
        #expect(ISO8601Duration.seconds("PT1H") == 3600)
        #expect(ISO8601Duration.seconds("P1DT2H") == 93_600)
        #expect(ISO8601Duration.seconds("P0D") == 0)
        #expect(ISO8601Duration.seconds("PT") == nil)
        #expect(ISO8601Duration.seconds("15M") == nil)
        #expect(ISO8601Duration.seconds("PT5X") == nil)
        #expect(
            HTMLEntityText.decode("Rock &amp; Roll &#39;24 &quot;live&quot; &#x263A; &bogus; &")
                == "Rock & Roll '24 \"live\" ☺ &bogus; &")
    }
}

extension LookupOutcome {
    /// The finds of a successful lookup; nil otherwise.
    var finds: [LearningResource]? {
        if case .found(let finds) = self { return finds }
        return nil
    }
}
