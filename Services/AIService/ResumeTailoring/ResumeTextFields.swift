import Contracts

/// One piece of free text in a résumé and where it sits, so a check can name the
/// field it changed and evidence can say where a skill was shown.
struct ResumeTextField: Sendable, Equatable {
    enum Origin: Sendable, Equatable {
        /// Narrative of work, volunteering and projects: what evidences a skill.
        case experience
        /// An item of a list (skills keywords, project keywords): a name, not prose.
        case listItem
        /// Everything else a reader sees: summary, titles, education, awards, ...
        case other
    }

    var path: String
    var text: String
    var origin: Origin
}

extension Resume {
    /// Every text field a reader of the résumé sees. Company and institution names
    /// are left out of skill matching ("Redis Labs" is no Redis evidence) but are
    /// part of `factualNameFields`, which back figures.
    var visibleTextFields: [ResumeTextField] {
        var fields: [ResumeTextField] = []
        func add(_ path: String, _ text: String?, _ origin: ResumeTextField.Origin) {
            guard let text, !text.isEmpty else { return }
            fields.append(ResumeTextField(path: path, text: text, origin: origin))
        }
        func addAll(_ path: String, _ texts: [String]?, _ origin: ResumeTextField.Origin) {
            for (index, text) in (texts ?? []).enumerated() { add("\(path)[\(index)]", text, origin) }
        }
        add("basics.label", basics?.label, .other)
        add("basics.summary", basics?.summary, .other)
        for (section, entries) in [("work", work), ("volunteer", volunteer)] {
            for (index, entry) in (entries ?? []).enumerated() {
                let path = "\(section)[\(index)]"
                add("\(path).position", entry.position, .other)
                add("\(path).description", entry.description, .experience)
                add("\(path).summary", entry.summary, .experience)
                addAll("\(path).highlights", entry.highlights, .experience)
            }
        }
        for (index, project) in (projects ?? []).enumerated() {
            let path = "projects[\(index)]"
            add("\(path).description", project.description, .experience)
            addAll("\(path).highlights", project.highlights, .experience)
            addAll("\(path).keywords", project.keywords, .listItem)
            addAll("\(path).roles", project.roles, .other)
        }
        for (index, group) in (skills ?? []).enumerated() {
            addAll("skills[\(index)].keywords", group.keywords, .listItem)
        }
        for (index, entry) in (education ?? []).enumerated() {
            add("education[\(index)].studyType", entry.studyType, .other)
            add("education[\(index)].area", entry.area, .other)
            addAll("education[\(index)].courses", entry.courses, .other)
        }
        for (index, certificate) in (certificates ?? []).enumerated() {
            add("certificates[\(index)].name", certificate.name, .other)
        }
        for (index, award) in (awards ?? []).enumerated() {
            add("awards[\(index)].title", award.title, .other)
            add("awards[\(index)].summary", award.summary, .other)
        }
        for (index, publication) in (publications ?? []).enumerated() {
            add("publications[\(index)].name", publication.name, .other)
            add("publications[\(index)].summary", publication.summary, .other)
        }
        for (index, interest) in (interests ?? []).enumerated() {
            add("interests[\(index)].name", interest.name, .other)
            addAll("interests[\(index)].keywords", interest.keywords, .other)
        }
        return fields
    }

    /// Text that states facts without being matched for skills: names of employers,
    /// institutions, issuers, locations and the dates of every entry. Figures in
    /// them ("3M", "2019") are figures the profile states.
    var factualNameFields: [String] {
        var texts: [String?] = [basics?.location?.city, basics?.location?.region]
        for entry in (work ?? []) + (volunteer ?? []) {
            texts += [entry.name, entry.location, entry.startDate, entry.endDate]
        }
        for project in projects ?? [] { texts += [project.name, project.entity, project.startDate, project.endDate] }
        for entry in education ?? [] { texts += [entry.institution, entry.score, entry.startDate, entry.endDate] }
        for certificate in certificates ?? [] { texts += [certificate.issuer, certificate.date] }
        for award in awards ?? [] { texts += [award.awarder, award.date] }
        for publication in publications ?? [] { texts += [publication.publisher, publication.releaseDate] }
        for reference in references ?? [] { texts += [reference.reference] }
        for skill in careergini?.skills ?? [] { texts += (skill.evidence ?? []).map(\.text) }
        return texts.compactMap { $0 }.filter { !$0.isEmpty }
    }
}
