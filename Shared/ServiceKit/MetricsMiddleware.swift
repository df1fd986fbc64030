import Hummingbird
import Logging

/// Records every request's route, method, status and latency, and writes one
/// access-log line (debug level for probes, so load balancers do not flood logs).
public struct MetricsMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext

    let metrics: ServiceMetrics

    public init(metrics: ServiceMetrics) {
        self.metrics = metrics
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let duration = ContinuousClock.now - start
        let route = context.endpointPath.map { $0 == "NotFound" ? "unmatched" : $0 } ?? "unmatched"
        metrics.recordRequest(
            route: route, method: request.method.rawValue, status: response.status.code, duration: duration)
        let probe = route == "/health" || route == "/ready" || route == "/metrics"
        context.logger.log(
            level: probe ? .debug : .info, "request",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(request.uri.path),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .stringConvertible(duration.milliseconds),
            ])
        return response
    }
}
