import Contracts
import Database
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SkillMatching
import Testing

@testable import JobService

@Suite struct RecommendationRouteTests {
    typealias Harness = RecommendationHarness

    /// Swift at 4, SwiftUI at 3, UIKit from 5 years (4), Xcode; iOS is implied
    /// (SwiftUI and UIKit build on it); aiming for the iOS Engineer role.
    static let iosProfile = Harness.resume(
        skills: [
            ProfileSkill(id: "swift", level: 4), ProfileSkill(id: "swiftui", level: 3),
            ProfileSkill(id: "uikit", years: 5), ProfileSkill(id: "xcode"),
        ],
        targetRoles: ["ios-engineer"])

    @Test func theIOSPostingComesFirstWithExactSkillsAndTheAnalysisScore() async throws {
        let user = UUID()
        try await FakeProfileService.run { profiles in
            profiles.setProfile(Self.iosProfile, for: user)
            try await Harness.test(profileService: profiles.baseURL) { client, pool in
                let ids = try await Harness.save(
                    pool,
                    [
                        PostingFixtures.posting(
                            externalId: "backend", title: "Backend Engineer", requiredSkills: ["go", "swift"],
                            preferredSkills: ["docker"], seniority: "mid"),
                        // Swift only preferred: with no required skill held it cannot score, so it is no candidate.
                        PostingFixtures.posting(
                            externalId: "data", title: "Data Engineer", requiredSkills: ["python"],
                            preferredSkills: ["swift"]),
                        PostingFixtures.posting(
                            externalId: "ios", title: "Senior iOS Engineer",
                            requiredSkills: ["swift", "ios", "swiftui", "combine"],
                            preferredSkills: ["xctest", "objective-c"], seniority: "senior"),
                        // Shares neither a skill nor a title word: never a candidate.
                        PostingFixtures.posting(
                            externalId: "android", title: "Android Engineer", requiredSkills: ["kotlin", "android"],
                            preferredSkills: ["java"]),
                    ])
                let page = try await Harness.recommendations(client, user: user)
                #expect(page.items.map(\.job.id) == [ids["ios"], ids["backend"]].map { $0?.uuidString.lowercased() })
                // Go missing, Swift held at 4 where mid asks 3: 100 × (0.7 × 0.5 + 0.2 × 0 + 0.1 × 1).
                #expect(page.items.last?.explanation?.skillScore == 45)
                let ios = try #require(page.items.first)
                #expect(ios.matchedSkills == ["swift", "ios", "swiftui"])
                // Missing required first; Objective-C earns half credit through Swift and is still missing.
                #expect(ios.missingSkills == ["combine", "xctest", "objective-c"])

                // The analysis' score for the same credits: Swift 4/4 and SwiftUI 3/4 at senior (4).
                let expected = MatchScoring.score(
                    required: [1, 1, 1, 0], preferred: [0, 0.5], levelRatios: [1, 0.75])
                let explanation = try #require(ios.explanation)
                #expect(explanation.skillScore == expected.value)
                #expect(explanation.skillScore == 66)
                #expect(explanation.titleSimilarity == 1)
                #expect(explanation.embeddingSimilarity == nil)
                #expect(explanation.weights["embedding"] == nil)
                #expect(Set(explanation.weights.keys) == ["skills", "title", "recency"])
                #expect(
                    explanation.reasons.starts(with: [
                        "You have 3 of 4 required skills", "You have 0 of 2 preferred skills",
                        "Missing required: Combine",
                        "Half credit for Objective-C: you know Swift, a close relative",
                        "Below the level the posting asks for in SwiftUI",
                        "Title matches your target role iOS Engineer",
                    ]))
                // The score is the documented blend of the parts.
                let parts = [
                    "skills": Double(explanation.skillScore) / 100, "title": explanation.titleSimilarity ?? 0,
                    "recency": explanation.recency ?? 0,
                ]
                let blended = 100 * parts.map { ($0.value) * (explanation.weights[$0.key] ?? 0) }.reduce(0, +)
                #expect(abs(ios.score - blended) < 0.1)
                #expect(ios.job.description == "Build things.")
                #expect(ios.job.descriptionHtml == nil)
            }
        }
    }

    @Test func closedDuplicateAndTrackedPostingsNeverAppear() async throws {
        let user = UUID()
        try await FakeProfileService.run { profiles in
            profiles.setProfile(Self.iosProfile, for: user)
            try await Harness.test(profileService: profiles.baseURL) { client, pool in
                func ios(_ id: String, source: String = "greenhouse", company: String) -> NormalizedPosting {
                    PostingFixtures.posting(
                        source: source, externalId: id, title: "iOS Engineer", company: company,
                        requiredSkills: ["swift", "ios"])
                }
                let ids = try await Harness.save(
                    pool,
                    [
                        ios("open", company: "Open"), ios("closed", company: "Closed"),
                        ios("tracked", company: "Tracked"), ios("theirs", company: "Theirs"),
                        ios("original", company: "Twice"),
                    ])
                // The same opening on a second board is a duplicate of the first.
                let duplicate = try await Harness.save(pool, [ios("copy", source: "lever", company: "Twice")])
                try await pool.query("UPDATE postings SET closed_at = now() WHERE external_id = 'closed'")
                try await Harness.track(pool, user: user, posting: try #require(ids["tracked"]))
                // Another user's application hides nothing from this one.
                try await Harness.track(pool, user: UUID(), posting: try #require(ids["theirs"]))

                let rows = try await pool.query("SELECT duplicate_of FROM postings WHERE external_id = 'copy'")
                #expect(try rows.first?.decode(UUID?.self, "duplicate_of") == ids["original"])
                let page = try await Harness.recommendations(client, user: user)
                let shown = Set(page.items.map(\.job.id))
                let expected = ["open", "theirs", "original"].compactMap { ids[$0]?.uuidString.lowercased() }
                #expect(shown == Set(expected))
                #expect(!shown.contains(try #require(duplicate["copy"]).uuidString.lowercased()))
                #expect(page.items.allSatisfy { !$0.job.closed })
            }
        }
    }

    @Test func aRemotePreferenceLiftsTheRemotePosting() async throws {
        let flexible = UUID()
        let remote = UUID()
        try await FakeProfileService.run { profiles in
            profiles.setProfile(Self.iosProfile, for: flexible)
            var wantsRemote = Self.iosProfile
            wantsRemote.careergini?.preferences = JobPreferences(remote: true)
            profiles.setProfile(wantsRemote, for: remote)
            try await Harness.test(profileService: profiles.baseURL) { client, pool in
                let now = Date()
                let ids = try await Harness.save(
                    pool,
                    [
                        PostingFixtures.posting(
                            externalId: "office", title: "iOS Engineer", company: "Office", workplace: .onsite,
                            requiredSkills: ["swift", "ios"], postedAt: now),
                        PostingFixtures.posting(
                            externalId: "remote", title: "iOS Engineer", company: "Remote", workplace: .remote,
                            requiredSkills: ["swift", "ios"], postedAt: now.addingTimeInterval(-5 * 86_400)),
                    ])
                let office = try #require(ids["office"]).uuidString.lowercased()
                let remoteJob = try #require(ids["remote"]).uuidString.lowercased()

                // Without a preference the newer posting leads.
                let plain = try await Harness.recommendations(client, user: flexible)
                #expect(plain.items.map(\.job.id) == [office, remoteJob])
                #expect(plain.items.allSatisfy { $0.explanation?.preferenceFit == nil })

                let preferring = try await Harness.recommendations(client, user: remote)
                #expect(preferring.items.map(\.job.id) == [remoteJob, office])
                let lifted = try #require(preferring.items.first?.explanation)
                #expect(lifted.preferenceFit == 1)
                #expect(lifted.reasons.contains("Remote, as you prefer"))
                #expect(
                    preferring.items.last?.explanation?.reasons.contains("On-site, though you prefer remote") == true)
            }
        }
    }

    @Test func embeddingSimilarityCountsOnlyWhenBothSidesHaveAVectorOfOneModel() async throws {
        let withVector = UUID()
        let withoutVector = UUID()
        let otherModel = UUID()
        try await FakeProfileService.run { profiles in
            for user in [withVector, withoutVector, otherModel] { profiles.setProfile(Self.iosProfile, for: user) }
            profiles.setEmbedding(model: "all-minilm", vector: [1, 0, 0], for: withVector)
            profiles.setEmbedding(model: "nomic-embed-text", vector: [1, 0, 0], for: otherModel)
            try await Harness.test(profileService: profiles.baseURL) { client, pool in
                let ids = try await Harness.save(
                    pool,
                    [
                        PostingFixtures.posting(
                            externalId: "near", title: "iOS Engineer", company: "Near",
                            requiredSkills: ["swift", "ios"]),
                        PostingFixtures.posting(
                            externalId: "plain", title: "iOS Engineer", company: "Plain",
                            requiredSkills: ["swift", "ios"]),
                    ])
                let near = try #require(ids["near"])
                try await Harness.storeVector(pool, posting: near, model: "all-minilm", vector: [0.8, 0.6, 0])

                let page = try await Harness.recommendations(client, user: withVector)
                let nearItem = try #require(page.items.first { $0.job.id == near.uuidString.lowercased() })
                let nearExplanation = try #require(nearItem.explanation)
                #expect(nearExplanation.embeddingSimilarity == 0.8)
                #expect(nearExplanation.weights["embedding"] == MatchScoring.rounded(0.15 / 0.9))
                #expect(nearExplanation.reasons.contains("Your profile and this posting read alike (similarity 0.80)"))
                let plainItem = try #require(page.items.first { $0.job.id != near.uuidString.lowercased() })
                #expect(plainItem.explanation?.embeddingSimilarity == nil)
                #expect(plainItem.explanation?.weights["embedding"] == nil)

                for user in [withoutVector, otherModel] {
                    let page = try await Harness.recommendations(client, user: user)
                    #expect(page.items.count == 2)
                    #expect(page.items.allSatisfy { $0.explanation?.embeddingSimilarity == nil })
                }
            }
        }
    }

    @Test func limitBoundsThePageAndBadLimitsAreRefused() async throws {
        let user = UUID()
        try await FakeProfileService.run { profiles in
            profiles.setProfile(Self.iosProfile, for: user)
            try await Harness.test(profileService: profiles.baseURL) { client, pool in
                try await Harness.save(
                    pool,
                    (1...23).map { index in
                        PostingFixtures.posting(
                            externalId: "ios-\(index)", title: "iOS Engineer", company: "Company \(index)",
                            requiredSkills: ["swift"], postedAt: Date().addingTimeInterval(Double(-index) * 3_600))
                    })
                #expect(try await Harness.recommendations(client, user: user).items.count == 20)
                #expect(try await Harness.recommendations(client, user: user, query: "?limit=3").items.count == 3)
                #expect(try await Harness.recommendations(client, user: user, query: "?limit=50").items.count == 23)
                for bad in ["0", "51", "ten", "-1"] {
                    try await client.execute(
                        uri: "/jobs/recommendations?limit=\(bad)", method: .get,
                        headers: RecommendationHarness.Harness.headers(user: user)
                    ) { response in
                        #expect(response.status == .badRequest)
                        let problem = try RecommendationHarness.Harness.decode(Problem.self, response)
                        #expect(problem.errors?.first?.pointer == "/limit")
                    }
                }
            }
        }
    }

    @Test func profileServiceDownIs503AndNoProfileIs422() async throws {
        let user = UUID()
        let empty = UUID()
        // profile-service at a closed port.
        try await Harness.test { client, _ in
            try await client.execute(
                uri: "/jobs/recommendations", method: .get, headers: RecommendationHarness.Harness.headers(user: user)
            ) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
                let problem = try RecommendationHarness.Harness.decode(Problem.self, response)
                #expect(problem.detail?.contains("profile-service is unavailable") == true)
            }
        }
        try await FakeProfileService.run { profiles in
            profiles.setProfile(Harness.resume(skills: []), for: empty)
            try await Harness.test(profileService: profiles.baseURL) { client, _ in
                for someone in [user, empty] {
                    try await client.execute(
                        uri: "/jobs/recommendations", method: .get,
                        headers: RecommendationHarness.Harness.headers(user: someone)
                    ) { response in
                        #expect(response.status == .unprocessableContent)
                        let problem = try RecommendationHarness.Harness.decode(Problem.self, response)
                        #expect(problem.detail?.hasPrefix("add skills or a target role to your profile first") == true)
                    }
                }
                // Each call acted for the user it was made for.
                #expect(profiles.requests.contains { $0.path == "/profile" && $0.user == empty })
                try await client.execute(
                    uri: "/jobs/recommendations", method: .get,
                    headers: RecommendationHarness.Harness.headers(user: nil)
                ) { response in
                    #expect(response.status == .unauthorized)
                }
            }
        }
    }

    @Test func aTitleAloneFindsPostingsWhenTheProfileHasNoSkills() async throws {
        let user = UUID()
        try await FakeProfileService.run { profiles in
            profiles.setProfile(Harness.resume(skills: [], label: "Backend Developer"), for: user)
            try await Harness.test(profileService: profiles.baseURL) { client, pool in
                let ids = try await Harness.save(
                    pool,
                    [
                        PostingFixtures.posting(
                            externalId: "split", title: "Senior Back-End Engineer", requiredSkills: ["go"]),
                        PostingFixtures.posting(
                            externalId: "other", title: "Product Designer", requiredSkills: ["figma"]),
                    ])
                let page = try await Harness.recommendations(client, user: user)
                #expect(page.items.map(\.job.id) == [ids["split"]?.uuidString.lowercased()])
                let explanation = try #require(page.items.first?.explanation)
                #expect(explanation.titleSimilarity == 1)
                #expect(explanation.skillScore == 0)
                #expect(explanation.reasons.contains("Title matches your headline Backend Developer"))
            }
        }
    }
}
