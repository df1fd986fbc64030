import HTTPTypes
import ServiceKit

/// Why an OAuth login failed, mapped to the answer the browser gets.
enum OAuthFailure: Error, CustomStringConvertible {
    /// Something in the callback is wrong or stale: the user should start again.
    case rejected(String)
    /// The provider misbehaved or could not be reached.
    case provider(String)

    var description: String {
        switch self {
        case .rejected(let reason): reason
        case .provider(let reason): reason
        }
    }

    var serviceError: ServiceError {
        switch self {
        case .rejected(let reason):
            ServiceError(.badRequest, title: "Sign-in failed", detail: reason + "; start the sign-in again")
        case .provider(let reason):
            ServiceError(.badGateway, title: "Sign-in provider failed", detail: reason)
        }
    }
}
