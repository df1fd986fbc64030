import Foundation
import Hummingbird
import Logging
import ServiceKit
import Taxonomy

/// Builds the job-service application: shared scaffold, its own migrations.
func buildApplication(_ settings: JobServiceSettings, logger: Logger) async throws -> some ApplicationProtocol {
    let configuration = settings.common
    let taxonomy = try Taxonomy.bundled()
    let sources = try SourcesConfiguration.load(file: settings.sourcesFile)
    func searchCache(_ dependencies: ServiceDependencies) -> SearchCache {
        SearchCache(
            redis: dependencies.redis, namespace: settings.redisNamespace, timeout: configuration.cacheTimeout,
            logger: logger)
    }
    func sourceRunner(_ dependencies: ServiceDependencies) -> SourceRunner {
        let cache = searchCache(dependencies)
        return SourceRunner.make(
            settings: settings, taxonomy: taxonomy, dependencies: dependencies, onChange: { await cache.invalidate() })
    }
    /// The ingestor of the sample loader and admin imports; a change empties the search cache.
    func postingIngestor(_ dependencies: ServiceDependencies) -> PostingIngestor {
        let cache = searchCache(dependencies)
        return PostingIngestor(
            store: PostingStore(database: dependencies.database), normalizer: PostingNormalizer(taxonomy: taxonomy),
            taxonomy: taxonomy, onChange: { await cache.invalidate() }, logger: logger)
    }
    /// One index for routes and the warm-up: both closures run while the app is built.
    var postingIndex: PostingIndex?
    func sharedIndex(_ dependencies: ServiceDependencies) -> PostingIndex {
        if let postingIndex { return postingIndex }
        let index = PostingIndex(database: dependencies.database, logger: logger)
        postingIndex = index
        return index
    }
    func internalClient(
        _ service: ServiceDescriptor, _ dependencies: ServiceDependencies, timeout: Duration
    ) -> InternalServiceClient {
        InternalServiceClient(
            service: service.name, baseURL: configuration.serviceURLs[service.name], http: dependencies.http,
            tokens: dependencies.internalTokens, timeout: timeout)
    }
    return try await ServiceApplication.build(
        configuration: configuration, migrations: try ServiceApplication.migrations(in: .module), logger: logger,
        bodyLimits: BodyLimits(prefixes: [ImportController.bodyLimit]),
        services: { dependencies in
            [
                IngestionScheduler.make(
                    runner: sourceRunner(dependencies), configuration: sources, interval: settings.ingestInterval,
                    logger: logger),
                SampleDataLoader(
                    database: dependencies.database, ingestor: postingIngestor(dependencies),
                    enabled: settings.loadSampleData, logger: logger),
                PostingEmbeddingWorker(
                    database: dependencies.database,
                    ai: AIServiceClient(client: internalClient(.aiService, dependencies, timeout: .seconds(60))),
                    taxonomy: taxonomy, interval: settings.embeddingInterval, logger: logger),
                PostingIndexWarmUp(index: sharedIndex(dependencies), logger: logger),
            ]
        },
        routes: { router, dependencies in
            let index = sharedIndex(dependencies)
            SourcesController(configuration: sources, runner: sourceRunner(dependencies)).register(on: router)
            JobUserData.routes(dependencies.database).register(on: router)
            ApplicationsController(store: ApplicationStore(database: dependencies.database)).register(on: router)
            RecommendationsController(
                recommender: Recommender(
                    store: RecommendationStore(database: dependencies.database), index: index,
                    // Recommendations wait on the profile: a slow profile-service fails fast.
                    profiles: ProfileServiceClient(
                        client: internalClient(.profileService, dependencies, timeout: settings.profileTimeout)),
                    taxonomy: taxonomy)
            ).register(on: router)
            ImportController(importer: PostingImporter(ingestor: postingIngestor(dependencies))).register(on: router)
            JobsController(
                search: JobSearch(
                    database: dependencies.database, index: index, cache: searchCache(dependencies)),
                postings: PostingStore(database: dependencies.database), taxonomy: taxonomy
            ).register(on: router)
        })
}

/// This module's resources (migrations, the sources file, the sample postings),
/// named so tests can migrate a database of their own.
enum JobServiceResources {
    static var bundle: Bundle { .module }
}
