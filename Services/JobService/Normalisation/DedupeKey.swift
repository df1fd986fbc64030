import Contracts
import Foundation

/// The key that makes one opening posted to two boards one posting:
/// `company|title|location`, each lower-cased, accents folded, punctuation
/// removed and spaces collapsed.
///
/// - Company: legal suffixes dropped from the end ("Acme, Inc." and "ACME"
///   meet; Inc, LLC, Ltd, GmbH, AG, Corp, Co, PLC, SA, BV, …).
/// - Title: "Sr." is "senior", "Jr." "junior", "&" "and"; brackets go but their
///   words stay, except workplace words ("(Remote)", "- Hybrid"), which the
///   location part already carries.
/// - Location: the first one, or "remote" for a remote posting wherever it is
///   listed ("Remote - US" on one board, "Anywhere" on the other).
enum DedupeKey {
    static let legalSuffixes: Set<String> = [
        "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "gmbh", "ag", "corp", "corporation", "co",
        "company", "plc", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ab", "as", "asa", "oy", "oyj", "pty",
        "pte", "kg", "se", "ug", "mbh", "holdings", "kk",
    ]
    static let titleSynonyms: [String: String] = ["sr": "senior", "snr": "senior", "jr": "junior"]
    static let workplaceWords: Set<String> = ["remote", "hybrid", "onsite"]

    static func make(company: String, title: String, locations: [String], workplace: Job.Workplace?) -> String {
        let location = workplace == .remote ? "remote" : locations.first.map(normalizedLocation) ?? ""
        return [normalizedCompany(company), normalizedTitle(title), location].joined(separator: "|")
    }

    static func normalizedCompany(_ company: String) -> String {
        var words = simpleWords(company)
        while words.count > 1, let last = words.last, legalSuffixes.contains(last) { words.removeLast() }
        return words.joined(separator: " ")
    }

    static func normalizedTitle(_ title: String) -> String {
        let words = simpleWords(title.replacingOccurrences(of: "on-site", with: "onsite", options: .caseInsensitive))
            .map { titleSynonyms[$0] ?? $0 }
        let kept = withoutGenderMarkers(words.filter { !workplaceWords.contains($0) })
        return (kept.isEmpty ? words : kept).joined(separator: " ")
    }

    /// Letters of the gender markers European boards add to titles and others
    /// don't: "(m/w/d)", "(f/m/x)", "H/F".
    static let genderMarkerLetters: Set<String> = ["m", "w", "d", "f", "x", "h"]

    /// `words` without runs of two or more marker letters, nor "all genders".
    static func withoutGenderMarkers(_ words: [String]) -> [String] {
        var kept: [String] = []
        var run: [String] = []
        for word in words + [""] {
            if genderMarkerLetters.contains(word) {
                run.append(word)
                continue
            }
            if run.count == 1 { kept += run }
            run = []
            if !word.isEmpty { kept.append(word) }
        }
        if let index = kept.indices.first(where: {
            kept[$0] == "all" && kept.indices.contains($0 + 1) && kept[$0 + 1] == "genders"
        }) {
            kept.removeSubrange(index...index + 1)
        }
        return kept
    }

    static func normalizedLocation(_ location: String) -> String {
        simpleWords(location).joined(separator: " ")
    }

    /// Lower-case, accent-free words of letters and digits; "&" is "and", and an
    /// apostrophe joins ("Macy's" is "macys").
    static func simpleWords(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        var words: [String] = []
        var current = ""
        for character in folded {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if character == "'" || character == "’" {
                continue
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
                if character == "&" { words.append("and") }
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
