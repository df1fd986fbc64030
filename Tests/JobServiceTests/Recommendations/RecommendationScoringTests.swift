import Contracts
import Foundation
import SkillMatching
import Taxonomy
import Testing

@testable import JobService

@Suite struct RecommendationScoringTests {
    static let taxonomy = try! Taxonomy.bundled()

    static func profile(
        _ skills: [ProfileSkill], roles: [String] = [], resumeSkills: [Resume.SkillGroup]? = nil
    )
        -> RecommendationProfile
    {
        var resume = RecommendationHarness.resume(skills: skills, targetRoles: roles)
        resume.skills = resumeSkills
        return RecommendationProfile(resume: resume, taxonomy: taxonomy)
    }

    @Test func heldSkillsAndLevelsAreReadAsTheAnalysisReadsThem() {
        let profile = Self.profile(
            [ProfileSkill(id: "Golang", level: 9), ProfileSkill(id: "python", years: 2.5), ProfileSkill(id: "docker")],
            resumeSkills: [
                Resume.SkillGroup(
                    name: "Databases", level: "Advanced", keywords: ["PostgreSQL", "Docker & Kubernetes"])
            ])
        // Aliases resolve; levels clamp to 5; years map through ExperienceLevels.
        #expect(profile.heldSkills == ["go", "python", "docker", "postgresql", "kubernetes"])
        // A stated level wins over the skill group's proficiency word; unknown levels stay unknown.
        #expect(profile.levels == ["go": 5, "python": 3, "docker": 4, "postgresql": 4, "kubernetes": 4])
    }

    @Test func theSkillScoreIsTheAnalysisScoreForTheSameCredits() {
        let scorer = SkillFitScorer(
            taxonomy: Self.taxonomy,
            profile: Self.profile([ProfileSkill(id: "postgresql", level: 2), ProfileSkill(id: "docker", level: 5)]))
        var memo = ScoringMemo()
        // SQL is implied by PostgreSQL; CockroachDB is its close relative (half);
        // MySQL shares only a prerequisite (nothing). Lead asks 4: PostgreSQL 2/4, Docker 5/4 → 1.
        let fit = scorer.fit(
            required: ["sql", "postgresql", "cockroachdb", "docker"], preferred: ["mysql"], seniority: "lead",
            memo: &memo)
        let expected = MatchScoring.score(required: [1, 1, 0.5, 1], preferred: [0], levelRatios: [0.5, 1])
        #expect(fit.score == expected)
        #expect(fit.matched == ["sql", "postgresql", "docker"])
        #expect(fit.missing == ["cockroachdb", "mysql"])
        #expect(fit.belowLevel == ["postgresql"])
        #expect((fit.requiredHeld, fit.requiredCount, fit.preferredHeld, fit.preferredCount) == (3, 4, 0, 1))
        #expect(memo.credits == ["sql": 1, "postgresql": 1, "cockroachdb": 0.5, "docker": 1, "mysql": 0])
        // Preferred skills need a level less; "director" names no level, so no ratios.
        let preferred = scorer.fit(required: [], preferred: ["postgresql"], seniority: "senior", memo: &memo)
        #expect(preferred.score.levelFit == MatchScoring.rounded(2.0 / 3.0))
        let unlevelled = scorer.fit(required: ["postgresql"], preferred: [], seniority: "director", memo: &memo)
        #expect(unlevelled.score.levelFit == nil)
    }

    @Test func missingPartsShareTheirWeightInProportion() {
        let all = RecommendationWeights.blend([
            .skills: 1, .title: 1, .embedding: 1, .preferences: 1, .recency: 1,
        ])
        #expect(all.score == 100)
        #expect(all.weights == ["skills": 0.55, "title": 0.15, "embedding": 0.15, "preferences": 0.1, "recency": 0.05])
        let some = RecommendationWeights.blend([.skills: 0.66, .recency: 0.5])
        #expect(
            some.weights == ["skills": MatchScoring.rounded(0.55 / 0.6), "recency": MatchScoring.rounded(0.05 / 0.6)])
        #expect(some.score == ((0.55 * 0.66 + 0.05 * 0.5) / 0.6 * 1_000).rounded() / 10)
        let now = Date()
        #expect(RecommendationWeights.recency(postedAt: now, now: now) == 1)
        #expect(
            abs(RecommendationWeights.recency(postedAt: now.addingTimeInterval(-30 * 86_400), now: now) - 0.5) < 1e-9)
        #expect(RecommendationWeights.embeddingPart(cosine: -0.3) == 0)
    }

    @Test func cosinesReadTheStoredVectorAsPostgreSQLPrintsIt() throws {
        let vector: [Float] = [0.6, 0.8, 0]
        #expect(abs(try #require(RecommendationStore.cosine(vector, "0.6,0.8,0")) - 1) < 1e-6)
        #expect(RecommendationStore.cosine(vector, "0,0,1") == 0)
        // Opposite, at half the length: the cosine ignores length.
        #expect(abs(try #require(RecommendationStore.cosine(vector, "-3e-1,-4e-01,0")) + 1) < 1e-6)
        // Another length, nothing to compare, or text that is not numbers: no similarity.
        for text in ["0.6,0.8", "0.6,0.8,0,1", "0,0,0", "a,b,c", ""] {
            #expect(RecommendationStore.cosine(vector, text) == nil)
        }
    }

    @Test func titlesCompareAsTheRoleMatcherReadsThem() throws {
        let profile = Self.profile([], roles: ["ios-engineer", "product-manager"])
        let titles = TitleSimilarity(profile.titles)
        let senior = try #require(titles.match("Sr. iOS Developer"))
        #expect(senior.similarity == 1)
        #expect(senior.phrase.roleTitle == "iOS Engineer")
        // Only a generic word in common counts for nothing.
        #expect(titles.match("Engineering Manager")?.similarity == 0)
        let partial = try #require(titles.match("iOS Platform Engineer"))
        #expect(partial.similarity == 2.0 / 3.0)
        #expect(TitleSimilarity(Self.profile([]).titles).match("iOS Engineer") == nil)
        // Aliases refine the score but are not searched.
        let backend = Self.profile([], roles: ["backend-engineer"])
        #expect(TitleSimilarity.searchedWords(backend.titles) == ["backend"])
        #expect(TitleSimilarity.searchedWords(profile.titles) == ["ios", "product"])
        // The prefilter's byte search: anywhere, at the ends, not past them.
        for (title, word, found) in [
            ("senior ios engineer", "ios", true), ("ios", "ios", true), ("io", "ios", false),
            ("engineer, ios", "ios", true), ("iso engineer", "ios", false),
        ] {
            #expect(TitleSimilarity.bytes(Array(title.utf8), contain: Array(word.utf8)) == found)
        }
    }

    @Test func preferencesCountOnlyWhenBothSidesSaySomething() {
        let posting = RecommendationCandidate(
            title: "iOS Engineer", workplace: .hybrid, locations: ["Berlin, Germany"], salaryAnnualMin: 120_000,
            salaryAnnualMax: 150_000, salaryCurrency: "EUR", employmentType: "full_time")
        let all = PreferenceFit.of(
            posting,
            wanted: .init(
                JobPreferences(
                    locations: ["Berlin"], remote: true, salaryMin: 110_000, salaryCurrency: "eur",
                    jobTypes: ["contract"])))
        #expect(
            all.reasons == [
                "Hybrid: partly remote, and you prefer remote",
                "In Berlin, Germany, matching your preferred location Berlin",
                "Salary 120–150k EUR meets your 110k minimum",
                "Full-time, not one of the job types you prefer",
            ])
        let mean: Double = (0.5 + 1 + 1 + 0) / 4
        #expect(all.value == mean)

        let short = PreferenceFit.salary(
            RecommendationCandidate(title: "x", salaryAnnualMax: 99_000, salaryCurrency: "USD"), minimum: 110_000,
            currency: nil)
        #expect(short?.reason == "Salary up to 99k USD is below your 110k minimum")
        #expect(abs((short?.value ?? 0) - (1 - 2 * 11.0 / 110)) < 1e-9)
        // Another currency does not compare; nor does a posting without a salary.
        #expect(PreferenceFit.salary(posting, minimum: 100_000, currency: "USD") == nil)
        #expect(PreferenceFit.salary(RecommendationCandidate(title: "x"), minimum: 100_000, currency: nil) == nil)

        let remote = RecommendationCandidate(title: "x", workplace: .remote, locations: ["Lisbon"])
        let remoteFit = PreferenceFit.of(remote, wanted: .init(JobPreferences(locations: ["Berlin"], remote: true)))
        #expect(remoteFit == PreferenceFit(value: 1, reasons: ["Remote, as you prefer"]))
        let elsewhere = PreferenceFit.of(posting, wanted: .init(JobPreferences(locations: ["Munich", "Remote"])))
        #expect(
            elsewhere == PreferenceFit(value: 0, reasons: ["In Berlin, Germany, not one of your preferred locations"]))
        #expect(PreferenceFit.of(posting, wanted: .init(JobPreferences(remote: false))).value == nil)
        #expect(PreferenceFit.thousands(92_500) == "92.5k")
    }
}

extension RecommendationScoringTests {
    /// The text search that settles most titles early gives exactly what comparing every title's words gives.
    @Test func titleSimilarityMatchesTheWordByWordComparison() throws {
        let profile = Self.profile([], roles: ["ios-engineer", "backend-engineer", "data-scientist"])
        let titles = TitleSimilarity(profile.titles)
        let phraseWords = profile.titles.map { Set(RoleTitleMatcher.words($0.text)) }
        let samples =
            try SamplePostings.bundled().map(\.title) + [
                "Back-End Developer", "Sr. iOS Dev", "Engineer II", "Ingénieur iOS", "BACKEND", "Full Stack Engineer",
                "Data Scientist, Growth", "Engineer", "",
            ]
        for title in samples {
            let words = Set(RoleTitleMatcher.words(title))
            let expected =
                phraseWords.map { phrase in
                    max(
                        TitleSimilarity.overlap(words, phrase),
                        TitleSimilarity.overlap(
                            TitleSimilarity.withoutSeniority(words), TitleSimilarity.withoutSeniority(phrase)))
                }
                .max() ?? 0
            #expect(titles.match(title)?.similarity == expected, "\(title)")
        }
        #expect(samples.count > 100)
    }
}
