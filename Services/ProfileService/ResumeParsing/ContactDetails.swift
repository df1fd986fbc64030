import Contracts
import Taxonomy

/// The `basics` of a résumé: name, headline, e-mail, phone, city, web addresses and
/// profiles, read from the lines before the first heading and any contact
/// section. When a sidebar comes first (LinkedIn's "Contact", "Top Skills"), the
/// name is the first line further down that reads as a person's name and is
/// followed by a headline or a place.
struct ContactDetails {
    private(set) var basics = Resume.Basics()
    /// Lines that held only contact data, the name or the headline: other sections skip them.
    private(set) var consumed: Set<Int> = []

    private let layout: ResumeLayout
    private let taxonomy: Taxonomy

    static let labelWords: Set<String> = [
        "e-mail", "email", "mail", "phone", "tel", "telephone", "telefon", "mobile", "mobil", "handy", "cell", "fon",
        "web", "website", "webseite", "homepage", "portfolio", "blog", "linkedin", "github", "gitlab", "xing",
        "address", "adresse", "anschrift", "location", "wohnort", "ort", "personal", "company", "other", "mobile",
        "contact", "kontakt", "t", "m", "e", "w", "p", "tel.", "nr", "nr.",
    ]

    init(layout: ResumeLayout, taxonomy: Taxonomy) {
        self.layout = layout
        self.taxonomy = taxonomy
        // The summary too: a two-column page can print a sidebar's contact lines under "Profile".
        let region = layout.sections.filter { [.opening, .contact, .summary].contains($0.kind) }.flatMap(\.lines)
        let regionSet = Set(region)
        var profiles: [Resume.Profile] = []
        var city: String?
        var index = 0
        while index < layout.lines.count {
            var line = layout.lines[index]
            if !regionSet.contains(index) {
                // Elsewhere only an e-mail address or a profile link, and only on a line of its own.
                takeStrayContact(line, at: index, profiles: &profiles)
                index += 1
                continue
            }
            // LinkedIn's PDF wraps a long profile address onto the next line:
            // "www.linkedin.com/in/jonasbecke" / "r (LinkedIn)".
            if index + 1 < layout.lines.count, let last = ContactData.urls(in: line.content).last,
                line.content.hasSuffix(last), SocialProfiles.profile(fromURL: last) != nil || last.hasSuffix("/"),
                let next = Self.wrappedAddressTail(layout.lines[index + 1].content)
            {
                line = ResumeLine(content: line.content + next.tail + " " + next.label)
                consumed.insert(index + 1)
            }
            var dataPieces = 0
            var otherPieces = 0
            for piece in Self.pieces(of: line) {
                var remainder = piece
                if let email = ContactData.email(in: piece) {
                    if basics.email == nil { basics.email = email }
                    remainder = remainder.replacingLast(email, with: "")
                }
                for url in ContactData.urls(in: remainder) {
                    if let profile = SocialProfiles.profile(fromURL: url) {
                        if !profiles.contains(where: { $0.network == profile.network }) {
                            profiles.append(profile)
                        }
                    } else if basics.url == nil {
                        basics.url = url.lowercased().hasPrefix("http") ? url : "https://\(url)"
                    }
                    remainder = remainder.replacingLast(url, with: "")
                }
                if let profile = SocialProfiles.profile(fromLabelled: Self.withoutIcons(remainder)) {
                    if !profiles.contains(where: { $0.network == profile.network }) { profiles.append(profile) }
                    remainder = ""
                }
                if let phone = ContactData.phone(in: remainder),
                    ContactData.digits(phone).count * 2 >= ContactData.digits(remainder).count
                {
                    if basics.phone == nil { basics.phone = phone }
                    remainder = remainder.replacingLast(phone, with: "")
                }
                let rest = Self.withoutLabels(remainder)
                if rest.isEmpty {
                    if remainder != piece || Self.withoutLabels(piece).isEmpty { dataPieces += 1 }
                } else if PlaceNames.isPlace(rest) {
                    if city == nil { city = PlaceNames.city(in: rest) }
                    dataPieces += 1
                } else if Self.isAddress(piece), let found = PlaceNames.city(in: rest) {
                    // "Anschrift Musterstraße 12, 80331 München".
                    if city == nil { city = found }
                    dataPieces += 1
                } else if Self.isStreet(rest) {
                    dataPieces += 1  // "Lindenstraße 4" beside the postal code and city
                } else {
                    otherPieces += 1
                }
            }
            if dataPieces > 0, otherPieces == 0 { consumed.insert(index) }
            index += 1
        }
        if !profiles.isEmpty { basics.profiles = profiles }
        findName(region: region)
        if basics.location?.city == nil, let city { basics.location = Resume.Location(city: city) }
        findSummary()
    }

    /// An e-mail address or profile link outside the contact lines (a footer, a sidebar
    /// under another heading): taken, and the line skipped when it holds nothing else.
    private mutating func takeStrayContact(_ line: ResumeLine, at index: Int, profiles: inout [Resume.Profile]) {
        let content = line.content
        var rest = content
        if content.utf8.contains(0x40), let email = ContactData.email(in: content) {
            if basics.email == nil { basics.email = email }
            rest = rest.replacingLast(email, with: "")
        }
        // Profile addresses have a path; most lines have no "/" at all.
        if content.utf8.contains(0x2F),
            SocialProfiles.networks.contains(where: { content.lowercased().contains($0.host) })
        {
            // A project's repository address names its owner, who may not be the person.
            for url in ContactData.urls(in: rest) where Self.isOnly(url, in: rest) {
                guard let profile = SocialProfiles.profile(fromURL: url) else { continue }
                if !profiles.contains(where: { $0.network == profile.network }) { profiles.append(profile) }
                rest = rest.replacingLast(url, with: "")
            }
        }
        if rest != content, Self.withoutLabels(rest).isEmpty { consumed.insert(index) }
    }

    /// The pieces of a contact line: cells, and text between "|", "•", "·", " – ", " / ".
    static func pieces(of line: ResumeLine) -> [String] {
        var pieces: [String] = []
        for cell in line.cells {
            var current = ""
            let characters = Array(cell)
            for (offset, character) in characters.enumerated() {
                let spaced =
                    offset > 0 && offset + 1 < characters.count && characters[offset - 1] == " "
                    && characters[offset + 1] == " "
                // "030 / 123 456": a slash between digits belongs to the phone number.
                let betweenDigits =
                    offset > 1 && offset + 2 < characters.count && characters[offset - 2].isNumber
                    && characters[offset + 2].isNumber
                if "|•·⋅◆♦▪◇✦".contains(character) || spaced && "–—-".contains(character)
                    || spaced && character == "/" && !betweenDigits
                {
                    pieces.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
            }
            pieces.append(current)
        }
        return pieces.map(\.trimmingSpaces).filter { !$0.isEmpty }
    }

    /// The text without leading icons (✉, ☎, 📍) and emoji.
    static func withoutIcons(_ text: String) -> String {
        String(text.drop { !($0.isLetter || $0.isNumber || $0 == "+" || $0 == "(" || $0 == "@") }).trimmingSpaces
    }

    /// What is left once labels ("E-Mail:", "Tel.", "(LinkedIn)") and icons are gone.
    static func withoutLabels(_ text: String) -> String {
        let words = withoutIcons(text).split(separator: " ").filter { word in
            let key = word.lowercased().trimming(":()[].,;")
            return !key.isEmpty && !labelWords.contains(key) && !(word.allSatisfy { !$0.isLetter && !$0.isNumber })
        }
        return words.joined(separator: " ")
    }

    /// "r (LinkedIn)": the rest of a wrapped address and its label.
    static func wrappedAddressTail(_ text: String) -> (tail: String, label: String)? {
        let words = text.split(separator: " ")
        guard words.count == 2, words[0].allSatisfy({ $0.isLetter || $0.isNumber || "-_/".contains($0) }),
            words[1].hasPrefix("("), words[1].hasSuffix(")")
        else { return nil }
        return (String(words[0]), String(words[1]))
    }

    /// A street address: labelled so, or holding a postal code before a city.
    static func isAddress(_ text: String) -> Bool {
        let lowered = withoutIcons(text).lowercased()
        if ["address", "adresse", "anschrift", "wohnort", "ort"].contains(where: { lowered.hasPrefix($0) }) {
            return true
        }
        return text.split(separator: " ").contains { word in
            word.count >= 4 && word.count <= 5 && word.allSatisfy(\.isNumber)
        }
    }

    /// "Lindenstraße 4", "221B Baker Street": a short piece with a house number.
    static func isStreet(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (2...5).contains(words.count), words.contains(where: { $0.first?.isNumber == true && $0.count <= 5 })
        else { return false }
        return words.contains { $0.count >= 3 && $0.allSatisfy { $0.isLetter || $0 == "." || $0 == "-" } }
    }

    private static func isOnly(_ url: String, in text: String) -> Bool {
        withoutLabels(text.replacingLast(url, with: "")).isEmpty
    }

    // MARK: Name and headline

    /// Words that head a résumé without naming anyone.
    static let documentTitles: Set<String> = [
        "curriculum vitae", "lebenslauf", "resume", "résumé", "cv", "tabellarischer lebenslauf", "vita",
    ]

    private mutating func findName(region: [Int]) {
        let opening = region.filter { !consumed.contains($0) }
        var found: Int?
        for index in opening.prefix(8) {
            let line = layout.lines[index]
            if Self.documentTitles.contains(line.content.lowercased()) {
                consumed.insert(index)
                continue
            }
            if let name = Self.labelledName(line.content) {
                basics.name = name
                consumed.insert(index)
                return
            }
            let pieces = Self.pieces(of: line)
            guard let first = pieces.first, looksLikeName(first) else { continue }
            basics.name = first
            consumed.insert(index)
            found = index
            takeExtras(Array(pieces.dropFirst()))
            break
        }
        if found == nil {
            found = nameFurtherDown()
        }
        guard let found else { return }
        // The headline: the line after the name, when it is neither contact data nor a place.
        var next = found + 1
        while next < layout.lines.count, consumed.contains(next), next - found < 4 { next += 1 }
        guard basics.label == nil, next < layout.lines.count, layout.sectionOfLine[next] == layout.sectionOfLine[found]
        else { return }
        let line = layout.lines[next]
        let pieces = Self.pieces(of: line)
        guard let first = pieces.first, !line.isBullet else { return }
        if PlaceNames.isPlace(first) {
            if basics.location?.city == nil, let city = PlaceNames.city(in: first) {
                basics.location = Resume.Location(city: city)
            }
            consumed.insert(next)
            return
        }
        let words = first.split(separator: " ").count
        guard words <= 16, first.last != ".", ContactData.email(in: first) == nil,
            !DateScanner.spans(in: first, referenceYear: 2100).contains(where: \.isRange),
            ContactData.urls(in: first).isEmpty, !looksLikeName(first)
        else { return }
        // The whole line is the headline unless other pieces are contact data or a place.
        let extras = pieces.dropFirst().filter { piece in
            PlaceNames.isPlace(piece) || ContactData.email(in: piece) != nil || !ContactData.urls(in: piece).isEmpty
                || ContactData.phone(in: piece) != nil
        }
        basics.label = extras.isEmpty ? line.content : first
        consumed.insert(next)
        takeExtras(Array(extras))
        // LinkedIn: name, headline, then the place on its own line.
        let after = next + 1
        if after < layout.lines.count, !consumed.contains(after), PlaceNames.isPlace(layout.lines[after].content) {
            if basics.location?.city == nil, let city = PlaceNames.city(in: layout.lines[after].content) {
                basics.location = Resume.Location(city: city)
            }
            consumed.insert(after)
        }
    }

    /// Pieces beside the name on its line: a headline, a place.
    private mutating func takeExtras(_ pieces: [String]) {
        for piece in pieces {
            if PlaceNames.isPlace(piece) {
                if basics.location?.city == nil, let city = PlaceNames.city(in: piece) {
                    basics.location = Resume.Location(city: city)
                }
            } else if basics.label == nil, ResumeVocabulary.roleScore(piece) > 0 {
                basics.label = piece
            }
        }
    }

    /// "Name: Max Mustermann".
    private static func labelledName(_ text: String) -> String? {
        let lowered = text.lowercased()
        for label in ["name:", "name "] where lowered.hasPrefix(label) {
            let rest = String(text.dropFirst(label.count)).trimmingSpaces
            return rest.isEmpty ? nil : rest
        }
        return nil
    }

    /// A name outside the opening lines: followed by a headline or a place.
    private mutating func nameFurtherDown() -> Int? {
        let allowed: Set<ResumeSectionKind> = [
            .opening, .contact, .skills, .languages, .certificates, .awards, .publications, .interests, .references,
        ]
        // LinkedIn puts it on the first page, after the sidebar.
        for (index, line) in layout.lines.prefix(100).enumerated() {
            guard !consumed.contains(index), !line.isBullet, allowed.contains(layout.kind(ofLine: index)),
                looksLikeName(line.content), index + 1 < layout.lines.count
            else { continue }
            let next = layout.lines[index + 1].content
            guard ResumeVocabulary.roleScore(next) > 0 || PlaceNames.isPlace(next) else { continue }
            basics.name = line.content
            consumed.insert(index)
            return index
        }
        return nil
    }

    /// Two to five capitalised words of letters, none of them a role, company, place,
    /// heading, language or skill.
    func looksLikeName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (2...5).contains(words.count), text.count <= 50 else { return false }
        let particles: Set<String> = [
            "von", "van", "de", "der", "den", "da", "di", "du", "la", "le", "al", "el", "bin", "ten", "zu", "y", "dos",
            "das", "del",
        ]
        for word in words {
            guard word.allSatisfy({ $0.isLetter || "-'.".contains($0) }) else { return false }
            if particles.contains(word.lowercased()) { continue }
            guard word.first?.isUppercase == true else { return false }
            if DateScanner.months[word.lowercased().trimming(".")] != nil { return false }
        }
        if ResumeVocabulary.roleScore(text) > 0 || ResumeVocabulary.companyScore(text) > 0 { return false }
        if ResumeVocabulary.isInstitution(text) || PlaceNames.isPlace(text) { return false }
        if words.contains(where: { ResumeVocabulary.isNaturalLanguage($0) }) { return false }
        if Self.documentTitles.contains(text.lowercased()) { return false }
        if SectionHeadings.kind(of: ResumeLine(content: text, followsBlank: true)) != nil { return false }
        if taxonomy.skillId(for: text) != nil || !taxonomy.extractSkills(from: text).isEmpty { return false }
        return true
    }

    // MARK: Summary

    private mutating func findSummary() {
        var paragraphs: [String] = []
        for section in layout.sections(.summary) {
            let text = section.lines.filter { !consumed.contains($0) }.map { layout.lines[$0].content }
                .joined(separator: " ")
            if !text.isEmpty { paragraphs.append(text) }
        }
        if paragraphs.isEmpty {
            // An untitled paragraph under the contact lines.
            let opening = layout.sections(.opening).flatMap(\.lines).filter { !consumed.contains($0) }
            var prose: [Int] = []
            for index in opening {
                let line = layout.lines[index]
                let continues =
                    prose.last == index - 1
                    && (line.content.opensInLowerCase || !".!?".contains(layout.lines[index - 1].content.last ?? "."))
                let contactLike = line.content.contains("|") || line.content.contains("@") || line.content.contains("·")
                if !contactLike, line.words.count >= 8 || continues {
                    prose.append(index)
                } else if !prose.isEmpty {
                    break
                }
            }
            if !prose.isEmpty {
                paragraphs.append(prose.map { layout.lines[$0].content }.joined(separator: " "))
                consumed.formUnion(prose)
            }
        }
        if !paragraphs.isEmpty { basics.summary = paragraphs.joined(separator: "\n\n") }
    }
}
