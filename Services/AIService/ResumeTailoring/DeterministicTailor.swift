import Contracts
import Taxonomy

/// Tailors a profile to a job without a model: a summary written from a template
/// over facts the profile holds, and highlights, skills and projects reordered
/// so what the job asks for comes first. It moves text, never writes claims: the
/// only new sentences are the template's, built from the profile's own title, the
/// years its work dates give and skills it holds.
struct DeterministicTailor: Sendable {
    let taxonomy: Taxonomy
    var options: TailoringOptions = TailoringOptions()

    func tailor(
        profile: Resume, requirements: JobRequirements, statuses: [RequirementStatus], evidence: ProfileEvidence
    ) -> Resume {
        var resume = profile
        if let summary = summary(profile: profile, statuses: statuses, evidence: evidence) {
            var basics = resume.basics ?? Resume.Basics()
            basics.summary = summary
            resume.basics = basics
        }
        resume.work = profile.work?.map { entry in
            var entry = entry
            entry.highlights = prioritised(entry.highlights, for: requirements)
            return entry
        }
        resume.volunteer = profile.volunteer?.map { entry in
            var entry = entry
            entry.highlights = prioritised(entry.highlights, for: requirements)
            return entry
        }
        resume.skills = prioritised(profile.skills, for: requirements)
        resume.projects = prioritised(profile.projects, for: requirements)
        return resume
    }

    // MARK: Summary

    /// "Senior Backend Engineer with 8 years of experience. Core skills: Go, PostgreSQL
    /// and Kafka." followed by the profile's own summary, less any sentence stating a
    /// number of years (the template states the one the dates give).
    func summary(profile: Resume, statuses: [RequirementStatus], evidence: ProfileEvidence) -> String? {
        var sentences: [String] = []
        let title = evidence.history.mostRecentPosition ?? profile.basics?.label
        let years = evidence.history.yearsOfExperience ?? 0
        let span = years == 1 ? "1 year" : "\(years) years"
        switch (title?.isEmpty == false ? title : nil, years > 0) {
        case (let title?, true): sentences.append("\(title) with \(span) of experience.")
        case (let title?, false): sentences.append("\(title).")
        case (nil, true): sentences.append("\(span.prefix(1).uppercased())\(span.dropFirst()) of experience.")
        case (nil, false): break
        }
        let skills = summarySkills(statuses: statuses, evidence: evidence)
        if !skills.isEmpty { sentences.append("Core skills: \(ProseList.join(skills)).") }
        guard !sentences.isEmpty else { return profile.basics?.summary }
        let own = TextMatching.sentences(profile.basics?.summary ?? "").filter { sentence in
            !NumberScanner.numbers(in: sentence).contains { $0.countsYears }
        }
        return (sentences + own).joined(separator: " ")
    }

    /// Job skills the profile holds itself (not by relation), evidenced before
    /// listed, required before preferred, by the taxonomy's display names.
    func summarySkills(statuses: [RequirementStatus], evidence: ProfileEvidence) -> [String] {
        let held = statuses.filter { evidence.holds($0.skillId) }
        func rank(_ status: RequirementStatus) -> Int {
            (status.importance == .required ? 0 : 2) + (status.status == .evidenced ? 0 : 1)
        }
        let sorted = held.enumerated().sorted { left, right in
            let (leftRank, rightRank) = (rank(left.element), rank(right.element))
            return leftRank != rightRank ? leftRank < rightRank : left.offset < right.offset
        }
        return sorted.prefix(options.summarySkillLimit).map(\.element.name)
    }

    /// "A", "A and B", "A, B and C".
    // MARK: Ordering

    /// Sum of the weights of the job skills `text` mentions, each counted once.
    func relevance(of texts: [String], for requirements: JobRequirements) -> Int {
        let ids = Set(texts.flatMap { taxonomy.extractSkills(from: $0).map(\.skillId) })
        return ids.reduce(0) { $0 + requirements.weight(of: $1) }
    }

    /// Highlights naming job skills first (stable otherwise); beyond the cap, those
    /// naming none are dropped from the end.
    func prioritised(_ highlights: [String]?, for requirements: JobRequirements) -> [String]? {
        guard let highlights else { return nil }
        var ordered = Self.stableSorted(highlights) { relevance(of: [$0], for: requirements) }
        if let cap = options.highlightCap {
            let keep = max(cap, options.minimumHighlights, 1)
            while ordered.count > keep, let last = ordered.last, relevance(of: [last], for: requirements) == 0 {
                ordered.removeLast()
            }
        }
        return ordered
    }

    /// Groups with the most required matches first, then preferred; keywords in
    /// each group required, preferred, then the rest.
    func prioritised(_ groups: [Resume.SkillGroup]?, for requirements: JobRequirements) -> [Resume.SkillGroup]? {
        guard let groups else { return nil }
        let sortedKeywords = groups.map { group in
            var group = group
            group.keywords = group.keywords.map { keywords in
                Self.stableSorted(keywords) { keyword in
                    taxonomy.listedSkillIds(keyword).map(requirements.weight(of:)).max() ?? 0
                }
            }
            return group
        }
        func count(_ group: Resume.SkillGroup, _ importance: RequirementImportance) -> Int {
            Set((group.keywords ?? []).flatMap(taxonomy.listedSkillIds)).filter {
                requirements.importance(of: $0) == importance
            }.count
        }
        // Required matches outrank any number of preferred ones.
        return Self.stableSorted(sortedKeywords) { count($0, .required) * 1000 + count($0, .preferred) }
    }

    /// Projects by the job skills their keywords and text name; highlights reordered within.
    func prioritised(_ projects: [Resume.Project]?, for requirements: JobRequirements) -> [Resume.Project]? {
        guard let projects else { return nil }
        let reordered = projects.map { project in
            var project = project
            project.highlights = prioritised(project.highlights, for: requirements)
            return project
        }
        return Self.stableSorted(reordered) { project in
            let listed = Set((project.keywords ?? []).flatMap(taxonomy.listedSkillIds))
            let prose = Set(
                ([project.description].compactMap { $0 } + (project.highlights ?? []))
                    .flatMap { taxonomy.extractSkills(from: $0).map(\.skillId) })
            return listed.union(prose).reduce(0) { $0 + requirements.weight(of: $1) }
        }
    }

    /// Highest score first; equal scores keep their order.
    static func stableSorted<Element>(_ items: [Element], by score: (Element) -> Int) -> [Element] {
        items.enumerated().map { (score: score($0.element), offset: $0.offset, element: $0.element) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.offset < $1.offset }
            .map(\.element)
    }
}
