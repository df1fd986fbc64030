import Contracts
import Foundation
import Taxonomy
import Testing

@testable import LearningService

/// Labelled cases: for each, the resource a sensible human adviser would put
/// first, and why.
@Suite struct ResourceRankerTests {
    static let ranker = ResourceRanker(taxonomy: try! Taxonomy.bundled())

    static func resource(
        _ id: String, skills: [String] = ["kubernetes"], level: LearningResource.Level = .beginner,
        type: LearningResource.Kind = .course, free: Bool = true, language: String? = "en",
        source: LearningResource.Provenance = .catalogue, provider: String = "Example Provider", stars: Int? = nil,
        views: Int? = nil, title: String? = nil
    ) -> LearningResource {
        LearningResource(
            id: id, title: title ?? id, provider: provider, url: "https://learn.example.org/\(id)", type: type,
            level: level, free: free, estimatedHours: 5, language: language, skills: skills, source: source,
            stars: stars, views: views)
    }

    static func order(_ resources: [LearningResource], _ context: RankingContext) -> [String] {
        ranker.rank(resources, for: context).map(\.id)
    }

    /// The Kubernetes shelf: every level, free and paid.
    static let shelf = [
        resource("advanced-docs", level: .advanced, type: .docs),
        resource("intermediate-course", level: .intermediate),
        resource("beginner-paid-course", level: .beginner, free: false),
        resource("beginner-free-tutorial", level: .beginner, type: .tutorial),
        resource("advanced-paid-book", level: .advanced, type: .book, free: false),
    ]

    @Test func aNewcomerAskingForKubernetesGetsABeginnerFreeResourceFirst() throws {
        let ranked = Self.ranker.rank(Self.shelf, for: RankingContext(skills: ["kubernetes"]))
        let first = try #require(ranked.first)
        #expect(first.id == "beginner-free-tutorial")
        #expect(
            first.reasons == [
                "Kubernetes is its main subject", "Beginner level, a good start in Kubernetes", "Free",
                "Hand-picked from Example Provider",
            ])
        // Aware (1) is still a newcomer's level.
        #expect(
            Self.order(Self.shelf, RankingContext(skills: ["kubernetes"], learnerLevels: ["kubernetes": 1])).first
                == "beginner-free-tutorial")
        // The advanced resources, two levels too hard, come last.
        #expect(Set(ranked.suffix(2).map(\.id)) == ["advanced-docs", "advanced-paid-book"])
    }

    @Test func anExpertGetsAdvancedFirstAndAnIntermediateLearnerIntermediate() {
        for level in [4, 5] {
            let order = Self.order(
                Self.shelf, RankingContext(skills: ["kubernetes"], learnerLevels: ["kubernetes": level]))
            #expect(order.prefix(2) == ["advanced-docs", "advanced-paid-book"])
            #expect(order.last == "beginner-paid-course")
        }
        for level in [2, 3] {
            let order = Self.order(
                Self.shelf, RankingContext(skills: ["kubernetes"], learnerLevels: ["kubernetes": level]))
            #expect(order.first == "intermediate-course")
        }
        let expert = Self.ranker.score(
            Self.shelf[0], for: RankingContext(skills: ["kubernetes"], learnerLevels: ["kubernetes": 5]))
        #expect(expert.reasons?.contains("Advanced level, for your experience with Kubernetes") == true)
    }

    @Test func preferringVideosLiftsVideos() {
        let resources = [
            Self.resource("a-course", type: .course), Self.resource("b-video", type: .video),
            Self.resource("c-docs", type: .docs),
        ]
        #expect(Self.order(resources, RankingContext(skills: ["kubernetes"])).first == "a-course")
        let preferring = Self.ranker.rank(
            resources, for: RankingContext(skills: ["kubernetes"], preferredTypes: [.video]))
        #expect(preferring.map(\.id) == ["b-video", "a-course", "c-docs"])
        #expect(preferring.first?.reasons?.contains("A video, as you prefer") == true)
        let either = Self.order(resources, RankingContext(skills: ["kubernetes"], preferredTypes: [.video, .docs]))
        #expect(either == ["b-video", "c-docs", "a-course"])
    }

    @Test func aPaidResourceLosesToAnEqualFreeOne() {
        let resources = [Self.resource("a-paid", free: false), Self.resource("b-free")]
        let ranked = Self.ranker.rank(resources, for: RankingContext(skills: ["kubernetes"]))
        #expect(ranked.map(\.id) == ["b-free", "a-paid"])
        #expect(ranked.last?.reasons?.contains("Paid") == true)
        #expect((ranked[0].fit ?? 0) > (ranked[1].fit ?? 0))
    }

    @Test func aResourceWhoseMainSubjectIsTheSkillBeatsOneThatMentionsIt() {
        let resources = [
            Self.resource("a-containers", skills: ["docker", "kubernetes"]),
            Self.resource("b-kubernetes", skills: ["kubernetes", "helm"]),
            Self.resource("c-devops", skills: ["linux", "ci-cd", "kubernetes"]),
        ]
        let ranked = Self.ranker.rank(resources, for: RankingContext(skills: ["kubernetes"]))
        #expect(ranked.map(\.id) == ["b-kubernetes", "a-containers", "c-devops"])
        #expect(ranked[1].reasons?.first == "Covers Kubernetes alongside Docker")
        // Asked about both, the one teaching the first asked skill as its subject leads.
        let both = Self.order(
            [Self.resource("docker-only", skills: ["docker"]), Self.resource("k8s-only")],
            RankingContext(skills: ["kubernetes", "docker"]))
        #expect(both == ["k8s-only", "docker-only"])
    }

    @Test func starsAndViewsBreakTiesAmongLiveFinds() {
        let repositories = [
            Self.resource("github:a/fewer", type: .repo, source: .github, provider: "a", stars: 5_000),
            Self.resource("github:z/more", type: .repo, source: .github, provider: "z", stars: 5_200),
        ]
        let ranked = Self.ranker.rank(repositories, for: RankingContext(skills: ["kubernetes"]))
        #expect(ranked.map(\.id) == ["github:z/more", "github:a/fewer"])
        #expect(ranked.first?.reasons?.last == "5.2k stars on GitHub")
        let videos = [
            Self.resource("youtube:a", type: .video, source: .youtube, provider: "A channel", views: 120_000),
            Self.resource("youtube:b", type: .video, source: .youtube, provider: "B channel", views: 1_300_000),
        ]
        let rankedVideos = Self.ranker.rank(videos, for: RankingContext(skills: ["kubernetes"]))
        #expect(rankedVideos.map(\.id) == ["youtube:b", "youtube:a"])
        #expect(rankedVideos.first?.reasons?.last == "1.3M views on YouTube")
    }

    @Test func aWellKnownPublisherLiftsANewLiveFind() {
        let videos = [
            Self.resource("youtube:a", type: .video, source: .youtube, provider: "Random Uploads", views: 900),
            Self.resource("youtube:b", type: .video, source: .youtube, provider: "freeCodeCamp.org", views: 900),
        ]
        let ranked = Self.ranker.rank(videos, for: RankingContext(skills: ["kubernetes"]))
        #expect(ranked.map(\.id) == ["youtube:b", "youtube:a"])
        #expect(ranked.first?.reasons?.last == "From freeCodeCamp.org, 900 views on YouTube")
        // A repository's publisher is its owner: every repository's provider is GitHub.
        let repositories = [
            Self.resource("github:someone/k8s-notes", type: .repo, source: .github, provider: "GitHub", stars: 150),
            Self.resource("github:kubernetes/examples", type: .repo, source: .github, provider: "GitHub", stars: 150),
        ]
        let rankedRepositories = Self.ranker.rank(repositories, for: RankingContext(skills: ["kubernetes"]))
        #expect(rankedRepositories.map(\.id) == ["github:kubernetes/examples", "github:someone/k8s-notes"])
        #expect(rankedRepositories.first?.reasons?.last == "From kubernetes, 150 stars on GitHub")
        // A name that merely contains a project's name is not the project.
        #expect(QualitySignals.isReputable("Python Tutorials by Joe") == false)
        #expect(QualitySignals.isReputable("TechWorld with Nana"))
        #expect(QualitySignals.isReputable("kubernetes"))
    }

    @Test func aResourceInAnotherLanguageRanksLast() {
        let resources = [
            // The perfect match, in German.
            Self.resource("perfekt", level: .beginner, type: .video, language: "de"),
            // A poor match in English: advanced, paid, Kubernetes one subject of several.
            Self.resource(
                "poor", skills: ["docker", "linux", "kubernetes"], level: .advanced, type: .book, free: false),
            // Language unknown: not held against it.
            Self.resource("unknown", language: nil),
        ]
        let context = RankingContext(skills: ["kubernetes"], preferredTypes: [.video], languages: ["en"])
        let ranked = Self.ranker.rank(resources, for: context)
        #expect(ranked.map(\.id) == ["unknown", "poor", "perfekt"])
        #expect(ranked.last?.reasons?.last == "In German, not a language you asked for")
        let alone = Self.ranker.score(
            resources[0], for: RankingContext(skills: ["kubernetes"], preferredTypes: [.video]))
        #expect(ranked.last?.fit == ((alone.fit ?? 0) * 0.5 * 1000).rounded() / 1000)
        // Read by a German speaker it leads.
        #expect(
            Self.order(
                resources, RankingContext(skills: ["kubernetes"], preferredTypes: [.video], languages: ["de", "en"])
            )
            .first == "perfekt")
    }

    @Test func theLevelFollowsTheAskedSkillTheResourceIsChosenFor() {
        // Expert in Docker, new to Kubernetes, asking about both.
        let context = RankingContext(skills: ["kubernetes", "docker"], learnerLevels: ["docker": 5])
        let advancedDocker = Self.ranker.score(
            Self.resource("docker-deep-dive", skills: ["docker"], level: .advanced), for: context)
        #expect(advancedDocker.reasons?.contains("Advanced level, for your experience with Docker") == true)
        let advancedKubernetes = Self.ranker.score(Self.resource("k8s-deep-dive", level: .advanced), for: context)
        #expect(
            advancedKubernetes.reasons?.contains(
                "Advanced level, likely too hard before the basics of Kubernetes") == true)
    }

    @Test func everyRankedResourceHasAFitInRangeAndReasons() {
        let everything =
            Self.shelf + [
                Self.resource("github:x/y", type: .repo, source: .github, stars: 1_000_000),
                Self.resource("youtube:q", type: .video, free: true, language: "fr", source: .youtube, views: 0),
            ]
        let contexts = [
            RankingContext(skills: []), RankingContext(skills: ["kubernetes"], learnerLevels: ["kubernetes": 5]),
            RankingContext(skills: ["python"], preferredTypes: [.repo], languages: ["en"]),
        ]
        for context in contexts {
            for resource in Self.ranker.rank(everything, for: context) {
                #expect((0...1).contains(resource.fit ?? -1))
                #expect((resource.reasons ?? []).count >= 3)
            }
        }
    }

    @Test func countsAreAbbreviatedForReading() {
        #expect(QualitySignals.abbreviated(950) == "950")
        #expect(QualitySignals.abbreviated(12_345) == "12.3k")
        #expect(QualitySignals.abbreviated(100_000) == "100k")
        #expect(QualitySignals.abbreviated(4_000_000) == "4M")
        #expect(QualitySignals.abbreviated(4_560_000) == "4.6M")
    }
}
