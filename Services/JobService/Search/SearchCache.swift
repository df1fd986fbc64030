import Logging
import RedisKit
import ServiceKit

/// Search responses, cached by `GenerationCache`: ingestion bumps the
/// generation after any change to postings.
typealias SearchCache = GenerationCache

extension GenerationCache {
    /// job-service's search cache under `namespace` (`JobServiceSettings.redisNamespace`).
    convenience init(
        redis: RedisClient, namespace: String, timeout: Duration = .milliseconds(250),
        logger: Logger = Logger(label: "job-service.search-cache")
    ) {
        self.init(redis: redis, namespace: namespace, name: "search", timeout: timeout, logger: logger)
    }

    /// A page of results of `generation`, by `JobSearchQuery.pageHash`.
    func pageKey(_ pageHash: String, generation: Int) -> String { key(pageHash, generation: generation) }
}
