import HTTPTypes
import ServiceKit

extension ServiceRequestContext {
    /// The whole identity of the signed-in user the request acts for (to act
    /// for them towards other services), or 401.
    func requireUserIdentity() throws -> RequestIdentity {
        _ = try requireUserId()
        guard let identity else { throw ServiceError(.unauthorized, detail: "sign in first") }
        return identity
    }
}
