import HTTPTypes
import Hummingbird

/// Headers every API answer carries, errors included: no MIME sniffing, no
/// framing, no referrer leaks, no caching of personal data, and HSTS when the
/// service is reached over TLS.
public struct SecurityHeadersMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext

    let hsts: Bool

    public init(hsts: Bool) {
        self.hsts = hsts
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "no-referrer"
        response.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'"
        response.headers[Self.xFrameOptions] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if hsts { response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
        return response
    }

    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
