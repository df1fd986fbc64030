import Contracts
import Foundation
import Taxonomy

/// Reads a résumé's extracted text into a JSON Resume, without a model: sections by
/// their headings (English and German), contact details, jobs with their dates,
/// education, skill groups, languages, certificates and projects, and every
/// taxonomy skill the text names, with the text as evidence. Deterministic, never
/// fails (unreadable parts are left out), and linear in the text's length.
struct ResumeTextParser: Sendable {
    let taxonomy: Taxonomy

    init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
    }

    /// Structure found in a résumé's text; `careergini.skills` carry evidence (source
    /// "resume", the text span, date). `referenceDate` ends the jobs still running.
    func parse(_ text: String, referenceDate: Date = Date()) -> Resume {
        let referenceMonth = Self.month(of: referenceDate)
        let referenceYear = referenceMonth / 12
        let layout = ResumeLayout(lines: ResumeLines.lines(from: text))
        let contact = ContactDetails(layout: layout, taxonomy: taxonomy)
        func lines(_ kind: ResumeSectionKind) -> [ResumeLine] {
            layout.sections(kind).flatMap(lines(of:))
        }
        func lines(of section: ResumeSection) -> [ResumeLine] {
            section.lines.filter { !contact.consumed.contains($0) }.map { layout.lines[$0] }
        }

        let work = WorkSectionParser(referenceYear: referenceYear).entries(lines(.work))
        let volunteer = WorkSectionParser(referenceYear: referenceYear).entries(lines(.volunteer))
        let education = EducationSectionParser(referenceYear: referenceYear).entries(lines(.education))
        var groups: [Resume.SkillGroup] = []
        var listedLanguages: [Resume.Language] = []
        for section in layout.sections(.skills) {
            let parsed = SkillSectionParser(taxonomy: taxonomy).parse(lines(of: section), heading: section.heading)
            groups += parsed.groups
            listedLanguages += parsed.languages
        }
        let spoken = LanguageSectionParser.parse(lines(.languages))
        if !spoken.leftovers.isEmpty {
            // "Languages" over programming languages.
            let name = layout.sections(.languages).first?.heading.map(SectionHeadings.displayName)
            groups.append(Resume.SkillGroup(name: name, keywords: spoken.leftovers))
        }
        let languages = spoken.languages + listedLanguages
        let certificates = CertificateSectionParser(referenceYear: referenceYear).entries(lines(.certificates))
        let projects = ProjectSectionParser(referenceYear: referenceYear, taxonomy: taxonomy).entries(lines(.projects))
        let lists = ListSectionParser(referenceYear: referenceYear)
        let awards = lists.awards(lines(.awards))
        let publications = lists.publications(lines(.publications))
        let interests = lists.interests(lines(.interests))

        let basics = contact.basics
        var resume = Resume(
            basics: Self.isEmpty(basics) ? nil : basics,
            work: work.isEmpty ? nil : work.map(\.work),
            volunteer: volunteer.isEmpty ? nil : volunteer.map(\.work).map(Self.asVolunteering),
            education: education.isEmpty ? nil : education,
            awards: awards.isEmpty ? nil : awards,
            certificates: certificates.isEmpty ? nil : certificates,
            publications: publications.isEmpty ? nil : publications,
            skills: groups.isEmpty ? nil : groups,
            languages: languages.isEmpty ? nil : languages,
            interests: interests.isEmpty ? nil : interests,
            projects: projects.isEmpty ? nil : projects)
        let skills = skillsNamed(
            in: resume, work: work, volunteer: volunteer, layout: layout, consumed: contact.consumed,
            referenceMonth: referenceMonth)
        resume.careergini = skills.isEmpty ? nil : CareerginiExtension(skills: skills)
        return resume
    }

    /// JSON Resume names a volunteer entry's organisation `organization`, not `name`.
    static func asVolunteering(_ entry: Resume.Work) -> Resume.Work {
        var entry = entry
        entry.organization = entry.organization ?? entry.name
        entry.name = nil
        return entry
    }

    /// Every taxonomy skill the résumé names, with evidence: the structure first (so
    /// a highlight is evidence whole and dated by its job), then the lines no parser
    /// read whole.
    private func skillsNamed(
        in resume: Resume, work: [ParsedEntry], volunteer: [ParsedEntry], layout: ResumeLayout, consumed: Set<Int>,
        referenceMonth: Int
    ) -> [ProfileSkill] {
        var collector = SkillEvidenceCollector(taxonomy: taxonomy, referenceMonth: referenceMonth)
        for text in [resume.basics?.label, resume.basics?.summary].compactMap({ $0 }) { collector.add(text: text) }
        for entry in work {
            let period = PartialDate.period(
                start: entry.start?.iso, end: entry.isCurrent ? nil : entry.end?.iso, referenceMonth: referenceMonth)
            // A job still running was last used now.
            let date = entry.isCurrent ? PartialDate.text(ofMonth: referenceMonth) : entry.end?.iso
            for text in entry.texts { collector.add(text: text, date: date, period: period) }
        }
        for entry in volunteer {
            for text in entry.texts { collector.add(text: text, date: entry.work.endDate ?? entry.work.startDate) }
        }
        for entry in resume.education ?? [] {
            for text in [entry.area, entry.studyType].compactMap({ $0 }) + (entry.courses ?? []) {
                collector.add(text: text, date: entry.endDate)
            }
        }
        for group in resume.skills ?? [] {
            let list = (group.keywords ?? []).joined(separator: ", ")
            let context = group.name.map { "\($0): \(list)" } ?? list
            for keyword in group.keywords ?? [] { collector.add(listItem: keyword, context: context) }
            if let name = group.name { collector.add(text: name) }
        }
        for project in resume.projects ?? [] {
            let date = project.endDate ?? project.startDate
            for text in [project.name, project.description].compactMap({ $0 }) + (project.highlights ?? []) {
                collector.add(text: text, date: date)
            }
            let context = (project.keywords ?? []).joined(separator: ", ")
            for keyword in project.keywords ?? [] { collector.add(listItem: keyword, context: context) }
        }
        for certificate in resume.certificates ?? [] {
            if let name = certificate.name { collector.add(text: name, date: certificate.date) }
        }
        // Whatever else names a skill: interests, awards, a thesis title, lines no
        // section reads; wrapped lines together so "GitHub" / "Actions" stays one name.
        let readWhole: Set<ResumeSectionKind> = [.work, .volunteer, .projects, .certificates, .summary]
        let unread = consumed.union(layout.lines.indices.filter { readWhole.contains(layout.kind(ofLine: $0)) })
        for paragraph in Self.paragraphs(layout, skipping: unread) {
            collector.add(text: paragraph, onlyNew: true)
        }
        return collector.skills()
    }
    private static func isEmpty(_ basics: Resume.Basics) -> Bool { basics == Resume.Basics() }

    /// The text as paragraphs: a line continues the one above when it starts in lower
    /// case, or when the one above is a long line that does not end a sentence.
    static func paragraphs(_ layout: ResumeLayout, skipping consumed: Set<Int>) -> [String] {
        var paragraphs: [String] = []
        var previous: Int?
        for (index, line) in layout.lines.enumerated() where !consumed.contains(index) {
            if let above = previous, above == index - 1, !line.isBullet,
                layout.sectionOfLine[above] == layout.sectionOfLine[index]
            {
                let above = layout.lines[above].content
                let continues =
                    line.content.opensInLowerCase
                    || above.split(separator: " ").count >= 8 && !".!?:".contains(above.last ?? ".")
                if continues, let last = paragraphs.popLast() {
                    paragraphs.append(WorkSectionParser.joined(last, line.content))
                    previous = index
                    continue
                }
            }
            paragraphs.append(line.content)
            previous = index
        }
        return paragraphs
    }

    /// The month `date` falls in (UTC), as months since year 0.
    static func month(of date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month], from: date)
        return (parts.year ?? 0) * 12 + (parts.month ?? 1) - 1
    }
}
