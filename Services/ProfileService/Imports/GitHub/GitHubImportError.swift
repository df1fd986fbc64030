/// Why a GitHub import did not happen, in words a user can act on; the imports
/// controller turns each case into problem+json (`.rateLimited` with `Retry-After`,
/// from `retryAfterSeconds`).
enum GitHubImportError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidUsername(String)
    case userNotFound(String)
    /// GitHub's rate limit is used up; asking again before `retryAfter` passes is refused.
    case rateLimited(retryAfter: Duration)
    /// GitHub answered with a server error, could not be reached, answered
    /// something undocumented, or refused our configured token.
    case unavailable(String)

    var reason: String {
        switch self {
        case .invalidUsername(let name):
            "'\(name.prefix(60))' is not a GitHub username: use 1 to 39 letters, digits or single hyphens,"
                + " not starting or ending with a hyphen"
        case .userNotFound(let name): "GitHub has no user '\(name)'"
        case .rateLimited(let retryAfter):
            "GitHub's API rate limit is used up; try again in \(retryAfter.components.seconds) seconds"
        case .unavailable(let why): "GitHub is unavailable: \(why)"
        }
    }

    var description: String { reason }

    /// Whole seconds to put in a `Retry-After` header (at least 1).
    var retryAfterSeconds: Int? {
        guard case .rateLimited(let retryAfter) = self else { return nil }
        let (seconds, attoseconds) = retryAfter.components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }
}
