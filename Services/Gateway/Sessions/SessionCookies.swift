import Foundation
import HTTPTypes
import Hummingbird

/// The cookies a browser session lives in. With `Secure` they carry the
/// `__Host-` prefix, which makes the browser refuse them unless they are Secure,
/// host-only and `Path=/` — a sibling subdomain cannot plant or overwrite them.
/// Plain-HTTP localhost development (`COOKIE_SECURE=false`) drops both.
struct SessionCookies: Sendable {
    let secure: Bool

    var accessName: String { secure ? "__Host-cg_access" : "cg_access" }
    var refreshName: String { secure ? "__Host-cg_refresh" : "cg_refresh" }
    /// Readable by the page's script, which echoes it in `X-CSRF-Token` (double submit).
    var csrfName: String { secure ? "__Host-cg_csrf" : "cg_csrf" }
    /// Binds an OAuth `state` to the browser that started the login.
    var oauthName: String { secure ? "__Host-cg_oauth" : "cg_oauth" }

    func cookie(_ name: String, value: String, maxAge: Int, httpOnly: Bool = true) -> String {
        var parts = ["\(name)=\(value)", "Path=/", "Max-Age=\(maxAge)", "SameSite=Lax"]
        if httpOnly { parts.append("HttpOnly") }
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }

    /// Set-Cookie values for a freshly issued session.
    func issue(
        accessToken: String, accessMaxAge: Int, refreshToken: String, refreshMaxAge: Int, csrfToken: String
    )
        -> [String]
    {
        [
            cookie(accessName, value: accessToken, maxAge: accessMaxAge),
            cookie(refreshName, value: refreshToken, maxAge: refreshMaxAge),
            cookie(csrfName, value: csrfToken, maxAge: refreshMaxAge, httpOnly: false),
        ]
    }

    func clear() -> [String] {
        [
            cookie(accessName, value: "", maxAge: 0), cookie(refreshName, value: "", maxAge: 0),
            cookie(csrfName, value: "", maxAge: 0, httpOnly: false),
        ]
    }
}

extension Request {
    /// A cookie's value, parsed from every `Cookie` header (RFC 6265 §5.4).
    func cookie(_ name: String) -> String? {
        for header in headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let trimmed = pair.trimmingCharacters(in: .whitespaces)
                guard let equals = trimmed.firstIndex(of: "=") else { continue }
                if trimmed[..<equals] == name {
                    let value = trimmed[trimmed.index(after: equals)...]
                    return value.isEmpty ? nil : String(value)
                }
            }
        }
        return nil
    }
}

extension HTTPFields {
    mutating func appendCookies(_ cookies: [String]) {
        for cookie in cookies { append(HTTPField(name: .setCookie, value: cookie)) }
    }
}
