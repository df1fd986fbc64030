import Foundation

/// One public path prefix and the service behind it (DESIGN.md §5).
struct UpstreamRoute: Sendable {
    /// Public prefix, e.g. `/api/v1/profile`.
    var publicPrefix: String
    var service: String
    /// What replaces `publicPrefix` upstream, e.g. `/profile`.
    var upstreamPrefix: String
    /// Model-backed routes: long first-byte wait, streamed answers, and the
    /// upstream call is cancelled as soon as the client goes away.
    var modelBacked: Bool
    /// Paths under a route that isn't model-backed that still wait for a model.
    var modelBackedPaths: [String] = []

    /// Whether a request to `path` is model-backed (long wait, cancelled with its client).
    func isModelBacked(_ path: String) -> Bool {
        modelBacked || modelBackedPaths.contains { path.hasPrefix($0) }
    }

    static let all: [UpstreamRoute] = [
        UpstreamRoute(publicPrefix: "/api/v1/chat", service: "ai-service", upstreamPrefix: "/chat", modelBacked: true),
        UpstreamRoute(publicPrefix: "/api/v1/ai", service: "ai-service", upstreamPrefix: "", modelBacked: true),
        // A résumé import may wait for the extraction model (RESUME_EXTRACTION_TIMEOUT_MS).
        UpstreamRoute(
            publicPrefix: "/api/v1/profile", service: "profile-service", upstreamPrefix: "/profile",
            modelBacked: false, modelBackedPaths: ["/api/v1/profile/imports/"]),
        UpstreamRoute(
            publicPrefix: "/api/v1/jobs", service: "job-service", upstreamPrefix: "/jobs", modelBacked: false),
        UpstreamRoute(
            publicPrefix: "/api/v1/learning", service: "learning-service", upstreamPrefix: "/learning",
            modelBacked: false),
    ]

    /// Whether a mapped path may be forwarded: the services' `/internal/...`
    /// routes (GDPR export, extraction, embeddings) are for services only, so a
    /// user can't reach them through the gateway, however the path is spelled.
    static func isForwardable(_ upstreamPath: String) -> Bool {
        let decoded = (upstreamPath.removingPercentEncoding ?? upstreamPath).lowercased()
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        return segments.first != "internal" && !segments.contains("..") && !segments.contains(".")
    }

    /// The public path for an upstream `Location` (a service names its own
    /// paths, `/learning/paths/{id}`); nil for absolute URLs and for paths
    /// outside this route.
    func publicPath(forUpstream location: String) -> String? {
        guard location.hasPrefix("/"), !location.hasPrefix("//"), location.hasPrefix(upstreamPrefix) else { return nil }
        let rest = location.dropFirst(upstreamPrefix.count)
        guard rest.isEmpty || rest.hasPrefix("/") || rest.hasPrefix("?") else { return nil }
        return publicPrefix + rest
    }

    /// The upstream path for a public one under this route.
    func upstreamPath(for path: String) -> String {
        let rest = path.dropFirst(publicPrefix.count)
        let mapped = upstreamPrefix + rest
        return mapped.isEmpty ? "/" : mapped
    }
}
