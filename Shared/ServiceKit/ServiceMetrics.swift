import ConnectionPool
import Prometheus
import Synchronization

/// The Prometheus registry of one service: request counts and latency
/// histograms by route, method and status, plus pool gauges read at scrape time.
public final class ServiceMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let poolSources: [(name: String, statistics: @Sendable () -> PoolStatistics)]
    /// Collectors per label set, so a request costs one dictionary lookup instead
    /// of building descriptors and label arrays for the registry.
    private let requestCollectors = Mutex<[RequestLabels: (Counter, DurationHistogram)]>([:])

    private struct RequestLabels: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
    ]

    public init(pools: [(name: String, statistics: @Sendable () -> PoolStatistics)]) {
        self.poolSources = pools
    }

    /// `route` is the matched route template (never the raw path), so the label set stays bounded.
    public func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let key = RequestLabels(route: route, method: method, status: status)
        let (counter, histogram) = requestCollectors.withLock { collectors in
            if let existing = collectors[key] { return existing }
            let labels = [("route", route), ("method", method), ("status", String(status))]
            let made = (
                registry.makeCounter(
                    descriptor: .init(metricName: "http_requests", unitName: "total", helpText: "HTTP requests served"),
                    labels: labels),
                registry.makeDurationHistogram(
                    descriptor: .init(
                        metricName: "http_request_duration", unitName: "seconds", helpText: "HTTP request latency"),
                    labels: labels, buckets: ServiceMetrics.latencyBuckets)
            )
            collectors[key] = made
            return made
        }
        counter.increment()
        histogram.record(duration)
    }

    /// The exposition text, with pool gauges refreshed first.
    public func render() -> [UInt8] {
        for source in poolSources {
            let statistics = source.statistics()
            let values: [(String, Int)] = [
                ("open", statistics.open), ("idle", statistics.idle), ("leased", statistics.leased),
                ("waiting", statistics.waiting), ("max", statistics.max),
            ]
            for (state, value) in values {
                registry.makeGauge(
                    descriptor: .init(
                        metricName: "pool_connections", unitName: "count", helpText: "Connection pool state"),
                    labels: [("pool", source.name), ("state", state)]
                ).set(Double(value))
            }
        }
        return registry.emitToBuffer()
    }
}
