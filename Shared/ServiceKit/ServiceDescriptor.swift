import Foundation

/// Who a service is in the documented topology: name, default port, schema, and
/// the services it calls. One list, so every service and test agrees.
public struct ServiceDescriptor: Sendable, Hashable {
    public let name: String
    public let defaultPort: Int
    /// Its own PostgreSQL schema; no service reads another's.
    public let schema: String
    /// Services it calls over HTTP (their `/health` is part of its readiness).
    public let calls: [String]

    public init(name: String, defaultPort: Int, schema: String, calls: [String]) {
        self.name = name
        self.defaultPort = defaultPort
        self.schema = schema
        self.calls = calls
    }

    /// The variable holding a service's base URL, e.g. `AI_SERVICE_URL`.
    public var urlVariable: String {
        name.uppercased().replacingOccurrences(of: "-", with: "_") + "_URL"
    }

    public var defaultURL: String { "http://127.0.0.1:\(defaultPort)" }

    public static let gateway = ServiceDescriptor(
        name: "gateway", defaultPort: 3000, schema: "identity",
        calls: ["ai-service", "profile-service", "job-service", "learning-service"])
    public static let aiService = ServiceDescriptor(
        name: "ai-service", defaultPort: 8000, schema: "ai",
        calls: ["profile-service", "job-service", "learning-service"])
    public static let profileService = ServiceDescriptor(
        name: "profile-service", defaultPort: 3001, schema: "profile", calls: ["ai-service"])
    public static let jobService = ServiceDescriptor(
        name: "job-service", defaultPort: 3002, schema: "jobs", calls: ["ai-service", "profile-service"])
    public static let learningService = ServiceDescriptor(
        name: "learning-service", defaultPort: 3003, schema: "learning", calls: ["profile-service"])

    public static let all: [ServiceDescriptor] = [gateway, aiService, profileService, jobService, learningService]

    public static func named(_ name: String) -> ServiceDescriptor? { all.first { $0.name == name } }
}
