import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The internal GDPR routes every service mounts: export everything it stores
/// about a user, and forget it. Only an internal token naming that same user is
/// accepted, so one user's session can never export or delete another's data.
public struct UserDataRoutes<Export: Codable & Sendable>: Sendable {
    let service: String
    let export: @Sendable (UUID) async throws -> Export
    let delete: @Sendable (UUID) async throws -> Void

    public init(
        service: String, export: @escaping @Sendable (UUID) async throws -> Export,
        delete: @escaping @Sendable (UUID) async throws -> Void
    ) {
        self.service = service
        self.export = export
        self.delete = delete
    }

    public func register(on router: Router<ServiceRequestContext>) {
        router.get("/internal/users/{userId}/export") { _, context in
            let userId = try Self.authorisedUser(context)
            let document = UserDataExport(
                service: service, userId: userId.uuidString.lowercased(), data: try await export(userId))
            return try JSONResponse.make(document)
        }
        // Idempotent: deleting a user with no data left is still a success.
        router.delete("/internal/users/{userId}") { _, context in
            let userId = try Self.authorisedUser(context)
            try await delete(userId)
            context.logger.info("user data deleted", metadata: ["user_id": "\(userId)"])
            return Response(status: .noContent)
        }
    }

    static func authorisedUser(_ context: ServiceRequestContext) throws -> UUID {
        guard let raw = context.parameters.get("userId"), let userId = UUID(uuidString: raw) else {
            throw ServiceError.badRequest("the user id must be a UUID")
        }
        guard context.identity?.userId == userId else {
            throw ServiceError(.forbidden, detail: "the internal token does not act for this user")
        }
        return userId
    }
}
