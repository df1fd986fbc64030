import Contracts

/// Spoken languages with their fluency: "English (Native or Bilingual)",
/// "German – C1", "Deutsch: Muttersprache", "English    Fluent", "French B2",
/// a comma list of them, or a language over its fluency on the next line.
enum LanguageSectionParser {
    /// The languages, and the items that name no spoken language (a "Languages"
    /// heading over programming languages).
    static func parse(_ lines: [ResumeLine]) -> (languages: [Resume.Language], leftovers: [String]) {
        var languages: [Resume.Language] = []
        var leftovers: [String] = []
        for line in lines {
            var items: [String]
            if line.cells.count == 2, language(from: line.cells[0]) != nil, language(from: line.cells[1]) == nil {
                items = [line.cells[0] + ": " + line.cells[1]]
            } else {
                items = ListItems.split(line.content)
            }
            if items.isEmpty { items = [line.content] }
            for item in items {
                if let language = language(from: item) {
                    languages.append(language)
                } else if let last = languages.last, last.fluency == nil, item.count <= 40 {
                    // The fluency on the line under its language.
                    languages[languages.count - 1].fluency = item
                } else {
                    leftovers.append(item)
                }
            }
        }
        return (languages, leftovers)
    }

    /// One item: the language and what follows it as the fluency.
    static func language(from item: String) -> Resume.Language? {
        let text = item.trimmingSpaces
        let words = text.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "(" || $0 == "," })
        guard let first = words.first else { return nil }
        // "Fluent in German", "Native English".
        if !ResumeVocabulary.isNaturalLanguage(first) {
            if let index = words.firstIndex(where: { ResumeVocabulary.isNaturalLanguage($0) }), index <= 2 {
                let fluency = words[..<index].filter { $0.lowercased() != "in" }.joined(separator: " ")
                return Resume.Language(language: String(words[index]), fluency: fluency.isEmpty ? nil : fluency)
            }
            return nil
        }
        let name = String(first)
        var rest = Substring(text[first.endIndex...].trimming(" :–—-|·,"))
        if rest.hasPrefix("("), rest.hasSuffix(")") { rest = rest.dropFirst().dropLast() }
        let fluency = rest.trimming(" ()")
        return Resume.Language(language: name, fluency: fluency.isEmpty ? nil : fluency)
    }
}
