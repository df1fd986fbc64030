import Contracts
import Taxonomy

/// Gathers what each CSV of an export contributes, then makes the JSON Resume
/// fragment. Sections nothing contributed to stay nil rather than empty, so a
/// merge with the rest of the profile can tell "not in the export" from "none".
struct LinkedInResumeBuilder {
    /// "2025-06": the month a current job counts as last using its skills.
    let currentMonth: String
    var basics = Resume.Basics()
    /// Email Addresses.csv: the primary, else the first confirmed.
    var primaryEmail: String?
    var confirmedEmail: String?
    var work: [Resume.Work] = []
    var education: [Resume.Education] = []
    var skillNames: [String] = []
    var certificates: [Resume.Certificate] = []
    var languages: [Resume.Language] = []
    var projects: [Resume.Project] = []
    var evidence: LinkedInSkillEvidence

    init(taxonomy: Taxonomy, currentMonth: String) {
        self.currentMonth = currentMonth
        evidence = LinkedInSkillEvidence(taxonomy: taxonomy)
    }

    mutating func read(_ rows: inout LinkedInRows) {
        switch rows.file {
        case .profile: readProfile(&rows)
        case .emailAddresses: readEmailAddresses(&rows)
        case .positions: readPositions(&rows)
        case .education: readEducation(&rows)
        case .skills: readSkills(&rows)
        case .certifications: readCertifications(&rows)
        case .languages: readLanguages(&rows)
        case .projects: readProjects(&rows)
        }
    }

    var resume: Resume {
        var basics = basics
        basics.email = primaryEmail ?? confirmedEmail
        return Resume(
            basics: basics == Resume.Basics() ? nil : basics,
            work: work.isEmpty ? nil : work,
            education: education.isEmpty ? nil : education,
            certificates: certificates.isEmpty ? nil : certificates,
            skills: skillNames.isEmpty ? nil : [Resume.SkillGroup(name: "LinkedIn skills", keywords: skillNames)],
            languages: languages.isEmpty ? nil : languages,
            projects: projects.isEmpty ? nil : projects,
            careergini: evidence.skills.isEmpty ? nil : CareerginiExtension(skills: evidence.skills))
    }

    /// Throws when `end` comes before `start`: one of them is wrong, and which is
    /// unknowable. A bare year spans the whole year ("2020" to "Jun 2020" is fine).
    static func checkOrder(
        start: String?, end: String?, _ startColumn: String, _ endColumn: String
    )
        throws(LinkedInRows.Skip)
    {
        guard let first = PartialDate.month(start), let last = PartialDate.month(end, asEnd: true),
            last < first,
            let start, let end
        else { return }
        throw LinkedInRows.Skip("\(endColumn) \(end) is before \(startColumn) \(start)")
    }
}
