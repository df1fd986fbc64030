import Foundation
import HTTPTypes
import Hummingbird
import Security
import ServiceKit

/// Cross-site request forgery defence for cookie-authenticated requests.
///
/// Cookies ride along on any cross-site form post — including
/// `multipart/form-data`, which is a CORS "simple" request with no preflight —
/// so an unsafe method authenticated by cookie must prove it came from our own
/// page twice over: an `Origin` (or, failing that, `Referer`) on the allowlist,
/// and an `X-CSRF-Token` header equal to the CSRF cookie (double submit; a
/// foreign page can neither read the cookie nor set the header cross-origin
/// without a preflight we refuse). Bearer-token requests carry no ambient
/// credential and skip this.
struct CSRFGuard: Sendable {
    static let headerName = HTTPField.Name("X-CSRF-Token")!
    static let safeMethods: Set<HTTPRequest.Method> = [.get, .head, .options]

    let allowedOrigins: Set<String>
    let cookies: SessionCookies

    /// Throws 403 unless the request is safe or carries both proofs.
    func check(_ request: Request) throws {
        if Self.safeMethods.contains(request.method) { return }
        try checkOrigin(request, required: true)
        guard let header = request.headers[Self.headerName], let cookie = request.cookie(cookies.csrfName),
            ConstantTime.equals(Array(header.utf8), Array(cookie.utf8))
        else {
            throw ServiceError(
                .forbidden, title: "CSRF check failed",
                detail: "cookie-authenticated requests must send the \(cookies.csrfName) cookie's value in X-CSRF-Token"
            )
        }
    }

    /// The request's origin must be allowlisted; when `required` is false a request
    /// without Origin or Referer (a non-browser client) passes.
    func checkOrigin(_ request: Request, required: Bool) throws {
        guard let origin = Self.origin(of: request) else {
            if required {
                throw ServiceError(
                    .forbidden, title: "CSRF check failed", detail: "the request has no Origin or Referer header")
            }
            return
        }
        guard allowedOrigins.contains(origin) else {
            throw ServiceError(
                .forbidden, title: "CSRF check failed", detail: "origin \(origin) is not allowed")
        }
    }

    /// `scheme://host[:port]` from `Origin`, else from `Referer`; "null" counts as foreign.
    static func origin(of request: Request) -> String? {
        if let origin = request.headers[.origin] { return origin }
        guard let referer = request.headers[.referer], let url = URLComponents(string: referer),
            let scheme = url.scheme, let host = url.host
        else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }
}
