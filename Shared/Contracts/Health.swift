/// `GET /health`: the process is alive and serving.
public struct HealthStatus: Codable, Sendable, Equatable {
    public var status: String
    public var service: String
    public var version: String

    public init(status: String = "ok", service: String, version: String) {
        self.status = status
        self.service = service
        self.version = version
    }
}

/// `GET /ready`: whether every required dependency answers, one entry per dependency.
public struct ReadinessReport: Codable, Sendable, Equatable {
    public var status: Status
    public var service: String
    public var checks: [String: DependencyCheck]

    public init(status: Status, service: String, checks: [String: DependencyCheck]) {
        self.status = status
        self.service = service
        self.checks = checks
    }

    public enum Status: String, Codable, Sendable {
        case ready
        case notReady = "not_ready"
    }
}

public struct DependencyCheck: Codable, Sendable, Equatable {
    public var status: Status
    /// A required dependency that is down makes the service not ready; an optional one
    /// (a language model, say) is reported for information only.
    public var required: Bool
    public var latencyMs: Double?
    public var detail: String?

    public init(status: Status, required: Bool, latencyMs: Double? = nil, detail: String? = nil) {
        self.status = status
        self.required = required
        self.latencyMs = latencyMs
        self.detail = detail
    }

    public enum Status: String, Codable, Sendable {
        case up
        case down
    }
}
