import Foundation

/// A web address from an export, checked before it reaches a profile page as a
/// link: http or https only (never `javascript:` or `file:`), a host with a dot,
/// no spaces. "jane.dev" and "www.jane.dev" get an https scheme.
enum WebAddress {
    /// The address as a link, or nil when `text` is not a usable web address.
    static func normalised(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 2_048, !trimmed.contains(where: \.isWhitespace) else { return nil }
        let candidate: String
        if trimmed.contains("://") {
            candidate = trimmed
        } else if !trimmed.contains(":"), let first = trimmed.split(separator: "/").first, first.contains(".") {
            candidate = "https://" + trimmed
        } else {
            return nil
        }
        guard let components = URLComponents(string: candidate),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, host.contains("."), !host.hasPrefix("."), !host.hasSuffix("."),
            host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" })
        else { return nil }
        return candidate
    }

    /// A plausible e-mail address: one "@", something before it, a dotted domain after.
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }
}
