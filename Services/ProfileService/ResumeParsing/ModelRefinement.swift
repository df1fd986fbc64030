import Contracts
import Taxonomy

/// Keeps a field the extraction model changed only when the text supports it.
///
/// The model may fix what the deterministic parser got wrong (a company read as
/// the title, a missed job), but it may also invent: a value it changes or adds
/// stays only when the text holds it — names, companies, titles, institutions
/// and prose as words of the text, dates as dates written in it, phones by their
/// digits, addresses as written, skills as taxonomy ids the text names. Anything
/// else keeps the deterministic value. What the model drops, the parser keeps.
enum ModelRefinement {
    static func merge(deterministic: Resume, model: Resume, text: String, taxonomy: Taxonomy) -> Resume {
        let support = TextSupport(text: text, taxonomy: taxonomy)
        let merger = Merger(support: support, taxonomy: taxonomy)
        var result = deterministic
        result.basics = merger.basics(deterministic.basics, model.basics)
        result.work = merger.entries(deterministic.work, model.work, merge: merger.work, key: workKey)
        result.volunteer = merger.entries(deterministic.volunteer, model.volunteer, merge: merger.work, key: workKey)
        result.education = merger.entries(
            deterministic.education, model.education, merge: merger.education, key: { [$0.institution, $0.area] })
        result.certificates = merger.entries(
            deterministic.certificates, model.certificates, merge: merger.certificate, key: { [$0.name, $0.issuer] })
        result.projects = merger.entries(
            deterministic.projects, model.projects, merge: merger.project, key: { [$0.name] })
        result.languages = merger.entries(
            deterministic.languages, model.languages, merge: merger.language, key: { [$0.language] })
        result.skills = merger.skillGroups(deterministic.skills, model.skills)
        result.awards =
            deterministic.awards
            ?? merger.supported(model.awards) { (award: Resume.Award) in
                [award.title, award.awarder, award.summary]
            }
        result.publications =
            deterministic.publications
            ?? merger.supported(model.publications) { (publication: Resume.Publication) in
                [publication.name, publication.publisher, publication.summary]
            }
        result.interests =
            deterministic.interests
            ?? merger.supported(model.interests) { (interest: Resume.Interest) in
                [interest.name] + (interest.keywords ?? []).map(Optional.some)
            }
        result.careergini = merger.skills(deterministic.careergini, model.careergini)
        return result
    }

    private static func workKey(_ work: Resume.Work) -> [String?] { [work.name ?? work.organization, work.position] }

    struct Merger {
        let support: TextSupport
        let taxonomy: Taxonomy

        /// The model's text when it differs and the text holds it, else the deterministic one.
        func text(_ deterministic: String?, _ model: String?) -> String? {
            guard let model, model != deterministic else { return deterministic }
            return support.supports(model) ? model : deterministic
        }

        func date(_ deterministic: String?, _ model: String?) -> String? {
            guard let model, model != deterministic else { return deterministic }
            return support.supports(date: model) ? model : deterministic
        }

        /// An end date the model removed (the job still runs) counts when the text says "present".
        func endDate(_ deterministic: String?, _ model: String?, modelEntry: Bool) -> String? {
            if modelEntry, model == nil, deterministic != nil, support.mentionsPresent { return nil }
            return date(deterministic, model)
        }

        func address(_ deterministic: String?, _ model: String?) -> String? {
            guard let model, model != deterministic else { return deterministic }
            return support.supports(address: model) ? model : deterministic
        }

        /// Highlights the text holds; the deterministic ones when none of the model's hold.
        func lines(_ deterministic: [String]?, _ model: [String]?) -> [String]? {
            guard let model, model != deterministic else { return deterministic }
            let held = model.filter { support.supports($0) }
            return held.isEmpty ? deterministic : held
        }

        func basics(_ deterministic: Resume.Basics?, _ model: Resume.Basics?) -> Resume.Basics? {
            guard let model else { return deterministic }
            let base = deterministic ?? Resume.Basics()
            var result = base
            result.name = text(base.name, model.name)
            result.label = text(base.label, model.label)
            result.summary = text(base.summary, model.summary)
            result.email = address(base.email, model.email)
            result.url = address(base.url, model.url)
            if let phone = model.phone, phone != base.phone, support.supports(phone: phone) { result.phone = phone }
            if let location = model.location {
                var merged = base.location ?? Resume.Location()
                merged.city = text(merged.city, location.city)
                merged.region = text(merged.region, location.region)
                merged.address = text(merged.address, location.address)
                merged.postalCode = text(merged.postalCode, location.postalCode)
                merged.countryCode = text(merged.countryCode, location.countryCode)
                result.location = merged == Resume.Location() ? base.location : merged
            }
            var profiles = base.profiles ?? []
            for profile in model.profiles ?? [] {
                guard let username = profile.username, support.supports(username) else { continue }
                let url = profile.url.flatMap { support.supports(address: $0) ? $0 : nil }
                let accepted = Resume.Profile(network: profile.network, username: username, url: url)
                if let index = profiles.firstIndex(where: { $0.network == profile.network }) {
                    if profiles[index].username != username { profiles[index] = accepted }
                } else {
                    profiles.append(accepted)
                }
            }
            result.profiles = profiles.isEmpty ? nil : profiles
            return result == Resume.Basics() ? deterministic : result
        }

        func work(_ deterministic: Resume.Work?, _ model: Resume.Work) -> Resume.Work {
            let base = deterministic ?? Resume.Work()
            var result = base
            result.name = text(base.name, model.name)
            result.organization = text(base.organization, model.organization)
            result.position = text(base.position, model.position)
            result.location = text(base.location, model.location)
            result.description = text(base.description, model.description)
            result.summary = text(base.summary, model.summary)
            result.url = address(base.url, model.url)
            result.startDate = date(base.startDate, model.startDate)
            result.endDate = endDate(base.endDate, model.endDate, modelEntry: deterministic != nil)
            result.highlights = lines(base.highlights, model.highlights)
            return result
        }

        func education(_ deterministic: Resume.Education?, _ model: Resume.Education) -> Resume.Education {
            let base = deterministic ?? Resume.Education()
            var result = base
            result.institution = text(base.institution, model.institution)
            result.area = text(base.area, model.area)
            result.studyType = text(base.studyType, model.studyType)
            result.score = text(base.score, model.score)
            result.url = address(base.url, model.url)
            result.startDate = date(base.startDate, model.startDate)
            result.endDate = endDate(base.endDate, model.endDate, modelEntry: deterministic != nil)
            result.courses = lines(base.courses, model.courses)
            return result
        }

        func certificate(_ deterministic: Resume.Certificate?, _ model: Resume.Certificate) -> Resume.Certificate {
            let base = deterministic ?? Resume.Certificate()
            var result = base
            result.name = text(base.name, model.name)
            result.issuer = text(base.issuer, model.issuer)
            result.date = date(base.date, model.date)
            result.url = address(base.url, model.url)
            return result
        }

        func project(_ deterministic: Resume.Project?, _ model: Resume.Project) -> Resume.Project {
            let base = deterministic ?? Resume.Project()
            var result = base
            result.name = text(base.name, model.name)
            result.description = text(base.description, model.description)
            result.entity = text(base.entity, model.entity)
            result.type = text(base.type, model.type)
            result.url = address(base.url, model.url)
            result.startDate = date(base.startDate, model.startDate)
            result.endDate = date(base.endDate, model.endDate)
            result.highlights = lines(base.highlights, model.highlights)
            result.keywords = lines(base.keywords, model.keywords)
            result.roles = lines(base.roles, model.roles)
            return result
        }

        func language(_ deterministic: Resume.Language?, _ model: Resume.Language) -> Resume.Language {
            let base = deterministic ?? Resume.Language()
            var result = base
            result.language = text(base.language, model.language)
            result.fluency = text(base.fluency, model.fluency)
            return result
        }

        /// Entries aligned by their key fields: a model entry merges into the
        /// deterministic entry it matches best; one matching none stays only when
        /// its key fields are in the text (its other fields then as supported);
        /// deterministic entries the model left out stay where they were.
        func entries<Entry: Equatable>(
            _ deterministic: [Entry]?, _ model: [Entry]?, merge: (Entry?, Entry) -> Entry, key: (Entry) -> [String?]
        ) -> [Entry]? {
            guard let model else { return deterministic }
            let base = deterministic ?? []
            var used = Set<Int>()
            var result: [(position: Double, entry: Entry)] = []
            var lastPosition = -1.0
            for (order, entry) in model.enumerated() {
                let keys = key(entry).compactMap { $0 }
                var best: (index: Int, score: Double)?
                for (index, candidate) in base.enumerated() where !used.contains(index) {
                    let score = Self.similarity(keys, key(candidate).compactMap { $0 })
                    if score > 0.34, score > (best?.score ?? 0) { best = (index, score) }
                }
                if let best {
                    used.insert(best.index)
                    lastPosition = Double(best.index)
                    result.append((lastPosition, merge(base[best.index], entry)))
                } else if !keys.isEmpty, keys.allSatisfy({ support.supports($0) }) {
                    result.append((lastPosition + 0.001 * Double(order + 1), merge(nil, entry)))
                }
            }
            for (index, entry) in base.enumerated() where !used.contains(index) {
                result.append((Double(index) - 0.0001, entry))
            }
            let ordered = result.enumerated().sorted {
                $0.element.position == $1.element.position
                    ? $0.offset < $1.offset : $0.element.position < $1.element.position
            }.map(\.element.entry)
            return ordered.isEmpty ? deterministic : ordered
        }

        /// Word overlap of two entries' key fields, 0 … 1.
        static func similarity(_ first: [String], _ second: [String]) -> Double {
            let a = Set(first.flatMap { TextSupport.normalized($0).split(separator: " ") })
            let b = Set(second.flatMap { TextSupport.normalized($0).split(separator: " ") })
            guard !a.isEmpty, !b.isEmpty else { return 0 }
            return Double(a.intersection(b).count) / Double(a.union(b).count)
        }

        func skillGroups(_ deterministic: [Resume.SkillGroup]?, _ model: [Resume.SkillGroup]?) -> [Resume.SkillGroup]? {
            guard let model, model != deterministic else { return deterministic }
            var groups: [Resume.SkillGroup] = []
            for group in model {
                let keywords = (group.keywords ?? []).filter { support.supports($0) }
                guard !keywords.isEmpty else { continue }
                let name = group.name.flatMap { support.supports($0) ? $0 : nil }
                groups.append(Resume.SkillGroup(name: name, level: group.level, keywords: keywords))
            }
            return groups.isEmpty ? deterministic : groups
        }

        /// Entries of sections the parser does not read, kept when all their text is in the résumé.
        func supported<Entry>(_ model: [Entry]?, fields: (Entry) -> [String?]) -> [Entry]? {
            let kept = (model ?? []).filter { entry in
                let values = fields(entry).compactMap { $0 }
                return !values.isEmpty && values.allSatisfy { support.supports($0) }
            }
            return kept.isEmpty ? nil : kept
        }

        /// The parser's skills, plus the model's that are taxonomy ids the text names.
        func skills(_ deterministic: CareerginiExtension?, _ model: CareerginiExtension?) -> CareerginiExtension? {
            guard let modelSkills = model?.skills, !modelSkills.isEmpty else { return deterministic }
            var result = deterministic ?? CareerginiExtension()
            var skills = result.skills ?? []
            for skill in modelSkills {
                guard let id = taxonomy.skill(skill.id)?.id ?? taxonomy.skillId(for: skill.id),
                    support.skillIds.contains(id), !skills.contains(where: { $0.id == id })
                else { continue }
                let evidence = support.skillLines[id].map { [SkillEvidence(source: "resume", text: $0)] }
                skills.append(ProfileSkill(id: id, evidence: evidence))
            }
            result.skills = skills.isEmpty ? nil : skills
            return result == CareerginiExtension() ? deterministic : result
        }
    }
}
