import HTTPTypes
import Hummingbird
import ServiceKit

/// CORS for the web frontend: only allowlisted origins, with credentials, and
/// never `*` (browsers reject `*` with credentials, and it would be wrong anyway).
/// Preflights from other origins get no CORS headers, so the browser refuses the
/// real request.
struct CORSPolicyMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    let allowedOrigins: Set<String>
    static let allowedMethods = "GET, POST, PUT, PATCH, DELETE"
    static let allowedHeaders = "Authorization, Content-Type, X-CSRF-Token, X-Request-Id, Last-Event-ID"
    static let exposedHeaders = "X-Request-Id, Retry-After, RateLimit, RateLimit-Policy, Location"

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let origin = request.headers[.origin]
        let allowed = origin.map(allowedOrigins.contains) ?? false
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var headers: HTTPFields = [.vary: "Origin"]
            if allowed, let origin {
                headers[.accessControlAllowOrigin] = origin
                headers[.accessControlAllowCredentials] = "true"
                headers[.accessControlAllowMethods] = Self.allowedMethods
                headers[.accessControlAllowHeaders] = Self.allowedHeaders
                headers[.accessControlMaxAge] = "600"
            }
            return Response(status: allowed ? .noContent : .forbidden, headers: headers)
        }
        var response = try await next(request, context)
        response.headers.append(HTTPField(name: .vary, value: "Origin"))
        if allowed, let origin {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlAllowCredentials] = "true"
            response.headers[.accessControlExposeHeaders] = Self.exposedHeaders
        }
        return response
    }
}
