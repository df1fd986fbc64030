/// Builds a description's plain text from text runs and layout requests: runs
/// of whitespace become one space, lines carry no leading or trailing spaces,
/// and there is never more than one blank line in a row.
///
/// Layout is asked for, not written: a line or paragraph break waits until the
/// next visible character, so empty elements and trailing breaks leave nothing
/// behind. The skill reader depends on this shape: a heading on its own line,
/// each list item on its own line opened by "• ".
struct PlainTextWriter {
    enum Break: Int, Comparable {
        case line = 1
        case paragraph = 2

        static func < (lhs: Break, rhs: Break) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    static let listItemPrefix = "• "

    private(set) var text = ""
    private var pendingBreak: Break?
    private var pendingSpace = false
    private var pendingPrefix: String?
    private var lineHasContent = false

    /// Appends `run`; newlines count as line breaks only when `preservingNewlines`
    /// (inside `pre`), otherwise as spaces.
    mutating func write(_ run: some StringProtocol, preservingNewlines: Bool = false) {
        for character in run {
            if character.isNewline, preservingNewlines {
                lineBreak()
            } else if character.isWhitespace {
                pendingSpace = lineHasContent
            } else if Self.isInvisible(character) {
                continue
            } else {
                flushPending()
                text.append(character)
                lineHasContent = true
            }
        }
    }

    /// A block boundary: the next text starts a new line (or paragraph).
    mutating func requestBreak(_ requested: Break) {
        pendingBreak = max(pendingBreak ?? requested, requested)
        pendingSpace = false
    }

    /// `<br>`: a new line, and a blank line when it follows another break request
    /// with nothing written in between (`<br><br>`).
    mutating func lineBreak() {
        requestBreak(pendingBreak == nil ? .line : .paragraph)
    }

    /// A list item: a new line opened by "• ", written only if the item has text.
    mutating func startListItem() {
        requestBreak(.line)
        pendingPrefix = Self.listItemPrefix
    }

    /// A space between neighbouring table cells.
    mutating func separate() {
        pendingSpace = lineHasContent
    }

    private mutating func flushPending() {
        if let pendingBreak {
            if !text.isEmpty { text.append(pendingBreak == .paragraph ? "\n\n" : "\n") }
            self.pendingBreak = nil
            lineHasContent = false
            pendingSpace = false
        }
        if let prefix = pendingPrefix {
            if lineHasContent { text.append("\n") }
            text.append(prefix)
            pendingPrefix = nil
            lineHasContent = true
            pendingSpace = false
        }
        if pendingSpace {
            text.append(" ")
            pendingSpace = false
        }
    }

    /// Control characters, soft hyphens and zero-width marks that only confuse
    /// search and the skill reader.
    static func isInvisible(_ character: Character) -> Bool {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }
}
