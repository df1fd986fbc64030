import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `/health` (alive), `/ready` (dependencies reachable) and `/metrics` (Prometheus).
public struct HealthController: Sendable {
    let service: String
    let version: String
    let checks: [ReadinessCheck]
    let timeout: Duration
    let metrics: ServiceMetrics

    public init(service: String, version: String, checks: [ReadinessCheck], timeout: Duration, metrics: ServiceMetrics)
    {
        self.service = service
        self.version = version
        self.checks = checks
        self.timeout = timeout
        self.metrics = metrics
    }

    public func register(on router: Router<ServiceRequestContext>) {
        router.get("/health") { _, _ in
            try JSONResponse.make(HealthStatus(service: service, version: version), status: .ok)
        }
        router.get("/ready") { _, _ in
            let results = await ReadinessCheck.run(checks, timeout: timeout)
            let ready = results.values.allSatisfy { $0.status == .up || !$0.required }
            let report = ReadinessReport(status: ready ? .ready : .notReady, service: service, checks: results)
            return try JSONResponse.make(report, status: ready ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.render())))
        }
    }
}
