import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// The configured job sources and their last runs, and an admin's "sync this
/// source now".
struct SourcesController: Sendable {
    let configuration: SourcesConfiguration
    let runner: SourceRunner

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/jobs/sources", use: list)
        router.post("/jobs/sources/{id}/sync", use: sync)
    }

    struct SourceList: Encodable, Sendable {
        var items: [SourceListing]
    }

    /// Any signed-in user or service may see the sources: they name public boards only.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard context.identity != nil else { throw ServiceError(.unauthorized, detail: "sign in first") }
        let sources = configuration.sources
        let statuses = try await runner.statuses.statuses(ids: sources.map(\.id))
        return try JSONResponse.make(
            SourceList(
                items: sources.map {
                    SourceListing(source: $0, available: runner.connector(for: $0) != nil, status: statuses[$0.id])
                }))
    }

    /// Runs one source now (admins only) and answers with the run's report; a
    /// board that could not be read is a 502 (or 503 when it was unreachable
    /// or rate limited), with the board's error.
    @Sendable func sync(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let identity = context.identity else { throw ServiceError(.unauthorized, detail: "sign in first") }
        guard identity.roles.contains("admin") else {
            throw ServiceError(.forbidden, detail: "syncing a job source requires the admin role")
        }
        let id = context.parameters.get("id").map { $0.removingPercentEncoding ?? $0 } ?? ""
        guard let source = configuration.source(id: id) else {
            throw ServiceError.notFound("no configured job source has the id '\(id)'")
        }
        guard source.enabled else { throw ServiceError.conflict("the source '\(id)' is disabled in the sources file") }
        guard runner.connector(for: source) != nil else {
            throw ServiceError.conflict("the source '\(id)' cannot run: \(SourceUnavailable(source: source))")
        }
        switch await runner.run(source, nextRunAt: nil) {
        case .finished(let report):
            if report.status != .failed { return try JSONResponse.make(report) }
            throw Self.failure(report)
        case .busy:
            throw ServiceError.conflict("the source '\(id)' is being synced already; try again when that run ends")
        case .lockUnavailable:
            throw ServiceError.unavailable("cannot coordinate the sync (Redis is unreachable); try again shortly")
        case .cancelled:
            throw ServiceError.unavailable("the service is shutting down; the sync was cancelled")
        }
    }

    /// The problem for a failed run: the board's fault (502, or 503 for a
    /// board that was unreachable or asked us to wait), or ours (503).
    static func failure(_ report: SourceRunReport) -> ServiceError {
        let detail = report.error ?? "the run failed"
        guard let board = report.boardError else { return ServiceError.unavailable(detail) }
        switch board.code {
        case .transport, .rateLimited:
            let retryAfter = board.retryAfter.map { Int($0.components.seconds) }
            return ServiceError.unavailable(detail, retryAfterSeconds: retryAfter)
        case .notFound, .server, .malformed, .refused:
            return ServiceError(.badGateway, detail: detail)
        }
    }
}
