import Contracts
import Foundation
import HTTPTypes
import ServiceKit
import Taxonomy

/// `GET /jobs/recommendations` for one user, in four steps:
///
/// 1. Together: the profile and its vector from profile-service (a missing
///    vector only leaves the embedding part out), the postings the user
///    tracks, and the current posting index.
/// 2. Candidates from the index: recent open postings requiring a skill the
///    person holds (or one their skills imply), or whose title names a word
///    of their target titles; never one they track (`CandidatePools`).
/// 3. Every candidate scored in memory without the embedding part; the best
///    `rerankCount` then get their cosine similarity from the database and are
///    scored again with it.
/// 4. The page's jobs read in one query (with a vector: those of the best
///    `rerankCount`, read while their cosines are computed).
struct Recommender: Sendable {
    let store: RecommendationStore
    let index: PostingIndex
    let profiles: ProfileServiceClient
    let taxonomy: Taxonomy

    /// How many of the best candidates the embedding part may reorder: more
    /// than the default page, so a posting it lifts can still reach the page
    /// (a larger page re-ranks itself and its spares). Each cosine costs about
    /// 0.15 ms in PostgreSQL.
    static let rerankCount = 50
    static let defaultLimit = 20
    static let maximumLimit = 50

    static let noProfile = ServiceError(
        .unprocessableContent,
        detail:
            "add skills or a target role to your profile first: recommendations match postings against them")

    func recommend(
        for identity: RequestIdentity, limit: Int, now: Date = Date()
    ) async throws
        -> JobRecommendationPage
    {
        let userId = try identity.requireUser()
        async let resumeAnswer = profiles.profile(for: identity)
        async let vectorAnswer = profileVector(for: identity)
        async let trackedAnswer = store.trackedPostings(userId: userId)
        async let snapshotAnswer = index.current()
        guard let resume = try await resumeAnswer else { throw Self.noProfile }
        let profile = RecommendationProfile(resume: resume, taxonomy: taxonomy)
        guard !profile.isEmpty else { throw Self.noProfile }

        let scorer = RecommendationScorer(taxonomy: taxonomy, profile: profile, now: now)
        let candidates = CandidatePools.candidates(
            in: try await snapshotAnswer, skills: searchedSkills(profile),
            titleWords: TitleSimilarity.searchedWords(profile.titles), excluding: try await trackedAnswer)
        var memo = ScoringMemo()
        // Only the best are ever read: those the embedding re-ranks, and the page with a few spare.
        var ranked = RecommendationScorer.best(
            candidates.map { scorer.score($0, memo: &memo) }, count: max(Self.rerankCount, limit + 5))

        // A few spare in case one closed since step 2.
        let chosen: ArraySlice<RecommendationScorer.Scored>
        let jobs: [UUID: Job]
        if let vector = await vectorAnswer, !vector.vector.isEmpty, !ranked.isEmpty {
            // The page comes from the re-ranked ones: their jobs are read while the cosines are computed.
            let best = ranked.prefix(max(Self.rerankCount, limit + 5))
            async let cosineAnswer = store.cosines(
                ids: best.map(\.candidate.id), vector: vector.vector, model: vector.model)
            async let jobsAnswer = store.jobs(ids: best.map(\.candidate.id))
            let cosines = try await cosineAnswer
            let rescored = best.map { scored in
                cosines[scored.candidate.id].map { scorer.adding(cosine: $0, to: scored) } ?? scored
            }
            ranked = rescored.sorted(by: RecommendationScorer.ranks) + ranked.dropFirst(best.count)
            chosen = ranked.prefix(limit + 5)
            jobs = try await jobsAnswer
        } else {
            chosen = ranked.prefix(limit + 5)
            jobs = try await store.jobs(ids: chosen.map(\.candidate.id))
        }
        let items = chosen.compactMap { scored in
            jobs[scored.candidate.id].map { scorer.recommendation(scored, job: $0) }
        }
        return JobRecommendationPage(items: Array(items.prefix(limit)))
    }

    /// The profile's vector; nil when there is none or profile-service could
    /// not give it in time: recommendations then go without the embedding part.
    private func profileVector(for identity: RequestIdentity) async -> ProfileServiceClient.ProfileEmbedding? {
        try? await profiles.embedding(for: identity)
    }

    /// Held skills and the skills they imply: a posting requiring either is a candidate.
    func searchedSkills(_ profile: RecommendationProfile) -> [String] {
        var skills = profile.heldSkills
        var seen = Set(skills)
        for id in profile.heldSkills {
            for prerequisite in taxonomy.prerequisiteChain(of: id) where seen.insert(prerequisite).inserted {
                skills.append(prerequisite)
            }
        }
        return skills
    }
}
