import Contracts
import Foundation
import Logging
import ServiceKit

/// `GET /learning/resources`' work: the catalogue in place and live finds
/// fresh, the learner's levels in the asked skills, then the ranked page,
/// from the cache when an identical request (however spelled) by a learner
/// at the same levels was answered since the resources last changed, else
/// from PostgreSQL in one query and ranked in memory, then cached.
struct ResourceLister: Sendable {
    /// A response body and whether the cache supplied it.
    struct Answer: Sendable {
        var body: [UInt8]
        var fromCache: Bool
    }

    let store: ResourceStore
    let catalogue: CatalogueSync
    /// Live providers; nil when none is configured.
    let discovery: (any ResourceDiscovery)?
    let profiles: ProfileSkillsClient
    let cache: ResourceListCache
    let ranker: ResourceRanker
    let logger: Logger
    /// Levels read lately, by user: a learner paging or changing filters
    /// doesn't wait on profile-service each time.
    let recentLevels = ExpiringCache<[String: Int]>()
    /// How long levels read are used: a level that changes shows this much later.
    static let levelsTTL: Duration = .seconds(30)
    /// How long a learner is ranked as a newcomer after profile-service failed
    /// them: a hung profile-service costs each learner one timeout, not one per request.
    static let levelsRetryAfterFailure: Duration = .seconds(5)

    /// The same configuration as `JSONResponse`, so cached bytes are what any
    /// other route would have sent.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func list(_ query: ResourceListQuery, for identity: RequestIdentity?) async throws -> Answer {
        try await catalogue.ensureLoaded()
        // Before the generation is read: what a refresh saves bumps it.
        if let discovery, !query.skills.isEmpty { await discovery.refresh(skills: query.skills) }
        async let generation = cache.generation()
        let levels = query.skills.isEmpty ? [:] : await learnerLevels(identity)
        let context = query.rankingContext(learnerLevels: levels)
        let key = query.cacheKey(context)
        let current = await generation
        if let current, let body = await cache.get(cache.entryKey(key, generation: current)) {
            return Answer(body: body, fromCache: true)
        }
        let resources = try await store.resources(teaching: query.skills, filter: query.filter)
        let ranked = ranker.rank(resources, for: context)
        let page = LearningResourcePage(
            items: Array(ranked.prefix(query.limit)), skills: query.skills, total: ranked.count)
        let body = Array(try Self.encoder.encode(page))
        if let current { await cache.put(cache.entryKey(key, generation: current), body) }
        return Answer(body: body, fromCache: false)
    }

    /// The learner's level per skill from their profile. A caller acting for
    /// no user, a user without a profile, and profile-service being down or
    /// slow all rank as for a newcomer: resources still answer.
    private func learnerLevels(_ identity: RequestIdentity?) async -> [String: Int] {
        guard let identity, let user = identity.userId else { return [:] }
        let key = user.uuidString
        if let levels = recentLevels.value(for: key) { return levels }
        do {
            let levels = try await profiles.levels(for: identity)
            recentLevels.store(levels, for: key, until: .now + Self.levelsTTL)
            return levels
        } catch is CancellationError {
            return [:]
        } catch {
            recentLevels.store([:], for: key, until: .now + Self.levelsRetryAfterFailure)
            logger.warning(
                "profile skills unavailable; ranking resources as for a newcomer", metadata: ["error": "\(error)"])
            return [:]
        }
    }
}
