import Contracts

/// Education entries: each line's parts fill an entry's slots (institution,
/// degree, dates, grade) and a slot filled twice starts the next entry, so
/// institution-first, degree-first and date-first layouts all come out right.
struct EducationSectionParser {
    let referenceYear: Int

    private struct Draft {
        var institution: String?
        var studyType: String?
        var area: String?
        var date: DateSpan?
        var score: String?
        var courses: [String] = []
        var isEmpty: Bool { institution == nil && studyType == nil && area == nil && date == nil }
    }

    func entries(_ lines: [ResumeLine]) -> [Resume.Education] {
        var drafts: [Draft] = []
        var current = Draft()
        for line in lines {
            if line.isBullet {
                if let courses = Self.courses(line.content) { current.courses += courses }
                continue
            }
            if line.words.count > 16 { continue }  // a thesis abstract or a remark
            let (date, dated) = EntryParts.dated(line, referenceYear: referenceYear, allowSingle: true)
            let rest = date == nil ? dated : Self.withoutDateWords(dated)
            var institution: String?
            var degree: (studyType: String?, area: String?)?
            var score: String?
            var others: [String] = []
            for part in Self.parts(of: rest) {
                let (text, _) = EntryParts.splitTrailingPlace(part)
                if text.isEmpty || PlaceNames.isPlace(text) { continue }
                if let grade = Self.grade(text) {
                    score = score ?? grade
                } else if let courses = Self.courses(text) {
                    current.courses += courses
                } else if ResumeVocabulary.isInstitution(text), institution == nil {
                    institution = text
                } else if let parsed = DegreeText.parse(text) {
                    if degree == nil {
                        degree = parsed
                    } else if degree?.area == nil, let area = parsed.area {
                        degree?.area = area
                    }
                } else if text.first?.isUppercase == true || text.first?.isNumber == true {
                    others.append(text)
                }
            }
            let startsNew =
                !current.isEmpty
                && (institution != nil && current.institution != nil
                    || degree != nil && current.studyType != nil
                    || date != nil && current.date != nil)
            if startsNew {
                drafts.append(current)
                current = Draft()
            }
            if let institution { current.institution = institution }
            if let degree {
                current.studyType = degree.studyType ?? current.studyType
                current.area = degree.area ?? current.area
            }
            if let date { current.date = date }
            if let score { current.score = score }
            for other in others {
                // Beside a degree that names its subject, or a second unknown part: the school.
                let degreeIsWhole = degree == nil || degree?.area != nil || others.count > 1
                if current.institution == nil, institution == nil, degreeIsWhole {
                    current.institution = other
                } else if current.area == nil, current.studyType != nil || degree != nil {
                    current.area = other
                }
            }
        }
        if !current.isEmpty { drafts.append(current) }
        return drafts.map { draft in
            var start: String?
            var end: String?
            if let date = draft.date {
                if date.isRange {
                    start = date.start?.iso
                    end = date.isCurrent ? nil : date.end?.iso
                } else {
                    end = date.start?.iso
                }
            }
            return Resume.Education(
                institution: draft.institution, area: draft.area, studyType: draft.studyType, startDate: start,
                endDate: end, score: draft.score, courses: draft.courses.isEmpty ? nil : draft.courses)
        }
    }

    /// Words that lead a graduation date: "Class of 2015", "Graduated May 2020", "Expected 2025".
    static let dateWords: Set<String> = [
        "class of", "graduated", "graduation", "expected", "expected graduation", "abschluss", "voraussichtlich",
        "since", "seit", "until", "bis",
    ]

    static func withoutDateWords(_ text: String) -> String {
        var result = text
        for word in dateWords.sorted(by: { $0.count > $1.count }) where result.lowercased().hasSuffix(" " + word) {
            result = String(result.dropLast(word.count)).trimming(" ,;|·–—-:(")
            break
        }
        return result
    }

    /// The line's parts, with "Master of Science - MS" and "University of California, Irvine" kept whole.
    static func parts(of text: String) -> [String] {
        var parts: [String] = []
        for part in EntryParts.parts(of: text) {
            if let last = parts.last {
                // "Master of Science - MS": a degree and its abbreviation.
                if part.count <= 5, DegreeText.parse(last) != nil, let abbreviation = DegreeText.parse(part),
                    abbreviation.area == nil, text.contains(last + " - " + part) || text.contains(last + " – " + part)
                {
                    parts[parts.count - 1] = last + " - " + part
                    continue
                }
                // "University of California, Irvine": the campus after a comma.
                if ResumeVocabulary.isInstitution(last), last.split(separator: " ").count >= 3,
                    last.lowercased().contains(" of "), text.contains(last + ", " + part),
                    part.split(separator: " ").count <= 2, part.first?.isUppercase == true, !PlaceNames.isPlace(part)
                {
                    parts[parts.count - 1] = last + ", " + part
                    continue
                }
            }
            parts.append(part)
        }
        return parts
    }

    /// "GPA: 3.8", "Grade 1.3", "Note: 1,7", "Abschlussnote 1,3".
    static func grade(_ text: String) -> String? {
        let lowered = text.lowercased()
        for label in ["gpa", "cgpa", "grade", "note", "abschlussnote", "gesamtnote", "final grade", "score"]
        where lowered.hasPrefix(label) {
            let rest = String(text.dropFirst(label.count)).trimming(" :")
            if rest.first?.isNumber == true { return rest }
        }
        if lowered.hasSuffix(" gpa"), text.first?.isNumber == true { return String(text.dropLast(4)) }
        return nil
    }

    /// "Relevant coursework: Algorithms, Databases".
    static func courses(_ text: String) -> [String]? {
        let lowered = text.lowercased()
        for label in ["relevant coursework", "coursework", "courses", "schwerpunkte", "vertiefung", "modules"]
        where lowered.hasPrefix(label) {
            let rest = text.dropFirst(label.count).trimming(" :")
            let items = rest.split(separator: ",").map(\.trimmingSpaces).filter { !$0.isEmpty }
            return items.isEmpty ? nil : items
        }
        return nil
    }
}

/// Degrees as written: "Bachelor of Science in Computer Science", "M.Sc. Informatik",
/// "Master of Science - MS", "Computer Science (B.Sc.)", "Studium der Informatik".
enum DegreeText {
    static let phrases = ResumeVocabulary.degreePhrases.sorted { $0.count > $1.count }

    static func parse(_ text: String) -> (studyType: String?, area: String?)? {
        let lowered = text.lowercased()
        for phrase in phrases where lowered.hasPrefix(phrase) {
            let characters = Array(text)
            let end = phrase.count
            if end < characters.count {
                let next = characters[end]
                guard !(next.isLetter || next.isNumber) || phrase.hasSuffix(".") else { continue }
            }
            // Short abbreviations only written as such: "MS", "BA" in capitals, "MSc", "BEng" capitalised.
            let written = String(characters[..<end])
            if !phrase.contains("."), !phrase.contains(" "), phrase.count <= 5 {
                if phrase.count <= 2 ? written != phrase.uppercased() : written.first?.isUppercase != true { continue }
            }
            var studyType = String(characters[..<end])
            var rest = String(characters[end...]).trimmingSpaces
            // "Master of Science - MS": the abbreviation belongs to the degree.
            for dash in ["- ", "– "] where rest.hasPrefix(dash) {
                let abbreviation = rest.dropFirst(dash.count).prefix { $0 != "," && $0 != " " }
                if abbreviation.count <= 5, phrases.contains(abbreviation.lowercased()) {
                    studyType += " " + dash + abbreviation
                    rest = String(rest.dropFirst(dash.count + abbreviation.count)).trimmingSpaces
                }
            }
            // "(Hons)", "(M.Sc.)" right after the degree belong to it.
            if rest.hasPrefix("("), let close = rest.firstIndex(of: ")"),
                rest.distance(from: rest.startIndex, to: close) <= 12
            {
                studyType += " " + rest[...close]
                rest = String(rest[rest.index(after: close)...]).trimmingSpaces
            }
            for lead in ["in ", "of ", "im fach ", "der ", "des ", "in the field of ", "–", "-", ":", ","]
            where rest.lowercased().hasPrefix(lead) {
                rest = String(rest.dropFirst(lead.count)).trimmingSpaces
                break
            }
            return (studyType, rest.isEmpty ? nil : rest)
        }
        // "Computer Science (B.Sc.)"
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            let inner = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            if let degree = parse(inner), degree.area == nil {
                let area = String(text[..<open]).trimmingSpaces
                return (degree.studyType, area.isEmpty ? nil : area)
            }
        }
        for lead in ["studium der ", "studium des ", "studium ", "degree in ", "studies in "]
        where lowered.hasPrefix(lead) {
            let area = String(text.dropFirst(lead.count)).trimmingSpaces
            return area.isEmpty ? nil : (nil, area)
        }
        return nil
    }
}
