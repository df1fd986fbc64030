import HTTPTypes
import Hummingbird
import Logging
import Security

/// Refuses every request that does not carry a valid internal token, so a
/// service port reached directly (not through the gateway or a peer service)
/// answers 401. Health, readiness and metrics stay open for probes.
public struct InternalAuthMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext
    static let headerName = HTTPField.Name(InternalTokens.header)!
    static let openPaths: Set<String> = ["/health", "/ready", "/metrics"]

    let tokens: InternalTokens

    public init(tokens: InternalTokens) {
        self.tokens = tokens
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if Self.openPaths.contains(request.uri.path) { return try await next(request, context) }
        guard let token = request.headers[Self.headerName] else {
            throw ServiceError(
                .unauthorized, detail: "this service accepts only calls from CareerGini services; use the gateway")
        }
        var context = context
        do {
            context.identity = try tokens.verify(token)
        } catch {
            context.logger.notice("internal token rejected", metadata: ["reason": "\(error)"])
            throw ServiceError(.unauthorized, detail: "the internal token is invalid or expired")
        }
        return try await next(request, context)
    }
}
