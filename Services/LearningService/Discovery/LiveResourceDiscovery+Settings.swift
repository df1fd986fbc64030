import Logging
import ServiceKit
import Taxonomy

extension LiveResourceDiscovery {
    /// The providers `settings` configure: YouTube when `YOUTUBE_API_KEY` is
    /// set, GitHub unless `LEARNING_GITHUB_SEARCH` is off. With neither, a
    /// refresh returns at once.
    convenience init(
        settings: LearningServiceSettings, dependencies: ServiceDependencies, resources: ResourceStore,
        taxonomy: Taxonomy, timing: Timing = Timing(), logger: Logger
    ) {
        let http = ProviderHTTP(client: dependencies.http)
        let namespace = settings.redisNamespace
        var providers: [any LiveProvider] = []
        if let key = settings.youTubeAPIKey, !key.isEmpty {
            providers.append(
                YouTubeProvider(
                    configuration: YouTubeProvider.Configuration(baseURL: settings.youTubeURL, apiKey: key), http: http,
                    quota: YouTubeQuota(
                        redis: dependencies.redis, namespace: namespace, dailyUnits: settings.youTubeDailyQuota,
                        logger: logger),
                    redis: dependencies.redis, logger: logger))
        }
        if settings.gitHubSearchEnabled {
            let token = settings.gitHubToken.flatMap { $0.isEmpty ? nil : $0 }
            providers.append(
                GitHubSearchProvider(
                    configuration: GitHubSearchProvider.Configuration(baseURL: settings.gitHubURL, token: token),
                    http: http,
                    limiter: GitHubSearchLimiter(
                        redis: dependencies.redis, namespace: namespace,
                        requestsPerWindow: GitHubSearchProvider.requestsPerMinute(token: token), logger: logger),
                    logger: logger))
        }
        self.init(
            providers: providers, store: LiveLookupStore(database: dependencies.database, resources: resources),
            claims: LookupClaims(
                redis: dependencies.redis, namespace: namespace, lease: timing.lookupBudget + .seconds(30),
                logger: logger),
            taxonomy: taxonomy, ttl: settings.liveResultsTTL, timing: timing, logger: logger)
    }
}
