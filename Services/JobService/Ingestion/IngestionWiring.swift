import Logging
import ServiceKit
import Taxonomy

extension SourceRunner {
    /// The runner job-service uses: every connector the settings allow over the
    /// service's HTTP client, the normaliser, the postings and sources tables,
    /// and `onChange` after every run that changed postings.
    static func make(
        settings: JobServiceSettings, taxonomy: Taxonomy, dependencies: ServiceDependencies,
        onChange: @escaping @Sendable () async -> Void
    ) -> SourceRunner {
        let logger = dependencies.logger
        return SourceRunner(
            connectors: JobBoardConnectors(settings: settings, client: dependencies.http, logger: logger),
            ingestor: PostingIngestor(
                store: PostingStore(database: dependencies.database), normalizer: PostingNormalizer(taxonomy: taxonomy),
                taxonomy: taxonomy, onChange: onChange, logger: logger),
            statuses: SourceStatusStore(database: dependencies.database), redis: dependencies.redis,
            namespace: settings.redisNamespace, logger: logger)
    }
}

extension IngestionScheduler {
    /// The scheduler over the enabled sources whose provider can run here; each
    /// configured source it leaves out for missing credentials is logged once.
    static func make(
        runner: SourceRunner, configuration: SourcesConfiguration, interval: Duration, logger: Logger
    ) -> IngestionScheduler {
        var runnable: [JobSource] = []
        for source in configuration.sources where source.enabled {
            if runner.connector(for: source) != nil {
                runnable.append(source)
            } else {
                logger.notice(
                    "job source ignored",
                    metadata: ["source": .string(source.id), "reason": .string("\(SourceUnavailable(source: source))")])
            }
        }
        return IngestionScheduler(runner: runner, sources: runnable, interval: interval, logger: logger)
    }
}
