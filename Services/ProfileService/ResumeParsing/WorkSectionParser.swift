import Contracts

/// A job (or volunteer role) read from the text, with its dates as parsed and the
/// texts that mention its skills.
struct ParsedEntry: Sendable {
    var work: Resume.Work
    var start: ResumeDate?
    var end: ResumeDate?
    var isCurrent: Bool
    /// The entry's title line, summary and highlights, for skill evidence.
    var texts: [String]
}

/// Work entries from an experience section. Each dated line anchors an entry; its
/// title lines are the short lines next to the date — before it in most résumés
/// ("Senior Engineer — Acme" over "Jan 2020 – Present"), after it in date-first
/// ones ("01/2020 – heute" over "Entwickler, Beispiel GmbH"); which one the
/// document does is decided by a vote over all its entries. Title parts become
/// position, company and location by their words ("Engineer", "GmbH", "Berlin").
/// Bullets become highlights (wrapped lines joined), other lines the summary.
struct WorkSectionParser {
    let referenceYear: Int

    private struct Row {
        var line: ResumeLine
        var date: DateSpan? = nil
        var rest: String
        var isHeaderLike: Bool
        var isDuration: Bool
        var isPlace: Bool
    }

    private enum Orientation { case titleFirst, dateFirst }

    /// Labels that open content, not a title: "Technologies: Swift, Go".
    static let contentLabels: Set<String> = [
        "technologies", "technology", "tech stack", "stack", "tools", "environment", "skills", "tech", "technologien",
        "werkzeuge", "umgebung", "methoden", "key achievements", "achievements", "responsibilities", "aufgaben",
        "tätigkeiten", "erfolge", "projects", "projekte", "technologie", "tools used", "used", "highlights",
        "verantwortung", "schwerpunkte", "kunde", "client", "clients", "team", "reference", "referenz",
    ]

    static let abbreviationEndings: Set<String> = [
        "inc.", "ltd.", "co.", "corp.", "s.a.", "e.v.", "b.v.", "n.v.", "jr.", "sr.", "llc.", "plc.", "dr.", "st.",
    ]

    func entries(_ lines: [ResumeLine]) -> [ParsedEntry] {
        let rows = restoringTrailingDates(lines).map(row)
        var anchors = rows.indices.filter { rows[$0].date != nil }
        if anchors.isEmpty { anchors = undatedAnchors(rows) }
        guard !anchors.isEmpty else { return [] }

        var owner = [Int?](repeating: nil, count: rows.count)
        for (entry, anchor) in anchors.enumerated() {
            owner[anchor] = entry
            // A place on the line after the date belongs to that entry (LinkedIn).
            var next = anchor + 1
            while next < rows.count, owner[next] == nil, rows[next].isPlace, !rows[next].line.isBullet {
                owner[next] = entry
                next += 1
            }
        }
        let orientation = orientation(rows, anchors: anchors, owner: owner)

        var headers: [[Int]] = []
        for (entry, anchor) in anchors.enumerated() {
            var header: [Int]
            switch orientation {
            case .titleFirst:
                header = titleLines(before: anchor, rows: rows, owner: owner).reversed() + [anchor]
            case .dateFirst:
                header = [anchor] + titleLines(after: anchor, rows: rows, owner: owner)
            }
            header += (anchor + 1..<rows.count).prefix { owner[$0] == entry && $0 != anchor }
            for index in header { owner[index] = entry }
            headers.append(header.sorted())
        }

        // Entries that name a role show whether the document writes the company first.
        let firstReading = headers.map { header in fields(header.map { rows[$0] }, companyFirst: nil) }
        let companyFirstVotes = firstReading.count { $0.companyFirst == true }
        let titleFirstVotes = firstReading.count { $0.companyFirst == false }
        let companyFirst = companyFirstVotes > titleFirstVotes

        var entries: [ParsedEntry] = []
        var groupCompany: String?
        for (entry, header) in headers.enumerated() {
            let headerEnd = header.max() ?? anchors[entry]
            let nextStart = entry + 1 < headers.count ? (headers[entry + 1].min() ?? rows.count) : rows.count
            var headerRows = header.map { rows[$0] }
            var content = Array(headerEnd + 1..<max(headerEnd + 1, nextStart)).filter { owner[$0] == nil }
            var found =
                firstReading[entry].needsOrder ? fields(headerRows, companyFirst: companyFirst) : firstReading[entry]
            // A company or title on the line under the date ("Engineer  2019–2021" / "Acme GmbH").
            if let first = content.first, found.company == nil || found.position == nil {
                let candidate = rows[first]
                // A missing company: a short name-like line will do; a missing title needs role words.
                let fits =
                    found.company == nil
                    ? ResumeVocabulary.companyScore(candidate.rest) > 0
                        || candidate.rest.split(separator: " ").count <= 6 && !candidate.rest.hasSuffix(".")
                    : ResumeVocabulary.roleScore(candidate.rest) > 0
                if candidate.isHeaderLike, !candidate.line.isBullet, fits {
                    headerRows.append(candidate)
                    content.removeFirst()
                    found = fields(headerRows, companyFirst: companyFirst)
                }
            }
            if let group = found.groupCompany {
                groupCompany = group
            } else if found.company == nil {
                found.company = groupCompany
            } else {
                groupCompany = nil
            }
            let (summary, highlights) = Self.body(content.map { rows[$0].line })
            let date = rows[anchors[entry]].date
            var start = date?.start
            var end = date?.end
            if let date, !date.isRange, !date.isCurrent {
                start = date.start
                end = date.start
            }
            let work = Resume.Work(
                name: found.company, location: found.location, position: found.position,
                startDate: start?.iso, endDate: date?.isCurrent == true ? nil : end?.iso, summary: summary,
                highlights: highlights.isEmpty ? nil : highlights)
            var texts = headerRows.map(\.rest)
            if let summary { texts.append(summary) }
            texts += highlights
            entries.append(
                ParsedEntry(work: work, start: start, end: end, isCurrent: date?.isCurrent ?? false, texts: texts))
        }
        return entries
    }

    /// poppler's physical reading order can print a right-aligned date after its
    /// entry's bullets, between blank lines. Such a date goes back under the nearest
    /// title lines above it, when those have no date of their own (in a date-first
    /// résumé the date above them is theirs).
    func restoringTrailingDates(_ lines: [ResumeLine]) -> [ResumeLine] {
        func isDated(_ line: ResumeLine) -> Bool {
            !line.isBullet && EntryParts.dated(line, referenceYear: referenceYear, allowSingle: false).date != nil
        }
        func isDateOnly(_ line: ResumeLine) -> Bool {
            guard !line.isBullet else { return false }
            let (date, rest) = EntryParts.dated(line, referenceYear: referenceYear, allowSingle: true)
            return date != nil && rest.isEmpty
        }
        func isTitle(_ line: ResumeLine) -> Bool { Self.isHeaderLike(line.content, line: line) && !isDateOnly(line) }
        // A date-first résumé ("01/2020 – heute" over each job) has its dates where they belong.
        guard let first = lines.first, !isDateOnly(first) else { return lines }
        var result = lines
        for index in result.indices {
            let isolated = result[index].followsBlank && (index + 1 == result.count || result[index + 1].followsBlank)
            guard index > 0, isolated, isDateOnly(result[index]), !isTitle(result[index - 1]) else { continue }
            // Up over the content to the title lines above it.
            var end = index - 1
            while end >= 0, !isTitle(result[end]) {
                if isDateOnly(result[end]) { break }
                end -= 1
            }
            guard end >= 0, isTitle(result[end]) else { continue }
            var start = end
            while start > 0, end - start < 2, isTitle(result[start - 1]) { start -= 1 }
            // Dated already (a date above, within or below the titles): not this date's entry.
            if start > 0, isDateOnly(result[start - 1]) { continue }
            if end + 1 < index, isDateOnly(result[end + 1]) { continue }
            if result[start...end].contains(where: isDated) { continue }
            var date = result.remove(at: index)
            date.followsBlank = false
            result.insert(date, at: end + 1)
        }
        return result
    }

    private func row(_ line: ResumeLine) -> Row {
        guard !line.isBullet else {
            return Row(line: line, rest: line.content, isHeaderLike: false, isDuration: false, isPlace: false)
        }
        var (date, rest) = EntryParts.dated(line, referenceYear: referenceYear, allowSingle: true)
        // A lone year anchors an entry only on a short title line, not inside a sentence.
        if let span = date, !span.isRange, !rest.isEmpty, !Self.isHeaderLike(rest, line: line) {
            date = nil
            rest = EntryParts.plainText(line)
        }
        return Row(
            line: line, date: date, rest: rest, isHeaderLike: Self.isHeaderLike(rest, line: line),
            isDuration: line.words.count <= 6 && line.content.utf8.contains { (0x30...0x39).contains($0) }
                && DateScanner.isDurationOnly(line.content),
            isPlace: PlaceNames.isPlace(EntryParts.plainText(line)))
    }

    /// Short, capitalised, not a sentence, not a bullet, not "Technologies: …".
    static func isHeaderLike(_ text: String, line: ResumeLine) -> Bool {
        guard !line.isBullet, !text.isEmpty else { return false }
        let words = text.split(separator: " ")
        guard words.count <= 14, text.count <= 120, !text.hasSuffix(":") else { return false }
        if let colon = text.firstIndex(of: ":"), contentLabels.contains(text[..<colon].lowercased().trimmingSpaces) {
            return false
        }
        if text.hasSuffix("."), words.count > 4, let last = words.last,
            !abbreviationEndings.contains(last.lowercased())
        {
            return false
        }
        guard let first = text.first(where: { $0.isLetter || $0.isNumber }) else { return false }
        // Prose: a long line of mostly lower-case words.
        if words.count >= 6, words.filter({ $0.first?.isLowercase == true }).count * 5 >= words.count * 2 {
            return false
        }
        // "iOS Developer", "eBay": a capital inside the first word will do.
        return first.isUppercase || first.isNumber || words.first?.contains(where: \.isUppercase) == true
    }

    /// Title lines above a date, nearest first: at most two that are not places
    /// (one when the date line carries a title itself); a blank line above one ends them.
    private func titleLines(before anchor: Int, rows: [Row], owner: [Int?]) -> [Int] {
        if rows[anchor].line.followsBlank && rows[anchor].rest.isEmpty { return [] }
        let limit = rows[anchor].rest.isEmpty ? 2 : 1
        var taken: [Int] = []
        var titles = 0
        var index = anchor - 1
        while index >= 0, owner[index] == nil, rows[index].date == nil {
            let row = rows[index]
            guard !row.line.isBullet, row.isHeaderLike || row.isDuration || row.isPlace else { break }
            if !row.isDuration && !row.isPlace {
                if titles == limit { break }
                titles += 1
            }
            taken.append(index)
            // A blank line above ends the titles, unless a company's total duration stands there (LinkedIn).
            if row.line.followsBlank, index == 0 || !rows[index - 1].isDuration { break }
            index -= 1
        }
        // Only places and durations: nothing names the job.
        if titles == 0 { return [] }
        return taken
    }

    /// Title lines under a date-first line, up to three, ending at a bullet, a
    /// sentence, a blank line or the next date.
    private func titleLines(after anchor: Int, rows: [Row], owner: [Int?]) -> [Int] {
        var taken: [Int] = []
        var index = anchor + 1
        while index < rows.count, taken.count < 3, owner[index] == nil, rows[index].date == nil {
            let row = rows[index]
            guard !row.line.isBullet, row.isHeaderLike || row.isPlace, !row.line.followsBlank || taken.isEmpty else {
                break
            }
            taken.append(index)
            index += 1
        }
        return taken
    }

    private func orientation(_ rows: [Row], anchors: [Int], owner: [Int?]) -> Orientation {
        var titleFirst = 0
        var dateFirst = 0
        for anchor in anchors {
            let before = titleLines(before: anchor, rows: rows, owner: owner).count
            let after = titleLines(after: anchor, rows: rows, owner: owner).filter { !rows[$0].isPlace }.count
            if before > 0, after == 0 || rows[anchor].rest.isEmpty {
                titleFirst += 1
            } else if before == 0, after > 0 {
                dateFirst += 1
            }
        }
        return dateFirst > titleFirst ? .dateFirst : .titleFirst
    }

    /// Without dates: each run of title lines followed by a bullet opens an entry.
    private func undatedAnchors(_ rows: [Row]) -> [Int] {
        var anchors: [Int] = []
        var index = 0
        while index < rows.count {
            guard rows[index].isHeaderLike else {
                index += 1
                continue
            }
            var end = index
            while end + 1 < rows.count, rows[end + 1].isHeaderLike, end - index < 2 { end += 1 }
            if end + 1 < rows.count, rows[end + 1].line.isBullet {
                anchors.append(end)
            }
            index = end + 1
        }
        return anchors
    }

    // MARK: Title parts

    struct Fields {
        var position: String?
        var company: String?
        var location: String?
        /// Whether the company was written before the title, when both were recognised.
        var companyFirst: Bool?
        /// A company heading several roles (LinkedIn: company, total duration, then roles).
        var groupCompany: String?
        /// Told title from company only by the order the document uses.
        var needsOrder = false
    }

    private func fields(_ rows: [Row], companyFirst: Bool?) -> Fields {
        var result = Fields()
        var texts: [String] = []
        if let duration = rows.firstIndex(where: \.isDuration), duration > 0 {
            let companyParts = rows[..<duration].flatMap { EntryParts.parts(of: $0.rest) }
            if let company = companyParts.first(where: { !PlaceNames.isPlace($0) }) {
                result.groupCompany = company
                result.company = company
            }
            texts = rows[(duration + 1)...].map(\.rest)
        } else {
            texts = rows.filter { !$0.isDuration }.map(\.rest)
        }
        var candidates: [String] = []
        for part in texts.flatMap(EntryParts.parts(of:)) {
            let (text, place) = EntryParts.splitTrailingPlace(part)
            if let place, result.location == nil { result.location = place }
            if PlaceNames.isPlace(text) {
                if result.location == nil { result.location = text }
                continue
            }
            if !text.isEmpty { candidates.append(text) }
        }
        if result.company == nil {
            for (index, candidate) in candidates.enumerated() {
                guard let (position, company) = EntryParts.splitAt(candidate) else { continue }
                result.position = position
                let (name, place) = EntryParts.splitTrailingPlace(company)
                if let place, result.location == nil { result.location = place }
                result.company = name
                candidates.remove(at: index)
                return result
            }
        }
        let roleScores = candidates.map(ResumeVocabulary.roleScore)
        var positionIndex: Int?
        if let best = roleScores.max(), best > 0 {
            positionIndex = roleScores.firstIndex(of: best)
        }
        if result.company != nil {
            result.position = positionIndex.map { candidates[$0] } ?? candidates.first
            return result
        }
        let others = candidates.indices.filter { $0 != positionIndex }
        if let positionIndex {
            result.position = candidates[positionIndex]
            let companyScores = others.map { ResumeVocabulary.companyScore(candidates[$0]) }
            let pick =
                companyScores.indices.max { companyScores[$0] < companyScores[$1] }
                .flatMap { best in companyScores[best] > 0 ? others[best] : nil }
                ?? others.first
            if let pick {
                result.company = candidates[pick]
                result.companyFirst = pick < positionIndex
            }
            return result
        }
        // No role words: the order the document uses elsewhere, title first by default.
        switch candidates.count {
        case 0: break
        case 1:
            result.company = candidates[0]
        default:
            let companyScores = candidates.map(ResumeVocabulary.companyScore)
            if let best = companyScores.max(), best > 0, let index = companyScores.firstIndex(of: best) {
                result.company = candidates[index]
                result.position = candidates.indices.first { $0 != index }.map { candidates[$0] }
            } else if companyFirst == true {
                result.needsOrder = true
                result.company = candidates[0]
                result.position = candidates[1]
            } else {
                result.needsOrder = true
                result.position = candidates[0]
                result.company = candidates[1]
            }
        }
        return result
    }

    // MARK: Body

    /// Highlights from bullets (wrapped lines joined) and a summary from other lines.
    static func body(_ lines: [ResumeLine]) -> (summary: String?, highlights: [String]) {
        var highlights: [String] = []
        var summary: [String] = []
        var inBullet = false
        for line in lines {
            if line.isBullet {
                highlights.append(line.content)
                inBullet = true
            } else if inBullet, let last = highlights.last, continues(last, with: line) {
                highlights[highlights.count - 1] = joined(last, line.content)
            } else {
                inBullet = false
                if let last = summary.last, !line.followsBlank {
                    summary[summary.count - 1] = joined(last, line.content)
                } else {
                    summary.append(line.content)
                }
            }
        }
        let text = summary.joined(separator: "\n")
        return (text.isEmpty ? nil : text, highlights)
    }

    /// Whether a plain line continues the bullet above it rather than starting a paragraph.
    static func continues(_ bullet: String, with line: ResumeLine) -> Bool {
        if line.followsBlank { return false }
        if line.content.opensInLowerCase { return true }
        guard let last = bullet.last else { return false }
        return !".!?:".contains(last)
    }

    /// Two pieces of wrapped text as one: a space between, none after a hyphen that ends a word.
    static func joined(_ first: String, _ second: String) -> String {
        if first.hasSuffix("-"), first.dropLast().last?.isLetter == true, second.first?.isLowercase == true {
            return first + second
        }
        return first + " " + second
    }
}
