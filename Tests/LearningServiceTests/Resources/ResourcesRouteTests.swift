import Contracts
import Database
import Foundation
import HTTPTypes
import HummingbirdTesting
import RedisKit
import ServiceKit
import TestSupport
import Testing

@testable import LearningService

@Suite struct ResourcesRouteTests {
    typealias Harness = ResourcesRouteHarness

    /// Kubernetes at every level, type, cost and language, plus one Docker course.
    static let fixtures = [
        Harness.resource("k8s-basics", level: .beginner, type: .course),
        Harness.resource("k8s-video", level: .beginner, type: .video),
        Harness.resource("k8s-paid-course", level: .beginner, type: .course, free: false),
        Harness.resource("k8s-patterns", level: .intermediate, type: .book),
        Harness.resource("k8s-internals", level: .advanced, type: .docs),
        Harness.resource("k8s-auf-deutsch", level: .beginner, type: .video, language: "de"),
        Harness.resource("docker-basics", skills: ["docker"], level: .beginner, type: .course),
    ]

    @Test func filtersAreHardAndTheSkillIsReadAsTheTaxonomyNamesIt() async throws {
        try await Harness.test { harness in
            try await harness.only(Self.fixtures)
            let all = try await harness.page("/learning/resources?skill=k8s").page
            #expect(all.skills == ["kubernetes"])
            #expect(all.total == 6)
            #expect(Set(all.items.map(\.id)) == Set(Self.fixtures.map(\.id)).subtracting(["docker-basics"]))
            for item in all.items {
                #expect((0...1).contains(item.fit ?? -1))
                #expect(!(item.reasons ?? []).isEmpty)
            }

            let beginnerFreeVideos = try await harness.page(
                "/learning/resources?skill=Kubernetes&level=beginner&type=video&free=true"
            ).page
            #expect(Set(beginnerFreeVideos.items.map(\.id)) == ["k8s-video", "k8s-auf-deutsch"])
            let english = try await harness.page("/learning/resources?skill=kubernetes&type=video&lang=EN").page
            #expect(english.items.map(\.id) == ["k8s-video"])
            let paid = try await harness.page("/learning/resources?skill=kubernetes&free=false").page
            #expect(paid.items.map(\.id) == ["k8s-paid-course"])
            let advanced = try await harness.page("/learning/resources?skill=kubernetes&level=advanced").page
            #expect(advanced.items.map(\.id) == ["k8s-internals"])

            let two = try await harness.page("/learning/resources?skill=docker,kubernetes&limit=2").page
            #expect(two.skills == ["docker", "kubernetes"])
            #expect(two.total == 7)
            // Docker asked first: its own course leads.
            #expect(two.items.map(\.id).first == "docker-basics")
            #expect(two.items.count == 2)
        }
    }

    @Test func malformedParametersAre400NamingEachAndAnUnknownSkillIs422() async throws {
        try await Harness.test { harness in
            let bad = try await harness.get(
                "/learning/resources?skill=kubernetes&level=expert&type=podcast&free=maybe&lang=english"
                    + "&prefer=video,podcast&limit=0")
            #expect(bad.status == .badRequest)
            #expect(bad.headers[.contentType] == "application/problem+json")
            let problem = try LearningServiceHarness.decode(Problem.self, bad)
            #expect(
                problem.errors?.map(\.pointer) == ["/level", "/type", "/free", "/lang", "/prefer", "/limit"])

            let unknown = try await harness.get("/learning/resources?skill=kubernetes,underwater-basketry")
            #expect(unknown.status == .unprocessableContent)
            let unknownProblem = try LearningServiceHarness.decode(Problem.self, unknown)
            #expect(unknownProblem.detail?.contains("'underwater-basketry' is not a skill we know") == true)
            #expect(unknownProblem.errors?.map(\.pointer) == ["/skill"])

            let tooMany = try await harness.get(
                "/learning/resources?skill=python,go,java,rust,swift,kotlin,ruby,php,scala,elixir,haskell")
            #expect(tooMany.status == .badRequest)
            #expect(try await harness.get("/learning/resources?limit=51").status == .badRequest)
            #expect(try await harness.get("/learning/resources?limit=twenty").status == .badRequest)
        }
    }

    @Test func theLearnersLevelFromTheirProfileDecidesTheLevelThatLeads() async throws {
        let expert = UUID()
        let newcomer = UUID()
        let practised = UUID()
        try await FakeProfileSkills.run { profiles in
            profiles.setSkills(["kubernetes": 5, "docker": 4], for: expert)
            profiles.setSkills(["docker": 2], for: newcomer)
            // Held without a level: counts as used (2), so intermediate suits.
            profiles.setSkills(["kubernetes": nil], for: practised)
            try await Harness.test(extra: ["PROFILE_SERVICE_URL": profiles.baseURL]) { harness in
                try await harness.only(Self.fixtures)
                let uri = "/learning/resources?skill=kubernetes&lang=en"
                let forExpert = try await harness.page(uri, user: expert).page
                #expect(forExpert.items.first?.id == "k8s-internals")
                #expect(
                    forExpert.items.first?.reasons?.contains("Advanced level, for your experience with Kubernetes")
                        == true)
                let forNewcomer = try await harness.page(uri, user: newcomer).page
                #expect(forNewcomer.items.first?.level == .beginner)
                #expect(forNewcomer.items.first?.free == true)
                let forPractised = try await harness.page(uri, user: practised).page
                #expect(forPractised.items.first?.id == "k8s-patterns")
                // Acting for no user: ranked as for a newcomer, and the profile isn't asked.
                let anonymous = try await harness.page(uri).page
                #expect(anonymous.items.map(\.id) == forNewcomer.items.map(\.id))
                // Levels read lately are used again: paging or a new filter doesn't ask again.
                _ = try await harness.page("/learning/resources?skill=kubernetes&limit=2", user: expert)
                #expect(profiles.requests == [expert, newcomer, practised])
            }
        }
    }

    @Test func profileServiceDownOrFailingStillAnswersAsForANewcomer() async throws {
        let user = UUID()
        // The harness points PROFILE_SERVICE_URL at a closed port.
        try await Harness.test { harness in
            try await harness.only(Self.fixtures)
            let answer = try await harness.page("/learning/resources?skill=kubernetes&lang=en", user: user).page
            #expect(answer.items.first?.level == .beginner)
        }
        try await FakeProfileSkills.run { profiles in
            profiles.setSkills(["kubernetes": 5], for: user)
            profiles.setFailing(true)
            try await Harness.test(extra: ["PROFILE_SERVICE_URL": profiles.baseURL]) { harness in
                try await harness.only(Self.fixtures)
                let answer = try await harness.page("/learning/resources?skill=kubernetes&lang=en", user: user).page
                #expect(answer.items.first?.level == .beginner)
                // A failure is remembered a few seconds, then profile-service is asked again.
                profiles.setFailing(false)
                _ = try await harness.page("/learning/resources?skill=kubernetes&lang=en", user: user)
                #expect(profiles.requests == [user])
                try await Task.sleep(for: ResourceLister.levelsRetryAfterFailure + .milliseconds(200))
                let recovered = try await harness.page("/learning/resources?skill=kubernetes&lang=en", user: user)
                #expect(recovered.page.items.first?.level == .advanced)
                #expect(profiles.requests == [user, user])
            }
        }
    }

    @Test func anAnswerIsCachedUnderItsCanonicalFormUntilTheResourcesChange() async throws {
        try await Harness.test { harness in
            try await harness.only(Self.fixtures)
            let first = try await harness.page("/learning/resources?skill=k8s&prefer=video,book")
            #expect(!first.fromCache)
            // The same request spelled differently, unknown parameters ignored.
            let second = try await harness.cachedPage(
                "/learning/resources?skill=Kubernetes&prefer=book&prefer=VIDEO&limit=20&colour=blue")
            #expect(second.fromCache)
            #expect(second.body == first.body)
            let generation = try #require(await harness.cache.generation())
            let query = try ResourceListQueryTests.query(["skill": ["kubernetes"], "prefer": ["video", "book"]])
            let entry = harness.cache.entryKey(
                query.cacheKey(query.rankingContext(learnerLevels: [:])), generation: generation)
            let ttl = try #require(try await harness.redis.timeToLive(entry))
            #expect(ttl > .seconds(240) && ttl <= .seconds(300))

            // Changed behind the cache's back: the cached answer still stands.
            _ = try await harness.database.pool.query("DELETE FROM resources WHERE key = 'k8s-video'")
            #expect(try await harness.cachedPage("/learning/resources?skill=kubernetes&prefer=video,book").fromCache)

            // A write through the store (as the catalogue and live providers write) invalidates.
            _ = try await harness.store.save([
                Harness.resource("k8s-live", type: .video, source: .youtube, views: 50_000)
            ])
            let third = try await harness.page("/learning/resources?skill=kubernetes&prefer=video,book")
            #expect(!third.fromCache)
            #expect(third.page.items.contains { $0.id == "k8s-live" })
            #expect(!third.page.items.contains { $0.id == "k8s-video" })
            // Saving the same again changes nothing, so the cache stays.
            _ = try await harness.store.save([
                Harness.resource("k8s-live", type: .video, source: .youtube, views: 50_000)
            ])
            #expect(try await harness.cachedPage("/learning/resources?skill=kubernetes&prefer=video,book").fromCache)
        }
    }

    @Test func learnersAtTheSameLevelShareACacheEntryAndOthersDoNot() async throws {
        let two = UUID()
        let three = UUID()
        let five = UUID()
        try await FakeProfileSkills.run { profiles in
            profiles.setSkills(["kubernetes": 2], for: two)
            profiles.setSkills(["kubernetes": 3, "python": 5], for: three)
            profiles.setSkills(["kubernetes": 5], for: five)
            try await Harness.test(extra: ["PROFILE_SERVICE_URL": profiles.baseURL]) { harness in
                try await harness.only(Self.fixtures)
                let uri = "/learning/resources?skill=kubernetes"
                #expect(try await !harness.page(uri, user: two).fromCache)
                // Levels 2 and 3 both suit intermediate resources; Python isn't asked about.
                #expect(try await harness.cachedPage(uri, user: three).fromCache)
                let expert = try await harness.page(uri, user: five)
                #expect(!expert.fromCache)
                #expect(expert.page.items.first?.id == "k8s-internals")
                // A newcomer and a call for no user share the newcomer's entry.
                #expect(try await !harness.page(uri, user: UUID()).fromCache)
                #expect(try await harness.cachedPage(uri).fromCache)
            }
        }
    }

    @Test func withRedisDownResourcesAnswerFromPostgreSQL() async throws {
        try await Harness.test(extra: ["REDIS_URL": "redis://127.0.0.1:\(FreePort.find())/0"]) { harness in
            try await harness.only(Self.fixtures)
            for _ in 0..<3 {
                let answer = try await harness.page("/learning/resources?skill=kubernetes&lang=en")
                #expect(!answer.fromCache)
                #expect(answer.page.items.first?.id == "k8s-basics")
            }
        }
    }

    @Test func withoutASkillTheListIsABrowseRankedAsForANewcomer() async throws {
        let user = UUID()
        try await FakeProfileSkills.run { profiles in
            profiles.setSkills(["kubernetes": 5], for: user)
            try await Harness.test(extra: ["PROFILE_SERVICE_URL": profiles.baseURL]) { harness in
                try await harness.only(Self.fixtures)
                let browse = try await harness.page("/learning/resources?lang=en", user: user).page
                #expect(browse.skills == [])
                #expect(browse.total == 6)
                #expect(browse.items.first?.level == .beginner)
                #expect(browse.items.last?.id == "k8s-internals")
                #expect(profiles.requests.isEmpty)
            }
        }
    }

    @Test func acceptLanguageRanksResourcesInOtherLanguagesLast() async throws {
        try await Harness.test { harness in
            try await harness.only(Self.fixtures)
            let german = try await harness.page(
                "/learning/resources?skill=kubernetes&type=video",
                headers: [.acceptLanguage: "de-DE, de;q=0.9"]
            ).page
            #expect(german.items.map(\.id) == ["k8s-auf-deutsch", "k8s-video"])
            #expect(german.items.last?.reasons?.contains("In English, not a language you asked for") == true)
            let english = try await harness.page(
                "/learning/resources?skill=kubernetes&type=video", headers: [.acceptLanguage: "en-GB,en;q=0.8"]
            ).page
            #expect(english.items.map(\.id) == ["k8s-video", "k8s-auf-deutsch"])
        }
    }
}
