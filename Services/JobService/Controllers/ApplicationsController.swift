import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// The application tracker: a user saves jobs they apply to, moves them
/// through the allowed statuses with notes, plans follow-ups and sees how the
/// search is going. A user only ever sees their own: another's is a 404.
struct ApplicationsController: Sendable {
    let store: ApplicationStore

    func register(on router: Router<ServiceRequestContext>) {
        let group = router.group("/jobs/applications")
        group.post(use: create)
        group.get(use: list)
        group.get("/stats", use: stats)
        group.get("/{id}", use: read)
        group.patch("/{id}", use: update)
        group.delete("/{id}", use: delete)
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let new = try NewApplication(body: try await request.decode(as: JSONValue.self, context: context))
        let application = try await store.create(userId, new)
        var headers = HTTPFields()
        headers[.location] = "/jobs/applications/\(application.id)"
        return try JSONResponse.make(application, status: .created, headers: headers)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let query = try ApplicationListQuery { request.uri.queryParameters.get($0) }
        return try JSONResponse.make(try await store.list(userId, query))
    }

    @Sendable func stats(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        return try JSONResponse.make(try await store.stats(userId))
    }

    @Sendable func read(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        guard let application = try await store.application(userId, id: try Self.applicationId(context)) else {
            throw Self.notFound
        }
        return try JSONResponse.make(application)
    }

    @Sendable func update(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let id = try Self.applicationId(context)
        let change = try ApplicationChange(body: try await request.decode(as: JSONValue.self, context: context))
        guard let application = try await store.update(userId, id: id, change) else { throw Self.notFound }
        return try JSONResponse.make(application)
    }

    @Sendable func delete(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        guard try await store.delete(userId, id: try Self.applicationId(context)) else { throw Self.notFound }
        return Response(status: .noContent)
    }

    static let notFound = ServiceError.notFound("no such application")

    /// A malformed id names no application: 404, like someone else's.
    static func applicationId(_ context: ServiceRequestContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw notFound }
        return id
    }
}
