import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// The sources a profile is built from; deleting one removes what it
/// contributed and keeps the user's own edits.
struct SourcesController: Sendable {
    let store: ProfileStore

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/profile/sources", use: list)
        router.delete("/profile/sources/{id}", use: delete)
    }

    struct SourceList: Codable, Sendable {
        var items: [ProfileSource]
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        return try JSONResponse.make(SourceList(items: try await store.sources(userId)))
    }

    @Sendable func delete(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text),
            try await store.deleteSource(userId, sourceId: id)
        else { throw ServiceError.notFound("no such source") }
        return Response(status: .noContent)
    }
}
