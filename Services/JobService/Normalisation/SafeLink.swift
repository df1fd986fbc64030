/// Which link targets a sanitised description may keep: absolute `http`,
/// `https` and `mailto` URLs, nothing else.
///
/// The check runs on the attribute value after its character references are
/// decoded, with what a browser's URL parser ignores (tabs and line breaks
/// anywhere, control characters and spaces at the ends) already removed, and
/// the sanitiser writes exactly that cleaned value back out, re-escaped. So the
/// browser reads the same URL that was checked: `jav&#x61;script:`,
/// `JaVaScRiPt:`, `java\tscript:` and ` javascript:` are all refused, and so are
/// relative and scheme-relative (`//host`) links, which would point into our own site.
enum SafeLink {
    static let maximumLength = 2048
    static let allowedPrefixes = ["http://", "https://", "mailto:"]

    /// The URL to write out, or nil when the link must go.
    static func href(_ decodedValue: String) -> String? {
        let kept = decodedValue.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        guard let start = kept.firstIndex(where: { $0.value > 0x20 }),
            let end = kept.lastIndex(where: { $0.value > 0x20 })
        else { return nil }
        let scalars = kept[start...end]
        guard !scalars.isEmpty, scalars.count <= maximumLength else { return nil }
        // A control character left inside is never part of a link a posting means.
        guard !scalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        let url = String(String.UnicodeScalarView(scalars))
        let lowered = url.lowercased()
        guard let prefix = allowedPrefixes.first(where: { lowered.hasPrefix($0) }) else { return nil }
        let rest = lowered.dropFirst(prefix.count)
        guard let first = rest.first else { return nil }
        // "http:///x" and "https:/\\x" have no host a reader could check.
        if prefix != "mailto:", first == "/" || first == "\\" { return nil }
        return url
    }
}
