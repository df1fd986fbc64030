import Foundation

/// Links a posting carries (apply, attribution): absolute `http`/`https` URLs
/// with a host, nothing a browser would run or resolve against our own site.
enum WebURL {
    static let maximumLength = 2048

    /// The URL, trimmed and with inner spaces encoded, or nil when it is not an
    /// absolute web URL.
    static func validated(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: " ", with: "%20")
        guard !trimmed.isEmpty, trimmed.count <= maximumLength,
            !trimmed.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }),
            let components = URLComponents(string: trimmed),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return nil }
        return trimmed
    }
}
