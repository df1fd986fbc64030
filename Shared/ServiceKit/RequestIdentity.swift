import Foundation
import HTTPTypes

/// Who a request acts for, once its credential has been verified: the gateway
/// fills it from an access token, a service from the internal token.
public struct RequestIdentity: Sendable, Equatable {
    /// The user the request acts for; nil for a service acting on its own behalf.
    public var userId: UUID?
    public var roles: [String]
    /// The service that sent the request ("gateway" for user traffic).
    public var service: String
    /// The refresh-token family (login session) an access token belongs to.
    public var sessionId: UUID?

    public init(userId: UUID?, roles: [String], service: String, sessionId: UUID? = nil) {
        self.userId = userId
        self.roles = roles
        self.service = service
        self.sessionId = sessionId
    }

    /// The user id, or 401 for a request that acts for nobody.
    public func requireUser() throws -> UUID {
        guard let userId else { throw ServiceError(.unauthorized, detail: "this route acts for a signed-in user") }
        return userId
    }
}

extension ServiceRequestContext {
    /// The signed-in user this request acts for, or 401.
    public func requireUserId() throws -> UUID {
        guard let identity else { throw ServiceError(.unauthorized, detail: "sign in first") }
        return try identity.requireUser()
    }
}
