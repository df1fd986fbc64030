import Logging
import RedisKit
import ServiceKit

/// `GET /learning/resources` answers, cached by `GenerationCache`: every write
/// to the resources table bumps the generation (`ResourceStore.onChange`), and
/// while Redis is away PostgreSQL answers.
typealias ResourceListCache = GenerationCache

extension GenerationCache {
    /// learning-service's resource-list cache under `namespace` (`LearningServiceSettings.redisNamespace`).
    convenience init(
        redis: RedisClient, namespace: String, timeout: Duration = .milliseconds(250),
        pauseAfterFailure: Duration = .seconds(1),
        logger: Logger = Logger(label: "learning-service.resource-cache")
    ) {
        self.init(
            redis: redis, namespace: namespace, name: "resources", timeout: timeout,
            pauseAfterFailure: pauseAfterFailure, logger: logger)
    }

    /// One answer of `generation`, by `ResourceListQuery.cacheKey`.
    func entryKey(_ queryKey: String, generation: Int) -> String { key(queryKey, generation: generation) }
}
