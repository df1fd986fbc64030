import Foundation

/// The parts of a résumé a heading can open.
enum ResumeSectionKind: String, Sendable {
    /// The lines before the first heading: name, headline, contact details.
    case opening
    case contact, summary, work, education, skills, projects, certificates, languages, awards, publications
    case volunteer, interests, references
}

/// Recognises section headings in English and German, in capitals, Title Case or
/// lower case, letter-spaced ("E X P E R I E N C E"), numbered ("2. Education"),
/// decorated ("— SKILLS —", "## Projects", "Experience:").
enum SectionHeadings {
    /// Heading phrases, case- and accent-folded, "&" and "und" read as "and".
    static let phrases: [String: ResumeSectionKind] = {
        var table: [String: ResumeSectionKind] = [:]
        func add(_ kind: ResumeSectionKind, _ names: [String]) {
            for name in names { table[fold(name)] = kind }
        }
        add(
            .summary,
            [
                "summary", "professional summary", "career summary", "executive summary", "profile",
                "professional profile", "personal profile", "career profile", "about", "about me", "objective",
                "career objective", "professional objective", "overview", "professional overview", "introduction",
                "personal statement", "summary of qualifications", "qualifications summary", "short profile",
                "profil", "kurzprofil", "berufsprofil", "über mich", "zusammenfassung", "persönliches profil",
                "zu meiner person", "mein profil", "profile summary",
            ])
        add(
            .work,
            [
                "experience", "work experience", "professional experience", "employment", "employment history",
                "work history", "career history", "professional history", "relevant experience",
                "experience history", "professional background", "career experience", "industry experience",
                "job history", "relevant work experience", "selected experience", "technical experience",
                "berufserfahrung", "berufliche erfahrung", "berufliche erfahrungen", "beruflicher werdegang",
                "werdegang", "berufstätigkeit", "berufliche tätigkeit", "berufliche tätigkeiten",
                "berufliche stationen", "arbeitserfahrung", "praxiserfahrung", "beruflicher hintergrund",
                "berufspraxis", "praktische erfahrung", "work experience and internships", "experience and internships",
                "employment and experience", "professional experience and internships", "berufserfahrung und praktika",
            ])
        add(
            .education,
            [
                "education", "education and training", "academic background", "academic history",
                "academic qualifications", "educational background", "academic education", "education history",
                "academic career", "education and qualifications", "qualifications and education", "academics",
                "ausbildung", "studium", "bildungsweg", "schulbildung", "akademischer werdegang",
                "ausbildung und studium", "studium und ausbildung", "schul- und berufsausbildung", "hochschulbildung",
                "akademische ausbildung", "schulische ausbildung", "bildung und ausbildung", "schule und studium",
                "studium und schule", "bildungsgang", "ausbildungsweg",
            ])
        add(
            .skills,
            [
                "skills", "technical skills", "core competencies", "competencies", "key skills", "skills and tools",
                "tech stack", "technical expertise", "expertise", "areas of expertise", "skill set", "skillset",
                "skills summary", "core skills", "professional skills", "hard skills", "soft skills", "it skills",
                "computer skills", "technical proficiencies", "proficiencies", "tools and technologies",
                "technologies and tools", "top skills", "skills and expertise", "skills and competencies",
                "key competencies", "programming skills", "technical skills and tools", "skills and technologies",
                "technologies", "tools", "kenntnisse", "fähigkeiten", "it-kenntnisse", "edv-kenntnisse",
                "fachkenntnisse", "technische kenntnisse", "kompetenzen", "fachliche kompetenzen",
                "fähigkeiten und kenntnisse", "kenntnisse und fähigkeiten", "technologien", "besondere kenntnisse",
                "it-skills", "qualifikationen", "kernkompetenzen", "skills und kenntnisse", "software-kenntnisse",
                "softwarekenntnisse", "methodenkenntnisse", "fachliche qualifikationen", "technische fähigkeiten",
                "sonstige kenntnisse", "weitere kenntnisse", "it kenntnisse", "edv kenntnisse",
            ])
        add(
            .projects,
            [
                "projects", "personal projects", "selected projects", "side projects", "key projects",
                "open source", "open-source", "open source projects", "open source contributions", "project experience",
                "academic projects", "notable projects", "portfolio", "projekte", "projekterfahrung",
                "ausgewählte projekte", "projektübersicht", "referenzprojekte", "projects and open source",
                "open source and projects",
            ])
        add(
            .certificates,
            [
                "certifications", "certificates", "certification", "licenses", "licences",
                "licenses and certifications", "licences and certifications", "certifications and licenses",
                "certificates and training", "training", "courses", "courses and certifications",
                "certifications and courses", "professional development", "continuing education", "accreditations",
                "training and certifications", "certifications and training", "zertifikate", "zertifizierungen",
                "weiterbildung", "weiterbildungen", "fortbildung", "fortbildungen", "zertifikate und weiterbildungen",
                "weiterbildungen und zertifikate", "kurse", "lizenzen", "schulungen", "zertifikate und schulungen",
                "fort- und weiterbildungen", "fort- und weiterbildung",
            ])
        add(
            .languages,
            [
                "languages", "language skills", "spoken languages", "language proficiency", "languages spoken",
                "foreign languages", "language", "sprachen", "sprachkenntnisse", "fremdsprachen",
                "fremdsprachenkenntnisse",
            ])
        add(
            .awards,
            [
                "awards", "honors", "honours", "honors and awards", "honours and awards", "awards and honors",
                "awards and honours", "honors-awards", "achievements", "awards and achievements", "accomplishments",
                "recognition", "auszeichnungen", "preise", "auszeichnungen und preise", "erfolge",
            ])
        add(
            .publications,
            [
                "publications", "papers", "talks", "publications and talks", "talks and publications", "speaking",
                "presentations", "conference talks", "publikationen", "veröffentlichungen", "vorträge",
                "veröffentlichungen und vorträge", "vorträge und veröffentlichungen",
            ])
        add(
            .volunteer,
            [
                "volunteer", "volunteering", "volunteer experience", "volunteer work", "community involvement",
                "social engagement", "extracurricular activities", "leadership and activities",
                "volunteering and leadership",
                "ehrenamt", "ehrenamtliches engagement", "soziales engagement", "ehrenamtliche tätigkeiten",
                "ehrenamtliche tätigkeit", "engagement",
            ])
        add(
            .interests,
            [
                "interests", "hobbies", "hobbies and interests", "interests and hobbies", "personal interests",
                "interessen", "hobbys", "freizeit", "hobbys und interessen", "interessen und hobbys",
                "freizeitaktivitäten", "persönliche interessen",
            ])
        add(.references, ["references", "referenzen", "references available upon request"])
        add(
            .contact,
            [
                "contact", "contact information", "contact info", "contact details", "personal details",
                "personal information", "personal data", "kontakt", "kontaktdaten", "persönliche daten",
                "persönliche angaben", "zur person", "angaben zur person", "kontaktinformationen",
            ])
        return table
    }()

    /// Headings that are also ordinary words: they count only written as a heading
    /// is (capitals, a trailing colon, a Markdown mark) or after a blank line.
    static let weakPhrases: Set<String> = [
        "overview", "introduction", "expertise", "tools", "technologies", "training", "courses",
        "portfolio", "recognition", "speaking", "talks", "papers", "presentations", "engagement", "freizeit",
        "language", "kurse", "erfolge", "preise", "qualifikationen",
    ].reduce(into: Set<String>()) { $0.insert(fold($1)) }

    /// Case- and accent-folded, with "&", "+" and "und" as "and" and spaces collapsed.
    static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var words: [String] = []
        for word in folded.split(separator: " ") {
            switch word {
            case "&", "+", "und", "u.", "/": words.append("and")
            default: words.append(String(word))
            }
        }
        return words.joined(separator: " ")
    }

    /// A heading as a name: "— TECHNICAL SKILLS —" → "TECHNICAL SKILLS", "Skills:" → "Skills".
    static func displayName(_ heading: String) -> String {
        heading.trimming(" #=*_-–—|•■▪◆❖►▶~:/\\[]><§·+»«")
    }

    /// The section a line opens, when it is a heading.
    static func kind(of line: ResumeLine) -> ResumeSectionKind? {
        guard !line.isBullet || line.content.count <= 30, line.text.count <= 60 else { return nil }
        let raw = line.cells.count > 1 ? line.cells[0] : line.text
        guard let (key, emphasised) = headingKey(raw) else { return nil }
        if let kind = phrases[key] {
            if weakPhrases.contains(key), !emphasised, !line.followsBlank { return nil }
            if line.cells.count > 1, !emphasised { return nil }
            return kind
        }
        return compoundKind(key, emphasised: emphasised)
    }

    /// "Skills: Swift, Kotlin" → (.skills, "Swift, Kotlin").
    static func inlineHeading(_ line: ResumeLine) -> (ResumeSectionKind, String)? {
        guard !line.isBullet, let colon = line.content.firstIndex(of: ":") else { return nil }
        let label = line.content[..<colon]
        let rest = line.content[line.content.index(after: colon)...].trimmingSpaces
        guard label.count <= 40, !rest.isEmpty, let (key, _) = headingKey(String(label)),
            let kind = phrases[key] ?? compoundKind(key, emphasised: true)
        else { return nil }
        return (kind, rest)
    }

    /// The folded heading text and whether it was written as a heading (capitals,
    /// colon, Markdown), or nil when the line cannot be a heading.
    static func headingKey(_ text: String) -> (String, Bool)? {
        var emphasised = false
        var trimmed = Substring(text)
        let decorations: Set<Character> = [
            "#", "=", "*", "_", "-", "–", "—", "|", "•", "■", "▪", "◆", "❖", "►", "▶", "~", ":", "/", "\\", "[", "]",
            ">", "<", "§", "·", "+", "»", "«", "\u{F0B7}",
        ]
        while let first = trimmed.first, decorations.contains(first) || first == " " {
            if first == "#" { emphasised = true }
            trimmed = trimmed.dropFirst()
        }
        while let last = trimmed.last, decorations.contains(last) || last == " " || last == "." {
            if last == ":" { emphasised = true }
            trimmed = trimmed.dropLast()
        }
        // "2. Education", "IV. Skills"
        if let space = trimmed.firstIndex(of: " ") {
            let first = trimmed[..<space]
            if first.count <= 4, first.hasSuffix(".") || first.hasSuffix(")"),
                first.dropLast().allSatisfy({ $0.isNumber || "IVX".contains($0) })
            {
                trimmed = trimmed[trimmed.index(after: space)...]
            }
        }
        guard !trimmed.isEmpty, trimmed.count <= 50, !trimmed.contains(where: { $0.isNumber || $0 == "@" }) else {
            return nil
        }
        var words = trimmed.split(separator: " ", omittingEmptySubsequences: false)
        // "E X P E R I E N C E" or "W O R K  E X P E R I E N C E".
        if words.count >= 4, words.filter({ !$0.isEmpty }).allSatisfy({ $0.count == 1 }) {
            var joined: [String] = [""]
            for word in words {
                if word.isEmpty {
                    if joined[joined.count - 1] != "" { joined.append("") }
                } else {
                    joined[joined.count - 1] += word
                }
            }
            words = joined.filter { !$0.isEmpty }.map { Substring($0) }
            emphasised = true
        }
        words = words.filter { !$0.isEmpty }
        guard !words.isEmpty, words.count <= 6 else { return nil }
        let letters = trimmed.filter(\.isLetter)
        if letters.count >= 3, letters.allSatisfy(\.isUppercase) { emphasised = true }
        // A heading starts with a capital (or is all lower-case Markdown-ish).
        guard let firstLetter = letters.first, firstLetter.isUppercase || emphasised else { return nil }
        return (fold(words.joined(separator: " ")), emphasised)
    }

    /// Headings not in the table but built like ones that are: "Teaching Experience",
    /// "Programming Skills", "IT-Kenntnisse", "Projekterfahrung".
    static func compoundKind(_ key: String, emphasised: Bool) -> ResumeSectionKind? {
        let words = key.split(separator: " ")
        guard let last = words.last, words.count <= 4 else { return nil }
        if last.hasSuffix("kenntnisse") {
            return last.hasPrefix("sprach") || last.hasPrefix("fremdsprach") ? .languages : .skills
        }
        if last == "sprachen" { return .languages }
        guard words.count >= 2 else {
            if last.hasSuffix("erfahrung") { return last.hasPrefix("projekt") ? .projects : .work }
            if last.hasSuffix("projekte") { return .projects }
            if last.hasSuffix("zertifikate") || last.hasSuffix("zertifizierungen") { return .certificates }
            return nil
        }
        let first = words[0]
        switch last {
        case "experience", "experiences", "history", "erfahrung":
            if first == "volunteer" || first == "volunteering" { return .volunteer }
            if first == "project" || first == "projects" { return .projects }
            if first == "teaching" || first == "research" || first == "leadership" || first == "industry"
                || first == "consulting" || first == "freelance" || first == "international" || emphasised
            {
                return .work
            }
            return nil
        case "skills", "competencies", "kompetenzen":
            if first == "language" { return .languages }
            return .skills
        case "projects", "projekte": return .projects
        case "certifications", "certificates", "zertifikate": return .certificates
        case "education", "ausbildung": return .education
        case "publications", "talks": return .publications
        case "awards", "honors", "honours": return .awards
        case "interests": return .interests
        case "languages": return .languages
        default: return nil
        }
    }
}
