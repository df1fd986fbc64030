import Contracts
import CurlHTTP
import Database
import RedisKit

/// One dependency `/ready` probes. A required one that fails makes the service
/// not ready (503); an optional one (a language model) is reported only.
public struct ReadinessCheck: Sendable {
    public let name: String
    public let required: Bool
    /// Throws when the dependency is unreachable; may return a detail to report.
    public let probe: @Sendable () async throws -> String?

    public init(name: String, required: Bool, probe: @escaping @Sendable () async throws -> String?) {
        self.name = name
        self.required = required
        self.probe = probe
    }

    public static func postgres(_ database: DatabasePool) -> ReadinessCheck {
        ReadinessCheck(name: "postgres", required: true) {
            try await database.ping()
            return nil
        }
    }

    public static func redis(_ redis: RedisClient) -> ReadinessCheck {
        ReadinessCheck(name: "redis", required: true) {
            try await redis.ping()
            return nil
        }
    }

    /// Another service's liveness (`/health`, not `/ready`: readiness must not
    /// chain through services that call each other).
    public static func service(_ name: String, baseURL: String, http: CurlHTTPClient) -> ReadinessCheck {
        .http(name, url: baseURL + "/health", required: true, http: http)
    }

    /// Any HTTP dependency that answers 200 at `url`; the body (shortened) is the detail.
    public static func http(_ name: String, url: String, required: Bool, http: CurlHTTPClient) -> ReadinessCheck {
        ReadinessCheck(name: name, required: required) {
            let request = CurlRequest(
                url: url, timeouts: .init(connect: .milliseconds(500), total: .seconds(1)), maxResponseBytes: 64 * 1024)
            let (response, body) = try await http.data(for: request)
            guard response.status == 200 else {
                throw CurlHTTPError(.transferFailed, "\(url) answered \(response.status)")
            }
            return required ? nil : String(decoding: body.prefix(200), as: UTF8.self)
        }
    }

    /// Runs every check concurrently, each bounded by `timeout`.
    public static func run(_ checks: [ReadinessCheck], timeout: Duration) async -> [String: DependencyCheck] {
        await withTaskGroup(of: (String, DependencyCheck).self) { group in
            for check in checks {
                group.addTask {
                    let start = ContinuousClock.now
                    let outcome = await withDeadline(timeout) { try await check.probe() }
                    let elapsed = ContinuousClock.now - start
                    let millis =
                        Double(elapsed.components.seconds) * 1000
                        + Double(elapsed.components.attoseconds) / 1e15
                    switch outcome {
                    case .success(let detail):
                        return (
                            check.name,
                            DependencyCheck(status: .up, required: check.required, latencyMs: millis, detail: detail)
                        )
                    case .failure(let error):
                        return (
                            check.name,
                            DependencyCheck(
                                status: .down, required: check.required, latencyMs: millis, detail: "\(error)")
                        )
                    }
                }
            }
            var results: [String: DependencyCheck] = [:]
            for await (name, result) in group { results[name] = result }
            return results
        }
    }
}
