import Contracts

/// The entry sections: each candidate entry must be one of the profile's, matched
/// by name; what it states as fact (titles, dates, places) is put back to the
/// profile's, and only its prose and lists are checked claim by claim. A figure in
/// an entry must be one that entry states: "40%" belongs to the job that achieved it.
extension ClaimAudit {
    // MARK: Work and volunteering

    mutating func checkWork(_ candidates: [Resume.Work]?, source: [Resume.Work], section: String) -> [Resume.Work]? {
        guard let candidates else { return nil }
        var used: Set<Int> = []
        var kept: [Resume.Work] = []
        for (index, candidate) in candidates.enumerated() {
            let path = "\(section)[\(index)]"
            guard let match = Self.matchWork(candidate, in: source, excluding: used) else {
                let described = [candidate.position, candidate.name].compactMap { $0 }.joined(separator: " at ")
                let duplicate = source.contains { Self.sameName($0.name, candidate.name) }
                record(
                    .employer, path, described,
                    duplicate ? "repeats an entry already shown" : "the profile has no such employer")
                continue
            }
            used.insert(match)
            let own = source[match]
            if TextMatching.nameKey(candidate.position) != TextMatching.nameKey(own.position) {
                record(
                    .position, "\(path).position", candidate.position ?? "", replacement: own.position,
                    "the profile holds a different title here")
            }
            checkDates(candidate.startDate, candidate.endDate, own.startDate, own.endDate, path: path)
            checkDetail(candidate.location, own.location, path: "\(path).location")
            checkDetail(candidate.url, own.url, path: "\(path).url")
            var entry = own
            let numbers = NumberScanner.keys(
                in: [own.name, own.position, own.location, own.startDate, own.endDate, own.description, own.summary]
                    .compactMap { $0 } + (own.highlights ?? []))
            entry.description = checkProse(
                candidate.description, path: "\(path).description", sources: [own.description], numbers: numbers)
            entry.summary = checkProse(
                candidate.summary, path: "\(path).summary", sources: [own.summary], numbers: numbers)
            entry.highlights = checkHighlights(
                candidate.highlights, path: "\(path).highlights", sources: own.highlights ?? [], numbers: numbers)
            kept.append(entry)
        }
        return kept
    }

    /// Same employer and title; else the same employer (the title is then put back);
    /// among several, the one that started on the same date.
    static func matchWork(_ candidate: Resume.Work, in source: [Resume.Work], excluding used: Set<Int>) -> Int? {
        let open = source.indices.filter { !used.contains($0) && sameName(source[$0].name, candidate.name) }
        let position = TextMatching.nameKey(candidate.position)
        return open.first { TextMatching.nameKey(source[$0].position) == position }
            ?? open.first { source[$0].startDate == candidate.startDate } ?? open.first
    }

    /// Normalised names equal ("Lumen Payments GmbH" = "lumen payments"), or one the
    /// other's leading words ("Lumen Payments" for "Lumen Payments Platform").
    static func sameName(_ first: String?, _ second: String?) -> Bool {
        let left = TextMatching.nameKey(first).split(separator: " ")
        let right = TextMatching.nameKey(second).split(separator: " ")
        if left == right { return true }
        guard !left.isEmpty, !right.isEmpty else { return false }
        let shorter = left.count < right.count ? left : right
        let longer = left.count < right.count ? right : left
        return Array(longer.prefix(shorter.count)) == shorter
    }

    mutating func checkDates(_ start: String?, _ end: String?, _ ownStart: String?, _ ownEnd: String?, path: String) {
        if start != ownStart {
            record(
                .date, "\(path).startDate", start ?? "(none)", replacement: ownStart ?? "(none)",
                "dates come from the profile")
        }
        if end != ownEnd {
            record(
                .date, "\(path).endDate", end ?? "(none)", replacement: ownEnd ?? "(present)",
                "dates come from the profile")
        }
    }

    /// A factual field given differently from the profile; leaving it out is no claim.
    mutating func checkDetail(_ given: String?, _ own: String?, path: String) {
        guard let given, given != own else { return }
        record(.detail, path, given, replacement: own, "this comes from the profile")
    }

    // MARK: Education and certificates

    mutating func checkEducation(
        _ candidates: [Resume.Education]?, source: [Resume.Education]
    )
        -> [Resume.Education]?
    {
        guard let candidates else { return nil }
        var used: Set<Int> = []
        var kept: [Resume.Education] = []
        for (index, candidate) in candidates.enumerated() {
            let path = "education[\(index)]"
            let described = Self.degree(candidate)
            let open = source.indices.filter {
                !used.contains($0) && Self.sameName(source[$0].institution, candidate.institution)
            }
            let sameDegree = open.first { Self.degreeKey(source[$0]) == Self.degreeKey(candidate) }
            guard let match = sameDegree ?? open.first else {
                record(.education, path, described, "the profile has no such education")
                continue
            }
            used.insert(match)
            let own = source[match]
            if Self.degreeKey(own) != Self.degreeKey(candidate) {
                record(
                    .education, path, described, replacement: Self.degree(own),
                    "the profile holds a different degree here")
            }
            checkDates(candidate.startDate, candidate.endDate, own.startDate, own.endDate, path: path)
            checkDetail(candidate.score, own.score, path: "\(path).score")
            var entry = own
            if let courses = candidate.courses {
                let known = Set((own.courses ?? []).map(TextMatching.nameKey))
                entry.courses = courses.filter { known.contains(TextMatching.nameKey($0)) }
                for (offset, course) in courses.enumerated() where !known.contains(TextMatching.nameKey(course)) {
                    record(.education, "\(path).courses[\(offset)]", course, "the profile lists no such course")
                }
            }
            kept.append(entry)
        }
        return kept
    }

    static func degreeKey(_ entry: Resume.Education) -> String {
        TextMatching.nameKey(entry.studyType) + "|" + TextMatching.nameKey(entry.area)
    }

    static func degree(_ entry: Resume.Education) -> String {
        let subject = [entry.studyType, entry.area].compactMap { $0 }.joined(separator: " ")
        return [subject, entry.institution ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
    }

    mutating func checkCertificates(
        _ candidates: [Resume.Certificate]?, source: [Resume.Certificate]
    )
        -> [Resume.Certificate]?
    {
        guard let candidates else { return nil }
        var used: Set<Int> = []
        var kept: [Resume.Certificate] = []
        for (index, candidate) in candidates.enumerated() {
            let path = "certificates[\(index)]"
            let key = TextMatching.nameKey(candidate.name)
            guard
                let match = source.indices.first(where: {
                    !used.contains($0) && TextMatching.nameKey(source[$0].name) == key
                })
            else {
                record(.certificate, path, candidate.name ?? "", "the profile has no such certificate")
                continue
            }
            used.insert(match)
            let own = source[match]
            if candidate.date != nil, candidate.date != own.date {
                record(
                    .date, "\(path).date", candidate.date ?? "", replacement: own.date, "dates come from the profile")
            }
            checkDetail(candidate.issuer, own.issuer, path: "\(path).issuer")
            checkDetail(candidate.url, own.url, path: "\(path).url")
            kept.append(own)
        }
        return kept
    }

    // MARK: Skills and projects

    /// Keywords the profile backs; a group left empty goes; a level put back to the
    /// profile group's of the same name (none when there is no such group).
    mutating func checkSkills(_ candidates: [Resume.SkillGroup]?, source: [Resume.SkillGroup]) -> [Resume.SkillGroup]? {
        guard let candidates else { return nil }
        var kept: [Resume.SkillGroup] = []
        for (index, candidate) in candidates.enumerated() {
            let path = "skills[\(index)]"
            let own = source.first { TextMatching.nameKey($0.name) == TextMatching.nameKey(candidate.name) }
            var group = candidate
            if let name = candidate.name, own == nil {
                let problems = claims.unsupported(in: name)
                if !problems.isEmpty {
                    record(problems, "\(path).name", name, replacement: nil)
                    group.name = nil
                }
            }
            if let level = candidate.level, level != own?.level {
                record(.detail, "\(path).level", level, replacement: own?.level, "skill levels come from the profile")
                group.level = own?.level
            }
            group.keywords = checkKeywords(candidate.keywords, path: "\(path).keywords")
            if candidate.keywords?.isEmpty == false, group.keywords?.isEmpty == true { continue }
            kept.append(group)
        }
        return kept
    }

    mutating func checkProjects(_ candidates: [Resume.Project]?, source: [Resume.Project]) -> [Resume.Project]? {
        guard let candidates else { return nil }
        var used: Set<Int> = []
        var kept: [Resume.Project] = []
        for (index, candidate) in candidates.enumerated() {
            let path = "projects[\(index)]"
            guard
                let match = source.indices.first(where: {
                    !used.contains($0) && Self.sameName(source[$0].name, candidate.name)
                })
            else {
                record(.employer, path, candidate.name ?? "", "the profile has no such project")
                continue
            }
            used.insert(match)
            let own = source[match]
            checkDates(candidate.startDate, candidate.endDate, own.startDate, own.endDate, path: path)
            if let roles = candidate.roles,
                roles.map(TextMatching.nameKey) != (own.roles ?? []).map(TextMatching.nameKey)
            {
                record(
                    .position, "\(path).roles", roles.joined(separator: ", "),
                    replacement: own.roles?.joined(separator: ", "), "project roles come from the profile")
            }
            checkDetail(candidate.entity, own.entity, path: "\(path).entity")
            checkDetail(candidate.url, own.url, path: "\(path).url")
            checkDetail(candidate.type, own.type, path: "\(path).type")
            var entry = own
            let numbers = NumberScanner.keys(
                in: [own.name, own.entity, own.startDate, own.endDate, own.description].compactMap { $0 }
                    + (own.highlights ?? []) + (own.keywords ?? []) + (own.roles ?? []))
            entry.description = checkProse(
                candidate.description, path: "\(path).description", sources: [own.description], numbers: numbers)
            entry.highlights = checkHighlights(
                candidate.highlights, path: "\(path).highlights", sources: own.highlights ?? [], numbers: numbers)
            entry.keywords = checkKeywords(candidate.keywords, path: "\(path).keywords")
            kept.append(entry)
        }
        return kept
    }

    // MARK: Other sections

    /// Entries matched to the profile's by `key` come back as the profile has them;
    /// the rest are removed.
    mutating func keepKnown<Entry: Equatable>(
        _ candidates: [Entry]?, source: [Entry], section: String, key: (Entry) -> String?, what: String
    ) -> [Entry]? {
        guard let candidates else { return nil }
        var used: Set<Int> = []
        var kept: [Entry] = []
        for (index, candidate) in candidates.enumerated() {
            let wanted = TextMatching.nameKey(key(candidate))
            guard
                let match = source.indices.first(where: {
                    !used.contains($0) && TextMatching.nameKey(key(source[$0])) == wanted
                })
            else {
                record(.entry, "\(section)[\(index)]", key(candidate) ?? "", "the profile has no such \(what)")
                continue
            }
            used.insert(match)
            if source[match] != candidate {
                record(
                    .detail, "\(section)[\(index)]", key(candidate) ?? "", replacement: key(source[match]),
                    "restored to the profile's wording")
            }
            kept.append(source[match])
        }
        return kept
    }
}
