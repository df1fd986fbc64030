import Contracts

/// Education.csv, Skills.csv, Certifications.csv, Languages.csv and Projects.csv:
/// one JSON Resume entry per row, the row skipped when it lacks its name.
extension LinkedInResumeBuilder {
    /// School, degree (`studyType`) and dates. Notes and Activities are free text
    /// JSON Resume has no place for.
    mutating func readEducation(_ rows: inout LinkedInRows) {
        var education = self.education
        rows.forEach { row throws(LinkedInRows.Skip) in
            guard let school = row["School Name"] else { throw LinkedInRows.Skip("the row has no School Name") }
            let start = try row.date("Start Date")
            let end = try row.date("End Date")
            try Self.checkOrder(start: start, end: end, "Start Date", "End Date")
            education.append(
                Resume.Education(institution: school, studyType: row["Degree Name"], startDate: start, endDate: end))
        }
        self.education = education
    }

    /// Each name once (as first written) in the "LinkedIn skills" group, and as
    /// taxonomy skills where the taxonomy knows it.
    mutating func readSkills(_ rows: inout LinkedInRows) {
        var names = skillNames
        var seen = Set(names.map { $0.lowercased() })
        var evidence = self.evidence
        rows.forEach { row throws(LinkedInRows.Skip) in
            guard let name = row["Name"] else { throw LinkedInRows.Skip("the row has no Name") }
            guard seen.insert(name.lowercased()).inserted else { return }
            names.append(name)
            evidence.addListed(name)
        }
        skillNames = names
        self.evidence = evidence
    }

    /// Name, issuer (Authority), date (Started On: when it was earned) and link.
    mutating func readCertifications(_ rows: inout LinkedInRows) {
        var certificates = self.certificates
        rows.forEach { row throws(LinkedInRows.Skip) in
            guard let name = row["Name"] else { throw LinkedInRows.Skip("the row has no Name") }
            let url = try row.webAddress("Url")
            let date = try row.date("Started On")
            certificates.append(Resume.Certificate(name: name, date: date, url: url, issuer: row["Authority"]))
        }
        self.certificates = certificates
    }

    /// Language and LinkedIn's proficiency wording ("Native or bilingual proficiency").
    mutating func readLanguages(_ rows: inout LinkedInRows) {
        var languages = self.languages
        rows.forEach { row throws(LinkedInRows.Skip) in
            guard let name = row["Name"] else { throw LinkedInRows.Skip("the row has no Name") }
            languages.append(Resume.Language(language: name, fluency: row["Proficiency"]))
        }
        self.languages = languages
    }

    /// Title, description, link and dates; skills named in the description become evidence.
    mutating func readProjects(_ rows: inout LinkedInRows) {
        var projects = self.projects
        var evidence = self.evidence
        rows.forEach { row throws(LinkedInRows.Skip) in
            guard let title = row["Title"] else { throw LinkedInRows.Skip("the row has no Title") }
            let url = try row.webAddress("Url")
            let start = try row.date("Started On")
            let end = try row.date("Finished On")
            try Self.checkOrder(start: start, end: end, "Started On", "Finished On")
            let description = row["Description"]
            projects.append(
                Resume.Project(name: title, description: description, startDate: start, endDate: end, url: url))
            if let description {
                evidence.addProject(name: title, lines: LinkedInDescription(description).lines, date: end)
            }
        }
        self.projects = projects
        self.evidence = evidence
    }
}
