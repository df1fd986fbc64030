/// What an upload is, from its first bytes. The file name only tells Markdown
/// from plain text; it never makes a PDF of a ZIP or a résumé of a binary.
enum DocumentSignature: Equatable {
    case pdf
    case zip
    case ole2
    case text(String, markdown: Bool)
    case unsupported

    static let markdownExtensions: Set<String> = ["md", "markdown", "mdown", "mkd"]

    init(_ bytes: [UInt8], filename: String?) {
        if Self.isPDF(bytes) {
            self = .pdf
        } else if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            self = .zip
        } else if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            self = .ole2
        } else if let text = Self.decodedText(bytes), !Self.isOtherMarkup(text) {
            let named = filename.map { Self.markdownExtensions.contains(Self.fileExtension($0)) } ?? false
            self = .text(text, markdown: named || Self.looksLikeMarkdown(text))
        } else {
            self = .unsupported
        }
    }

    /// `%PDF-` within the first 1024 bytes, where readers look for it (some
    /// producers put a byte-order mark or junk before it).
    static func isPDF(_ bytes: [UInt8]) -> Bool {
        let marker: [UInt8] = Array("%PDF-".utf8)
        let window = bytes.prefix(1024)
        guard window.count >= marker.count else { return false }
        for start in window.startIndex...(window.endIndex - marker.count)
        where window[start] == 0x25 && window[start..<start + marker.count].elementsEqual(marker) {
            return true
        }
        return false
    }

    /// UTF-8 (with or without a byte-order mark) or UTF-16 with one; nil for
    /// anything else, or for text holding NUL or many control characters (a binary).
    static func decodedText(_ bytes: [UInt8]) -> String? {
        let text: String?
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let bigEndian = bytes[1] == 0xFF
            let body = bytes.dropFirst(2)
            guard body.count.isMultiple(of: 2) else { return nil }
            var units: [UInt16] = []
            units.reserveCapacity(body.count / 2)
            var index = body.startIndex
            while index < body.endIndex {
                let first = UInt16(body[index])
                let second = UInt16(body[index + 1])
                units.append(bigEndian ? first << 8 | second : second << 8 | first)
                index += 2
            }
            text = String(validating: units, as: UTF16.self)
        } else {
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
            text = String(validating: body, as: UTF8.self)
        }
        guard let text else { return nil }
        var controls = 0
        var scalars = 0
        for scalar in text.unicodeScalars {
            scalars += 1
            if scalar.value == 0 { return nil }
            if scalar.value < 0x20, scalar != "\n", scalar != "\r", scalar != "\t", scalar != "\u{0C}" {
                controls += 1
            }
        }
        return controls * 100 > scalars ? nil : text
    }

    /// Text formats we do not read as résumés: RTF, HTML and XML would arrive as
    /// markup soup.
    static func isOtherMarkup(_ text: String) -> Bool {
        let head = text.prefix(256).drop { $0.isWhitespace || $0 == "\u{FEFF}" }.prefix(64).lowercased()
        return head.hasPrefix("{\\rtf") || head.hasPrefix("<?xml") || head.hasPrefix("<!doctype html")
            || head.hasPrefix("<html")
    }

    /// Markdown without a `.md` name: ATX headings ("## Experience") together
    /// with a second heading, emphasis or a link. Plain-text résumés use "-"
    /// bullets too, so bullets alone do not count.
    static func looksLikeMarkdown(_ text: String) -> Bool {
        var headings = 0
        var inlineMarkup = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(400) {
            let hashes = line.prefix { $0 == "#" }.count
            if (1...6).contains(hashes), line.dropFirst(hashes).first == " " { headings += 1 }
            if !inlineMarkup, line.contains("**") || line.contains("](") { inlineMarkup = true }
            if headings >= 2 || (headings == 1 && inlineMarkup) { return true }
        }
        return false
    }

    static func fileExtension(_ filename: String) -> String {
        guard let dot = filename.lastIndex(of: "."), dot != filename.startIndex else { return "" }
        return filename[filename.index(after: dot)...].lowercased()
    }
}
