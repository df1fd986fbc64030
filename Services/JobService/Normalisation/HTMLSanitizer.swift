import Foundation

/// Turns a posting's untrusted description (HTML, escaped HTML or plain text)
/// into safe HTML and plain text, in one linear pass.
///
/// The safe HTML is written from scratch, never copied: text is re-escaped,
/// only allow-listed tags come out, and no attribute survives but a checked
/// `href` on `a` (with `rel="nofollow noopener noreferrer"`). So however the
/// input is crafted, the output holds no script, style, event handler or
/// script URL. `script`, `style`, `iframe`, `object`, `embed`, `svg`, `math`,
/// `template`, `noscript` and similar go with everything inside them; other
/// unknown tags go but their text stays. Open tags are closed, `h1`/`h2` become
/// `h3` (the page owns the top headings), and nesting stops at
/// `maximumDepth`. Input past `maximumInputLength` characters (Unicode
/// scalars) is ignored, so a hostile posting can't stall ingestion.
enum HTMLSanitizer {
    struct Output: Sendable, Equatable {
        var html: String
        var text: String
    }

    static let maximumInputLength = 200_000
    static let maximumDepth = 64

    /// Tags kept (as the name written out).
    static let allowedElements: [String: String] = [
        "p": "p", "br": "br", "hr": "hr", "ul": "ul", "ol": "ol", "li": "li", "strong": "strong", "b": "b",
        "em": "em", "i": "i", "u": "u", "h1": "h3", "h2": "h3", "h3": "h3", "h4": "h4", "h5": "h5", "h6": "h6",
        "blockquote": "blockquote", "code": "code", "pre": "pre", "a": "a", "table": "table", "thead": "thead",
        "tbody": "tbody", "tr": "tr", "th": "th", "td": "td",
    ]
    static let voidElements: Set<String> = ["br", "hr"]

    /// Elements removed together with everything inside them.
    static let droppedWithContents: Set<String> = [
        "script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript", "textarea", "title",
        "select", "xmp", "noembed", "noframes", "plaintext", "applet", "frameset", "frame",
    ]
    /// Dropped elements that never have contents.
    static let voidDropped: Set<String> = ["embed", "frame"]

    /// Unlisted block elements: the tag goes, but a line break keeps their
    /// contents apart from their neighbours'.
    static let blockElements: Set<String> = [
        "div", "section", "article", "header", "footer", "main", "aside", "nav", "address", "figure", "figcaption",
        "dl", "dt", "dd", "center", "form", "fieldset", "details", "summary", "caption", "tfoot", "body", "html",
        "legend", "hgroup", "menu", "dir", "listing",
    ]
    /// Kept elements that separate paragraphs in the plain text.
    static let paragraphElements: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table"]
    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
    /// Kept block elements: they close an open `p`, as in a browser.
    static let closesParagraph: Set<String> = paragraphElements.union(["ul", "ol", "hr"])
    /// Kept elements that start a new line of HTML.
    static let startsLine: Set<String> = closesParagraph.union(["li", "tr", "td", "th"])
    /// Containers whose direct children are elements, not text or `<br>`.
    static let structuralContainers: Set<String> = ["ul", "ol", "table", "thead", "tbody", "tr"]

    static let linkRel = "nofollow noopener noreferrer"

    static func sanitize(_ input: String) -> Output {
        var scalars = Array(input.unicodeScalars.prefix(maximumInputLength))
        // Some boards send HTML escaped once more ("&lt;p&gt;Hello&lt;/p&gt;"): unwrap it.
        if !containsMarkup(scalars), looksEscaped(scalars) {
            var unescaped = String.UnicodeScalarView()
            HTMLEntities.decode(scalars[...], into: &unescaped)
            scalars = Array(unescaped)
        }
        guard containsMarkup(scalars) else {
            return PlainTextMarkup.render(HTMLEntities.decode(String(String.UnicodeScalarView(scalars))))
        }
        var sanitizer = Sanitizer()
        var tokenizer = HTMLTokenizer(scalars)
        while let token = tokenizer.next() { sanitizer.consume(token) }
        return sanitizer.finish()
    }

    /// Whether any `<` opens a tag, end tag, comment or declaration.
    static func containsMarkup(_ scalars: [Unicode.Scalar]) -> Bool {
        var index = 0
        while index + 1 < scalars.count {
            if scalars[index] == "<" {
                let next = scalars[index + 1]
                if HTMLTokenizer.isASCIILetter(next) || next == "!" || next == "?" || next == "/" { return true }
            }
            index += 1
        }
        return false
    }

    /// "&lt;" right before a letter or "/": markup escaped as text.
    static func looksEscaped(_ scalars: [Unicode.Scalar]) -> Bool {
        let marker = Array("&lt;".unicodeScalars)
        var index = 0
        while index + marker.count < scalars.count {
            if scalars[index] == "&", Array(scalars[index..<index + marker.count]) == marker {
                let next = scalars[index + marker.count]
                if HTMLTokenizer.isASCIILetter(next) || next == "/" { return true }
            }
            index += 1
        }
        return false
    }

    static func escapeText(_ text: some StringProtocol, into output: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\u{0}": continue
            default:
                // C0 controls other than whitespace are not allowed in HTML text.
                if scalar.value < 0x20, scalar != "\n", scalar != "\t", scalar != "\r" { continue }
                output.unicodeScalars.append(scalar)
            }
        }
    }

    static func escapeAttribute(_ value: String) -> String {
        var output = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}

/// The sanitiser's state while it reads tokens.
private struct Sanitizer {
    struct OpenElement {
        /// The name in the input ("h1"), which its end tag uses.
        var name: String
        /// Whether a start tag was written (an `a` without a safe link is not).
        var written: Bool
    }

    var html = ""
    var plain = PlainTextWriter()
    var open: [OpenElement] = []
    /// Inside an element removed with its contents: its name and nesting depth.
    var dropping: (name: String, depth: Int)?
    /// Whether the current HTML line has visible inline content, so an unlisted
    /// block tag needs a `<br>` to keep its text on a line of its own.
    var lineHasInline = false
    /// A `<br>` owed by an unlisted block tag, written before the next inline
    /// content (never at the end, nor before a kept block that breaks anyway).
    var owesLineBreak = false
    var preDepth = 0

    mutating func consume(_ token: HTMLToken) {
        if let (name, depth) = dropping {
            switch token {
            case .startTag(let tag, _, let selfClosing) where tag == name && !selfClosing:
                dropping = (name, depth + 1)
            case .endTag(let tag) where tag == name:
                dropping = depth > 1 ? (name, depth - 1) : nil
            default:
                break
            }
            return
        }
        switch token {
        case .text(let text):
            writeText(text)
        case .startTag(let name, let attributes, let selfClosing):
            start(name, attributes: attributes, selfClosing: selfClosing)
        case .endTag(let name):
            end(name)
        }
    }

    mutating func finish() -> HTMLSanitizer.Output {
        close(downTo: 0)
        return HTMLSanitizer.Output(
            html: html.trimmingCharacters(in: .whitespacesAndNewlines), text: plain.text)
    }

    private mutating func writeText(_ text: String) {
        let visible = text.contains { !$0.isWhitespace }
        // Indentation between block tags: nothing to show.
        if !visible,
            HTMLSanitizer.structuralContainers.contains(open.last?.name ?? "") || (open.isEmpty && !lineHasInline)
        {
            return
        }
        if visible { payOwedLineBreak() }
        HTMLSanitizer.escapeText(text, into: &html)
        plain.write(text, preservingNewlines: preDepth > 0)
        if visible { lineHasInline = true }
    }

    private mutating func start(_ name: String, attributes: [HTMLAttribute], selfClosing: Bool) {
        if HTMLSanitizer.droppedWithContents.contains(name) {
            let hasNoContents =
                HTMLSanitizer.voidDropped.contains(name) || (selfClosing && ["svg", "math"].contains(name))
            if !hasNoContents { dropping = (name, 1) }
            return
        }
        if HTMLSanitizer.blockElements.contains(name) {
            blockBoundary()
            return
        }
        guard let outputName = HTMLSanitizer.allowedElements[name] else { return }
        if name == "br" {
            owesLineBreak = false
            html += "<br>"
            plain.lineBreak()
            lineHasInline = false
            return
        }
        closeImplied(by: name)
        if name == "hr" {
            owesLineBreak = false
            html += "<hr>"
            plain.requestBreak(.paragraph)
            lineHasInline = false
            return
        }
        guard open.count < HTMLSanitizer.maximumDepth else { return }
        if HTMLSanitizer.startsLine.contains(name) {
            owesLineBreak = false
        } else {
            payOwedLineBreak()
        }
        if name == "a" {
            let href = attributes.first { $0.name == "href" }.flatMap { SafeLink.href($0.value) }
            if let href {
                html += "<a href=\"\(HTMLSanitizer.escapeAttribute(href))\" rel=\"\(HTMLSanitizer.linkRel)\">"
            }
            open.append(OpenElement(name: name, written: href != nil))
            return
        }
        html += "<\(outputName)>"
        open.append(OpenElement(name: name, written: true))
        layoutStart(name)
    }

    private mutating func end(_ name: String) {
        if HTMLSanitizer.blockElements.contains(name) {
            blockBoundary()
            return
        }
        if name == "br" {
            start("br", attributes: [], selfClosing: false)
            return
        }
        let matchesAnyHeading = HTMLSanitizer.headings.contains(name)
        guard
            let index = open.lastIndex(where: {
                $0.name == name || (matchesAnyHeading && HTMLSanitizer.headings.contains($0.name))
            })
        else {
            if name == "p" { plain.requestBreak(.paragraph) }
            return
        }
        close(downTo: index)
    }

    /// Closes the open elements from the top down to (and including) `index`.
    private mutating func close(downTo index: Int) {
        while open.count > index, let element = open.popLast() {
            if element.written, let outputName = HTMLSanitizer.allowedElements[element.name] {
                html += "</\(outputName)>"
            }
            layoutEnd(element.name)
        }
    }

    /// What a browser closes on its own before `name` opens: a paragraph before
    /// a block, a list item before the next, a cell before the next, a link before a link.
    private mutating func closeImplied(by name: String) {
        if HTMLSanitizer.closesParagraph.contains(name) {
            closeOpen(["p"], stoppingAt: ["li", "td", "th", "blockquote"])
        }
        if HTMLSanitizer.headings.contains(name) {
            closeOpen(HTMLSanitizer.headings, stoppingAt: ["li", "td", "th", "blockquote"])
        }
        switch name {
        case "li": closeOpen(["li"], stoppingAt: ["ul", "ol"])
        case "tr": closeOpen(["tr"], stoppingAt: ["table"])
        case "td", "th": closeOpen(["td", "th"], stoppingAt: ["tr", "table"])
        case "thead", "tbody": closeOpen(["thead", "tbody"], stoppingAt: ["table"])
        case "a": closeOpen(["a"], stoppingAt: [])
        default: break
        }
    }

    private mutating func closeOpen(_ names: Set<String>, stoppingAt boundaries: Set<String>) {
        for index in open.indices.reversed() {
            if names.contains(open[index].name) {
                close(downTo: index)
                return
            }
            if boundaries.contains(open[index].name) { return }
        }
    }

    /// An unlisted block element starts or ends: a `<br>` is owed if the line has text.
    private mutating func blockBoundary() {
        if lineHasInline { owesLineBreak = true }
        lineHasInline = false
        plain.requestBreak(.line)
    }

    private mutating func payOwedLineBreak() {
        if owesLineBreak, !HTMLSanitizer.structuralContainers.contains(open.last?.name ?? "") {
            html += "<br>"
        }
        owesLineBreak = false
    }

    private mutating func layoutStart(_ name: String) {
        switch name {
        case "li":
            plain.startListItem()
        case "td", "th":
            plain.separate()
        case "pre":
            preDepth += 1
            plain.requestBreak(.paragraph)
        case "ul", "ol", "tr":
            plain.requestBreak(.line)
        default:
            // A paragraph inside a list item (`<li><p>…</p></li>`) stays on the item's line.
            let inListItem = open.count >= 2 && open[open.count - 2].name == "li"
            if HTMLSanitizer.paragraphElements.contains(name), !inListItem { plain.requestBreak(.paragraph) }
        }
        if HTMLSanitizer.startsLine.contains(name) { lineHasInline = false }
    }

    private mutating func layoutEnd(_ name: String) {
        switch name {
        case "li", "ul", "ol", "tr":
            plain.requestBreak(.line)
        case "td", "th":
            plain.separate()
        case "pre":
            preDepth -= 1
            plain.requestBreak(.paragraph)
        default:
            if HTMLSanitizer.paragraphElements.contains(name) {
                plain.requestBreak(open.last?.name == "li" ? .line : .paragraph)
            }
        }
        if HTMLSanitizer.startsLine.contains(name) { lineHasInline = false }
    }
}
