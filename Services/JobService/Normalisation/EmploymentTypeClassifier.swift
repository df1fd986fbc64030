import SkillMatching

/// A posting's employment type, one of "full_time", "part_time", "contract",
/// "temporary", "internship", from the board's words ("Full-time", "FullTime",
/// "full_time", "Permanent", "Vollzeit", "Teilzeit", "Contractor", "Praktikum",
/// "Werkstudent") and the title ("Software Engineering Intern", "Designer (Contract)").
///
/// When words for several types appear, the more particular one wins:
/// internship, then working student (part-time), contract, temporary,
/// part-time, full-time; "Permanent, Part-time" is part-time. A title's type
/// overrides a board's "full-time" (boards default to it) but not a board's
/// other types.
enum EmploymentTypeClassifier {
    static let fullTime = "full_time"
    static let partTime = "part_time"
    static let contract = "contract"
    static let temporary = "temporary"
    static let internship = "internship"

    /// Each type's words, most particular type first.
    static let vocabulary: [(type: String, phrases: [[String]])] = [
        (internship, phrases(["intern", "interns", "internship", "praktikum", "praktikant", "praktikantin", "co op"])),
        (partTime, phrases(["werkstudent", "werkstudentin", "working student"])),
        (contract, phrases(["contract", "contractor", "freelance", "freelancer", "freiberuflich", "c2c", "1099"])),
        (temporary, phrases(["temporary", "temp", "befristet", "seasonal", "fixed term", "fixedterm"])),
        (partTime, phrases(["part time", "parttime", "teilzeit", "minijob"])),
        (fullTime, phrases(["full time", "fulltime", "permanent", "vollzeit", "festanstellung", "regular"])),
    ]

    /// Words that name a type in a title only as a qualifier, in brackets or
    /// after a dash ("Designer (Contract)"), since "Contract Manager" is a job.
    static let qualifierOnlyInTitles: Set<[String]> = phrases([
        "contract", "temp", "regular", "permanent", "seasonal", "c2c", "1099", "co op",
    ]).reduce(into: []) { $0.insert($1) }

    static func classify(hint: String?, title: String) -> String? {
        let fromHint = hint.flatMap(type(in:))
        let fromTitle = type(inTitle: title)
        if let fromTitle, fromTitle != fullTime, fromHint == nil || fromHint == fullTime { return fromTitle }
        return fromHint ?? fromTitle
    }

    /// The most particular type `text` names, or nil.
    static func type(in text: String) -> String? {
        let words = splitCamelCase(text)
        return vocabulary.first { TextWords.containsAny(words, of: $0.phrases) }?.type
    }

    /// The type a title names: its words, except that qualifier-only words count
    /// only in the title's qualifiers.
    static func type(inTitle title: String) -> String? {
        let words = splitCamelCase(title)
        let qualifierWords = WorkplaceClassifier.qualifiers(inTitle: title).map(splitCamelCase)
        return vocabulary.first { entry in
            entry.phrases.contains { phrase in
                qualifierOnlyInTitles.contains(phrase)
                    ? qualifierWords.contains { TextWords.contains($0, phrase: phrase) }
                    : TextWords.contains(words, phrase: phrase)
            }
        }?.type
    }

    /// Words of `text`, with "FullTime" and "PartTime" split where the case
    /// changes, as Ashby writes them.
    static func splitCamelCase(_ text: String) -> [String] {
        var spaced = ""
        var previous: Character?
        for character in text {
            if character.isUppercase, previous?.isLowercase == true { spaced.append(" ") }
            spaced.append(character)
            previous = character
        }
        return TextWords.words(spaced)
    }

    private static func phrases(_ texts: [String]) -> [[String]] { texts.map { TextWords.words($0) } }
}
