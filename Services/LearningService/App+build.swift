import Foundation
import Hummingbird
import Logging
import ServiceKit
import Taxonomy

/// Builds the learning-service application: shared scaffold, its own migrations,
/// the catalogue written into PostgreSQL beside the server.
func buildApplication(_ settings: LearningServiceSettings, logger: Logger) async throws -> some ApplicationProtocol {
    let configuration = settings.common
    let taxonomy = try Taxonomy.bundled()
    let catalogue = try Catalogue.shipped()
    let uncovered = catalogue.uncovered(taxonomy)
    if !uncovered.isEmpty {
        logger.warning(
            "learning catalogue has fewer than two free resources for some skills",
            metadata: ["skills": "\(uncovered.joined(separator: ", "))"])
    }
    func resourceListCache(_ dependencies: ServiceDependencies) -> ResourceListCache {
        ResourceListCache(
            redis: dependencies.redis, namespace: settings.redisNamespace, timeout: configuration.cacheTimeout,
            logger: logger)
    }
    /// The resources table; any write that changes it empties the resource-list cache.
    func resourceStore(_ dependencies: ServiceDependencies) -> ResourceStore {
        let cache = resourceListCache(dependencies)
        return ResourceStore(database: dependencies.database, onChange: { await cache.invalidate() })
    }
    // One per process, shared by the background service and the routes.
    var catalogueSync: CatalogueSync?
    func sync(_ dependencies: ServiceDependencies) -> CatalogueSync {
        if let catalogueSync { return catalogueSync }
        let made = CatalogueSync(catalogue: catalogue, store: resourceStore(dependencies), logger: logger)
        catalogueSync = made
        return made
    }
    // One per process: the routes ask it for fresh live finds, and shutdown stops its lookups.
    var liveDiscovery: LiveResourceDiscovery?
    func discovery(_ dependencies: ServiceDependencies) -> LiveResourceDiscovery {
        if let liveDiscovery { return liveDiscovery }
        let made = LiveResourceDiscovery(
            settings: settings, dependencies: dependencies, resources: resourceStore(dependencies),
            taxonomy: taxonomy, logger: logger)
        liveDiscovery = made
        return made
    }
    func profileService(_ dependencies: ServiceDependencies, timeout: Duration) -> InternalServiceClient {
        InternalServiceClient(
            service: ServiceDescriptor.profileService.name,
            baseURL: configuration.serviceURLs[ServiceDescriptor.profileService.name], http: dependencies.http,
            tokens: dependencies.internalTokens, timeout: timeout)
    }
    /// Finished steps' evidence for profile-service: sent on the request, retried by the worker.
    func evidenceOutbox(_ dependencies: ServiceDependencies) -> EvidenceOutbox {
        EvidenceOutbox(
            database: dependencies.database,
            client: ProfileEvidenceClient(client: profileService(dependencies, timeout: .seconds(3))), logger: logger)
    }
    return try await ServiceApplication.build(
        configuration: configuration, migrations: try ServiceApplication.migrations(in: .module), logger: logger,
        services: { dependencies in
            [
                sync(dependencies), discovery(dependencies),
                EvidenceRetryWorker(outbox: evidenceOutbox(dependencies), interval: .seconds(10), logger: logger),
            ]
        },
        routes: { router, dependencies in
            LearningUserData.routes(PathStore(database: dependencies.database)).register(on: router)
            PathsController(
                builder: PathBuilder(
                    taxonomy: taxonomy, resources: resourceStore(dependencies),
                    ranker: ResourceRanker(taxonomy: taxonomy),
                    catalogue: sync(dependencies), discovery: discovery(dependencies)),
                store: PathStore(database: dependencies.database),
                // Held prerequisites are skipped only when the profile answers; a path waits for it at most 2 s.
                profiles: ProfileSkillsClient(client: profileService(dependencies, timeout: .seconds(2))),
                outbox: evidenceOutbox(dependencies), taxonomy: taxonomy
            ).register(on: router)
            ResourcesController(
                lister: ResourceLister(
                    store: resourceStore(dependencies), catalogue: sync(dependencies),
                    discovery: discovery(dependencies),
                    // Ranking waits on the profile: a slow profile-service costs 2 s, then ranks as for a newcomer.
                    profiles: ProfileSkillsClient(client: profileService(dependencies, timeout: .seconds(2))),
                    cache: resourceListCache(dependencies), ranker: ResourceRanker(taxonomy: taxonomy), logger: logger),
                taxonomy: taxonomy
            ).register(on: router)
        })
}

/// This module's resources (migrations, the catalogue), named so tests can
/// migrate a database of their own.
enum LearningServiceResources {
    static var bundle: Bundle { .module }
}
