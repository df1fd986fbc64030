import Foundation

/// The clean-up every extracted text gets, whatever it came from, so the parser
/// sees one shape: NFC, LF line ends, ordinary spaces, no soft hyphens or
/// zero-width characters, ligatures spelt out, no trailing blanks on a line and
/// never more than one empty line in a row. Page breaks become empty lines.
enum ExtractedText {
    static func normalised(_ raw: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(raw.utf8.count)
        var previousWasCR = false
        for scalar in raw.precomposedStringWithCanonicalMapping.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A where previousWasCR:
                continue  // the CR already made the line end
            case 0x0D, 0x0A, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
                scalars.append("\n")
            case 0x09:
                scalars.append(scalar)
            case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                scalars.append(" ")
            case 0xAD, 0x200B, 0x2060, 0xFEFF:
                continue  // soft hyphen, zero-width space, word joiner, stray byte-order mark
            case 0x00...0x1F, 0x7F...0x9F:
                continue  // other control characters
            case 0xFFFD:
                continue  // what undecodable bytes became
            default:
                if let expansion = ligatures[scalar.value] {
                    scalars.append(contentsOf: expansion.unicodeScalars)
                } else {
                    scalars.append(scalar)
                }
            }
        }
        var lines: [Substring] = []
        var blankRun = 0
        for line in String(scalars).split(separator: "\n", omittingEmptySubsequences: false) {
            var end = line.endIndex
            while end > line.startIndex, let last = line[line.index(before: end)].unicodeScalars.first,
                last == " " || last == "\t"
            {
                end = line.index(before: end)
            }
            let trimmed = line[line.startIndex..<end]
            if trimmed.isEmpty {
                blankRun += 1
                if blankRun > 1 || lines.isEmpty { continue }
            } else {
                blankRun = 0
            }
            lines.append(trimmed)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Letters that are not whitespace: how much text a document really holds.
    static func visibleCharacterCount(_ text: String) -> Int {
        var count = 0
        for scalar in text.unicodeScalars where !scalar.properties.isWhitespace { count += 1 }
        return count
    }

    /// Typographic ligatures (Unicode's Alphabetic Presentation Forms) that PDFs
    /// built with TeX or InDesign leave in the text.
    static let ligatures: [UInt32: String] = [
        0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st",
    ]
}
