/// One piece of markup as `HTMLTokenizer` reads it.
enum HTMLToken: Equatable, Sendable {
    /// Text with its character references decoded.
    case text(String)
    /// A start tag: lower-cased name, attributes in order (names lower-cased,
    /// values decoded), and whether it ended in `/>`.
    case startTag(name: String, attributes: [HTMLAttribute], selfClosing: Bool)
    case endTag(name: String)
}

struct HTMLAttribute: Equatable, Sendable {
    var name: String
    var value: String
}

/// A single forward pass over HTML that yields text and tags, and swallows
/// comments, CDATA sections, doctypes and processing instructions.
///
/// It follows the browser tokenizer where that matters for what comes out:
/// `<` not followed by a letter is text, a tag cut off by the end of input is
/// dropped, and the contents of `script`, `style`, `textarea` and the other raw
/// text elements run to their own end tag without being read as markup. Every
/// character is visited a bounded number of times, so the cost is linear in
/// the input whatever it holds.
struct HTMLTokenizer {
    /// Elements whose contents are text up to their own end tag, never markup.
    static let rawTextElements: Set<String> = [
        "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title", "plaintext",
    ]
    /// Raw text elements whose contents still decode character references.
    static let escapableRawTextElements: Set<String> = ["textarea", "title"]

    private let scalars: [Unicode.Scalar]
    private var index = 0
    /// Set after a raw text element's start tag: its contents come next.
    private var rawTextEnd: String?

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    mutating func next() -> HTMLToken? {
        if let name = rawTextEnd {
            rawTextEnd = nil
            let contents = rawText(until: name)
            if !contents.isEmpty {
                let text =
                    Self.escapableRawTextElements.contains(name)
                    ? decoded(contents) : String(String.UnicodeScalarView(contents))
                return .text(text)
            }
        }
        while index < scalars.count {
            if scalars[index] == "<", let token = markup() {
                return token
            }
            if index < scalars.count, scalars[index] != "<" || !opensMarkup(at: index) {
                return .text(text())
            }
        }
        return nil
    }

    /// Text up to the next `<` that opens markup, character references decoded.
    private mutating func text() -> String {
        let start = index
        index += 1
        while index < scalars.count, scalars[index] != "<" || !opensMarkup(at: index) { index += 1 }
        return decoded(scalars[start..<index])
    }

    private func decoded(_ slice: ArraySlice<Unicode.Scalar>) -> String {
        var output = String.UnicodeScalarView()
        HTMLEntities.decode(slice, into: &output)
        return String(output)
    }

    /// Whether the `<` at `position` starts a tag, end tag, comment or declaration.
    private func opensMarkup(at position: Int) -> Bool {
        guard position + 1 < scalars.count else { return false }
        let next = scalars[position + 1]
        if Self.isASCIILetter(next) || next == "!" || next == "?" { return true }
        return next == "/" && position + 2 < scalars.count
    }

    /// The markup at `index` (a `<` that opens some): a tag token, or nil after
    /// skipping a comment, declaration or a tag the input cut off.
    private mutating func markup() -> HTMLToken? {
        guard opensMarkup(at: index) else { return nil }
        let next = scalars[index + 1]
        if next == "!" {
            skipDeclaration()
            return nil
        }
        if next == "?" {
            skip(past: ">")
            return nil
        }
        if next == "/" {
            index += 2
            guard index < scalars.count, Self.isASCIILetter(scalars[index]) else {
                skip(past: ">")  // `</>` and `</ 1>` are bogus comments
                return nil
            }
            let name = tagName()
            _ = attributes()
            guard index < scalars.count else { return nil }
            index += 1  // `>`
            return .endTag(name: name)
        }
        index += 1
        let name = tagName()
        let (attributes, selfClosing) = attributes()
        guard index < scalars.count else { return nil }  // cut off: dropped, as browsers do
        index += 1  // `>`
        if Self.rawTextElements.contains(name) { rawTextEnd = name }
        return .startTag(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    /// `<!-- … -->`, `<![CDATA[ … ]]>`, `<!DOCTYPE …>` and other `<!…>`: skipped whole.
    private mutating func skipDeclaration() {
        index += 2
        if matches("--") {
            index += 2
            // `<!-->` and `<!--->` end at once, as in a browser.
            if matches(">") {
                index += 1
                return
            }
            if matches("->") {
                index += 2
                return
            }
            while index < scalars.count {
                if matches("-->") {
                    index += 3
                    return
                }
                if matches("--!>") {
                    index += 4
                    return
                }
                index += 1
            }
        } else if matches("[CDATA[") {
            index += 7
            while index < scalars.count, !matches("]]>") { index += 1 }
            index = min(scalars.count, index + 3)
        } else {
            skip(past: ">")
        }
    }

    private mutating func skip(past terminator: Unicode.Scalar) {
        while index < scalars.count, scalars[index] != terminator { index += 1 }
        index = min(scalars.count, index + 1)
    }

    private func matches(_ literal: String) -> Bool {
        var position = index
        for scalar in literal.unicodeScalars {
            guard position < scalars.count, scalars[position] == scalar else { return false }
            position += 1
        }
        return true
    }

    /// The tag name at `index`, lower-cased: up to whitespace, `/` or `>`.
    private mutating func tagName() -> String {
        var name = String.UnicodeScalarView()
        while index < scalars.count {
            let scalar = scalars[index]
            if Self.isWhitespace(scalar) || scalar == "/" || scalar == ">" { break }
            name.append(Self.asciiLowercased(scalar))
            index += 1
        }
        return String(name)
    }

    /// Attributes up to the tag's `>` (left at `index`), and whether `/>` closed it.
    private mutating func attributes() -> ([HTMLAttribute], Bool) {
        var attributes: [HTMLAttribute] = []
        var selfClosing = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == ">" { break }
            if Self.isWhitespace(scalar) {
                index += 1
                continue
            }
            if scalar == "/" {
                index += 1
                selfClosing = index < scalars.count && scalars[index] == ">"
                continue
            }
            selfClosing = false
            var name = String.UnicodeScalarView()
            name.append(Self.asciiLowercased(scalar))
            index += 1
            while index < scalars.count {
                let character = scalars[index]
                if Self.isWhitespace(character) || character == "/" || character == ">" || character == "=" { break }
                name.append(Self.asciiLowercased(character))
                index += 1
            }
            while index < scalars.count, Self.isWhitespace(scalars[index]) { index += 1 }
            var value = ""
            if index < scalars.count, scalars[index] == "=" {
                index += 1
                while index < scalars.count, Self.isWhitespace(scalars[index]) { index += 1 }
                value = attributeValue()
            }
            attributes.append(HTMLAttribute(name: String(name), value: value))
        }
        return (attributes, selfClosing)
    }

    /// A quoted or unquoted attribute value at `index`, decoded.
    private mutating func attributeValue() -> String {
        guard index < scalars.count else { return "" }
        let quote = scalars[index]
        if quote == "\"" || quote == "'" {
            index += 1
            let start = index
            while index < scalars.count, scalars[index] != quote { index += 1 }
            let value = decoded(scalars[start..<index])
            index = min(scalars.count, index + 1)
            return value
        }
        let start = index
        while index < scalars.count, !Self.isWhitespace(scalars[index]), scalars[index] != ">" { index += 1 }
        return decoded(scalars[start..<index])
    }

    /// A raw text element's contents: everything up to `</name` followed by
    /// whitespace, `/` or `>` (any case), or to the end of input.
    private mutating func rawText(until name: String) -> ArraySlice<Unicode.Scalar> {
        let start = index
        let nameScalars = Array(name.unicodeScalars)
        while index < scalars.count {
            if scalars[index] == "<", index + 1 < scalars.count, scalars[index + 1] == "/",
                closesRawText(at: index + 2, name: nameScalars)
            {
                return scalars[start..<index]
            }
            index += 1
        }
        return scalars[start..<index]
    }

    private func closesRawText(at position: Int, name: [Unicode.Scalar]) -> Bool {
        guard position + name.count <= scalars.count else { return false }
        for (offset, scalar) in name.enumerated() where Self.asciiLowercased(scalars[position + offset]) != scalar {
            return false
        }
        let after = position + name.count
        guard after < scalars.count else { return true }
        return Self.isWhitespace(scalars[after]) || scalars[after] == "/" || scalars[after] == ">"
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
    }

    static func asciiLowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
    }
}
