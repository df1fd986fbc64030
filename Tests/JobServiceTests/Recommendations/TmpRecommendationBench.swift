import Contracts
import CurlHTTP
import Database
import Foundation
import ServiceKit
import Taxonomy
import TestSupport
import Testing

@testable import JobService

@Suite struct TmpRecommendationBench {
    @Test func bench() async throws {
        guard let url = ProcessInfo.processInfo.environment["REC_BENCH_DB"] else { return }
        let pool = DatabasePool(
            configuration: DatabaseConfiguration(
                url: url, minConnections: 1, maxConnections: 4, searchPath: ["jobs"], applicationName: "bench"),
            logger: TestEnvironment.logger)
        let http = CurlHTTPClient()
        let user = UUID(uuidString: "11111111-1111-1111-1111-111111111111")!
        let profiles: [(String, Resume)] = [
            ("ios", RecommendationRouteTests.iosProfile),
            (
                "backend",
                RecommendationHarness.resume(
                    skills: ["python", "sql", "postgresql", "docker", "git"].map { ProfileSkill(id: $0, level: 3) },
                    targetRoles: ["backend-engineer"],
                    preferences: JobPreferences(locations: ["Berlin"], remote: true, salaryMin: 90000))
            ),
        ]
        var vector = (0..<384).map { _ in Float.random(in: -0.5...0.5) }
        let norm = vector.map { $0 * $0 }.reduce(0, +).squareRoot()
        vector = vector.map { $0 / norm }
        try await FakeProfileService.run { fake in
            let recommender = Recommender(
                store: RecommendationStore(database: pool),
                profiles: ProfileServiceClient(
                    client: InternalServiceClient(
                        service: "profile-service", baseURL: fake.baseURL, http: http,
                        tokens: try InternalTokens(
                            secret: Array(TestEnvironment.internalSecret.utf8), service: "job-service"),
                        timeout: .seconds(2))),
                taxonomy: try Taxonomy.bundled())
            let identity = RequestIdentity(userId: user, roles: ["user"], service: "gateway")
            for (name, resume) in profiles {
                for withVector in [false, true] {
                    fake.setProfile(resume, for: user)
                    if withVector { fake.setEmbedding(model: "all-minilm", vector: vector, for: user) }
                    var times: [Double] = []
                    var count = 0
                    for _ in 0..<40 {
                        let start = ContinuousClock.now
                        let page = try await recommender.recommend(for: identity, limit: 20)
                        let elapsed = ContinuousClock.now - start
                        times.append(
                            Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
                        count = page.items.count
                    }
                    times.sort()
                    // split
                    let clock = ContinuousClock()
                    let profile = RecommendationProfile(resume: resume, taxonomy: try Taxonomy.bundled())
                    let store = RecommendationStore(database: pool)
                    var candidates: [RecommendationCandidate] = []
                    let sql = try await clock.measure {
                        candidates = try await store.candidates(
                            userId: user, skills: recommender.searchedSkills(profile),
                            titleQuery: TitleSimilarity.searchQuery(profile.titles))
                    }
                    let scorer = RecommendationScorer(taxonomy: try Taxonomy.bundled(), profile: profile, now: Date())
                    var memo = ScoringMemo()
                    var ranked: [RecommendationScorer.Scored] = []
                    let scoring = clock.measure {
                        ranked = candidates.map { scorer.score($0, memo: &memo) }.sorted(by: RecommendationScorer.ranks)
                    }
                    let cos = try await clock.measure {
                        _ = try await store.cosines(
                            ids: ranked.prefix(100).map(\.candidate.id), vector: vector, model: "all-minilm")
                    }
                    let jobs = try await clock.measure {
                        _ = try await store.jobs(ids: ranked.prefix(25).map(\.candidate.id))
                    }
                    let fetch = try await clock.measure {
                        _ = try await ProfileServiceClient(
                            client: InternalServiceClient(
                                service: "profile-service", baseURL: fake.baseURL, http: http,
                                tokens: try InternalTokens(
                                    secret: Array(TestEnvironment.internalSecret.utf8), service: "job-service"),
                                timeout: .seconds(2))
                        ).profile(for: identity)
                    }
                    print(
                        "SPLIT \(name) candidates=\(candidates.count) sql=\(sql) scoring=\(scoring) cosine=\(cos) jobs=\(jobs) profile=\(fetch)"
                    )
                    print(
                        "BENCH \(name) vector=\(withVector) items=\(count) min=\(times[0]) p50=\(times[20]) p95=\(times[37]) max=\(times[39])"
                    )
                }
            }
        }
        http.shutdown()
        await pool.close()
    }
}
