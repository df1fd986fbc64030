import Foundation

/// The little HTML work connectors do before the normaliser sanitises a
/// description: undoing Greenhouse's escaping, and writing plain text and list
/// sections into HTML.
enum BoardHTML {
    /// Greenhouse's `content` is HTML run through an HTML escaper ("&lt;p&gt;It&amp;#39;s…").
    /// This undoes exactly that layer, in one pass: `&amp;`, `&lt;`, `&gt;`,
    /// `&quot;`, `&#39;`/`&#x27;`/`&apos;` become their characters; every other
    /// reference is left as written, so "&amp;nbsp;" becomes the real HTML
    /// entity "&nbsp;", not a second decoding's character.
    static func unescapeOnce(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var rest = text[...]
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let candidate = rest[ampersand...]
            if let (character, length) = escapeLayerReferences.first(where: { candidate.hasPrefix($0.name) })
                .map({ ($0.character, $0.name.count) })
            {
                output.append(character)
                rest = candidate.dropFirst(length)
            } else {
                output.append("&")
                rest = candidate.dropFirst()
            }
        }
        output += rest
        return output
    }

    private static let escapeLayerReferences: [(name: String, character: Character)] = [
        ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"),
        ("&#X27;", "'"), ("&apos;", "'"), ("&#34;", "\""), ("&#60;", "<"), ("&#62;", ">"), ("&#38;", "&"),
    ]

    /// Plain text made safe to place inside HTML.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }

    /// Plain text as paragraphs, one per blank-line-separated block.
    static func paragraphs(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
            .map { "<p>" + escape($0).replacingOccurrences(of: "\n", with: "<br>") + "</p>" }
            .joined()
    }

    /// Text with its tags removed (Adzuna highlights search words in titles with `<strong>`).
    static func stripTags(_ text: String) -> String {
        guard text.contains("<") else { return text }
        var output = ""
        var inTag = false
        for character in text {
            if character == "<" {
                inTag = true
            } else if character == ">" && inTag {
                inTag = false
            } else if !inTag {
                output.append(character)
            }
        }
        return output
    }
}
