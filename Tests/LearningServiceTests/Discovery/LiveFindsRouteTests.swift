import Contracts
import Foundation
import TestSupport
import Testing

@testable import LearningService

/// `GET /learning/resources` with the live providers configured, as `main` wires them.
@Suite struct LiveFindsRouteTests {
    static let key = DiscoveryFixture.youTubeKey

    @Test func liveFindsAppearBesideTheCatalogueWithTheirProvenance() async throws {
        try await FakeYouTube.run(acceptedKey: Self.key) { youTube in
            youTube.addVideos([FakeYouTube.Video(id: "py-live", title: "Python tutorial for beginners")])
            try await FakeGitHub.runSearch(LiveResourceDiscoveryTests.repositories) { gitHub in
                let extra = [
                    "YOUTUBE_API_URL": youTube.baseURL, "YOUTUBE_API_KEY": Self.key, "GITHUB_API_URL": gitHub.baseURL,
                    "LEARNING_GITHUB_SEARCH": "true",
                ]
                try await ResourcesRouteHarness.test(extra: extra) { harness in
                    let page = try await harness.page("/learning/resources?skill=python&limit=50").page
                    let sources = Dictionary(grouping: page.items, by: \.source)
                    #expect(sources[.youtube]?.map(\.id) == ["youtube:py-live"])
                    #expect(
                        Set(sources[.github]?.map(\.id) ?? []) == [
                            "github:teachers/learn-python", "github:teachers/django-by-example",
                        ])
                    #expect(sources[.catalogue]?.isEmpty == false)
                    #expect(sources[.github]?.allSatisfy { $0.stars != nil && $0.fit != nil } == true)

                    // Asked again within the TTL: the providers are not.
                    _ = try await harness.page("/learning/resources?skill=python&limit=50&type=video")
                    #expect(youTube.requestCount(path: "/search") == 1)
                    #expect(gitHub.requestCount(.searchRepositories) == 1)
                }
            }
        }
    }

    @Test func withYouTubeOutOfQuotaTheCatalogueAnswers() async throws {
        try await FakeYouTube.run(acceptedKey: Self.key, dailyQuota: 0) { youTube in
            youTube.addVideos([FakeYouTube.Video(id: "py-live", title: "Python tutorial for beginners")])
            let extra = ["YOUTUBE_API_URL": youTube.baseURL, "YOUTUBE_API_KEY": Self.key]
            try await ResourcesRouteHarness.test(extra: extra) { harness in
                let first = try await harness.page("/learning/resources?skill=python&limit=50").page
                #expect(!first.items.isEmpty && first.items.allSatisfy { $0.source == .catalogue })
                #expect(youTube.requests.map(\.status) == [403])
                // The day is over for YouTube: later requests do not ask it.
                _ = try await harness.page("/learning/resources?skill=django&limit=50")
                #expect(youTube.requests.count == 1)
            }
        }
    }
}
