import Foundation

/// The pieces of an entry's title lines: the date cut out, the rest split at the
/// separators résumés put between title, company and place ("|", "—", " – ",
/// ", ", "·", a wide gap), with "Acme, Inc." and "Berlin, Germany" kept whole.
enum EntryParts {
    /// A line's date, and its text without it. A range counts anywhere; a lone date
    /// only at the start or end of a short line (`allowSingle`).
    static func dated(_ line: ResumeLine, referenceYear: Int, allowSingle: Bool) -> (date: DateSpan?, rest: String) {
        if line.cells.count > 1 {
            for (index, cell) in line.cells.enumerated() {
                guard let span = DateScanner.spans(in: cell, referenceYear: referenceYear).first,
                    span.isRange || allowSingle, span.range.count * 10 >= cell.count * 6
                else { continue }
                var cells = line.cells
                cells[index] = cell.removing(span.range)
                let rest = cells.map { $0.trimming(" ,;|·–—-:") }.filter { !$0.isEmpty }.joined(separator: " | ")
                return (span, rest)
            }
        }
        let text = plainText(line)
        let spans = DateScanner.spans(in: text, referenceYear: referenceYear)
        if let span = spans.first(where: \.isRange) {
            return (span, cut(span.range, from: text))
        }
        if allowSingle, let span = spans.first {
            let characters = Array(text)
            let before = String(characters[..<span.range.lowerBound]).trimming(" ,;|·–—-:(")
            let after = String(characters[span.range.upperBound...]).trimming(" ,;|·–—-:).")
            if before.isEmpty || after.isEmpty {
                return (span, cut(span.range, from: text))
            }
        }
        return (nil, text)
    }

    /// The line's text with its cells as parts of their own ("ACME CORPORATION⇥New York, NY").
    static func plainText(_ line: ResumeLine) -> String {
        line.cells.count > 1 ? line.cells.joined(separator: " | ") : line.content
    }

    /// The text with `range` cut out and a part boundary left in its place.
    static func cut(_ range: Range<Int>, from text: String) -> String {
        let characters = Array(text)
        let before = String(characters[..<range.lowerBound]).trimming(" ,;|·–—-:")
        let after = String(characters[range.upperBound...]).trimming(" ,;|·–—-:")
        // "(Amazon Web Services, 2021)": the bracket closes what came before.
        if after.hasPrefix(")") { return before + after }
        return [before, after].filter { !$0.isEmpty }.joined(separator: " | ")
    }

    /// The parts of a title line, in order.
    static func parts(of text: String) -> [String] {
        var pieces: [(text: String, afterComma: Bool)] = []
        var current = String.UnicodeScalarView()
        var depth = 0
        var afterComma = false
        let scalars = Array(text.unicodeScalars)
        func flush(comma: Bool) {
            let piece = String(current).trimming(" ,;|·•–—-:")
            if !piece.isEmpty { pieces.append((piece, afterComma)) }
            current = String.UnicodeScalarView()
            afterComma = comma
        }
        for (offset, scalar) in scalars.enumerated() {
            let spacedBefore = offset == 0 || scalars[offset - 1] == " "
            let next: Unicode.Scalar = offset + 1 < scalars.count ? scalars[offset + 1] : " "
            if scalar == "(" { depth += 1 }
            if scalar == ")" { depth = max(0, depth - 1) }
            if depth > 0 {
                current.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x7C, 0x2022, 0xB7, 0x25E6, 0x25AA, 0x2014, 0x3B, 0x09:  // | • · ◦ ▪ — ; tab
                flush(comma: false)
            case 0x2013 where spacedBefore && next == " ", 0x2D where spacedBefore && next == " ":  // – -
                flush(comma: false)
            case 0x2C where next == " " || next == ",":
                flush(comma: true)
            default:
                current.append(scalar)
            }
        }
        flush(comma: false)
        var merged: [String] = []
        for (piece, afterComma) in pieces {
            if afterComma, let last = merged.last {
                let words = piece.split(separator: " ")
                let isSuffix = words.allSatisfy {
                    ResumeVocabulary.companyMarkers.contains($0.lowercased()) || $0 == "&"
                }
                let joinedPlace = "\(last), \(piece)"
                if isSuffix && ResumeVocabulary.companyScore(piece) > 0
                    || PlaceNames.isPlace(joinedPlace) && PlaceNames.isPlace(piece)
                        && !(PlaceNames.city(in: last) != nil && PlaceNames.city(in: piece) != nil)
                {
                    merged[merged.count - 1] = joinedPlace
                    continue
                }
            }
            merged.append(piece)
        }
        return merged
    }

    /// A part's trailing "(Berlin)" or "(Remote)": the part without it, and the place.
    static func splitTrailingPlace(_ part: String) -> (String, String?) {
        guard part.hasSuffix(")"), let open = part.lastIndex(of: "(") else { return (part, nil) }
        let inner = String(part[part.index(after: open)..<part.index(before: part.endIndex)])
        guard PlaceNames.isPlace(inner) else { return (part, nil) }
        return (String(part[..<open]).trimmingSpaces, inner)
    }

    /// "Senior Engineer at Acme", "Entwicklerin bei Beispiel GmbH", "Engineer @ Acme".
    static func splitAt(_ part: String) -> (position: String, company: String)? {
        for marker in [" at ", " @ ", " bei "] {
            guard let range = part.range(of: marker) else { continue }
            let left = String(part[..<range.lowerBound]).trimmingSpaces
            let right = String(part[range.upperBound...]).trimmingSpaces
            guard !left.isEmpty, !right.isEmpty, ResumeVocabulary.roleScore(left) > 0,
                right.first?.isUppercase == true || right.first?.isNumber == true
            else { continue }
            return (left, right)
        }
        return nil
    }
}
