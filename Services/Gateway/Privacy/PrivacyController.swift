import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// GDPR: `GET /api/v1/me/export` (everything every service holds about the
/// user, in one document) and `DELETE /api/v1/me` (forget the user everywhere).
struct PrivacyController: Sendable {
    let accounts: AccountStore
    let refreshTokens: RefreshTokenStore
    let services: ServiceDataClient
    let deletions: AccountDeletions
    let cookies: SessionCookies
    let authenticator: UserAuthenticator

    struct Export: Encodable {
        struct Gateway: Encodable {
            var account: AccountView
            var identities: [LinkedIdentity]
            var sessions: [SessionRecord]
        }

        var format = "careergini-export/1"
        var exportedAt: Date
        var gateway: Gateway
        var services: [String: JSONValue]
    }

    struct DeletionFailed: Encodable {
        var type = "https://careergini.dev/problems/deletion-incomplete"
        var title = "Deletion incomplete"
        var status = 502
        var detail: String
        var confirmedServices: [String]
        var pendingServices: [String: String]
        var retrying = true
    }

    func register(on router: Router<ServiceRequestContext>) {
        let me = router.group("/api/v1/me").add(middleware: RequireUserMiddleware(authenticator: authenticator))
        me.get("/export", use: export)
        me.delete(use: delete)
    }

    @Sendable func export(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        guard let account = try await accounts.account(id: userId) else {
            throw ServiceError.notFound("the account no longer exists")
        }
        async let identities = accounts.identities(of: userId)
        async let sessions = refreshTokens.sessions(of: userId)
        let exports = try await withThrowingTaskGroup(of: (String, JSONValue).self) { group in
            for service in services.services {
                group.addTask { (service, try await services.export(userId: userId, from: service)) }
            }
            var exports: [String: JSONValue] = [:]
            do {
                for try await (service, data) in group { exports[service] = data }
            } catch let failure as ServiceDataClient.Failure {
                throw ServiceError(
                    .badGateway, detail: "the export is incomplete: \(failure); retry shortly")
            }
            return exports
        }
        let document = Export(
            exportedAt: Date(),
            gateway: .init(account: account.publicView, identities: try await identities, sessions: try await sessions),
            services: exports)
        var headers: HTTPFields = [:]
        headers[.contentDisposition] = #"attachment; filename="careergini-export.json""#
        return try JSONResponse.make(document, headers: headers)
    }

    @Sendable func delete(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let outcome = try await deletions.delete(userId: userId, logger: context.logger)
        var headers: HTTPFields = [:]
        headers.appendCookies(cookies.clear())
        if outcome.pending.isEmpty { return Response(status: .noContent, headers: headers) }
        headers[.contentType] = Problem.mediaType
        headers[.retryAfter] = "60"
        let pending = outcome.pending.keys.sorted().joined(separator: ", ")
        let body = DeletionFailed(
            detail: "your account is locked and signed out; \(pending) did not confirm yet and will be retried",
            confirmedServices: outcome.confirmed, pendingServices: outcome.pending)
        var response = try JSONResponse.make(body, status: .badGateway, headers: headers)
        response.headers[.contentType] = Problem.mediaType
        return response
    }
}
