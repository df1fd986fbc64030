import HTTPTypes
import Hummingbird

/// Refuses a declared body above the limit before reading any of it. Bodies
/// without a length are bounded where they are collected (`maxUploadSize`).
public struct BodyLimitMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > context.bodyLimit {
            throw ServiceError(.contentTooLarge, detail: "request body is larger than \(context.bodyLimit) bytes")
        }
        return try await next(request, context)
    }
}
