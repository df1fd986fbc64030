import Contracts
import Foundation
import ServiceKit
import Taxonomy
import Testing

@testable import ProfileService

@Suite struct LinkedInExportTests {
    static let taxonomy = Result { try Taxonomy.bundled() }
    /// 2025-06-15: a current job's skills count as last used in 2025-06.
    static let today = Date(timeIntervalSince1970: 1_749_988_800)

    static func reader() throws -> LinkedInExportReader {
        LinkedInExportReader(taxonomy: try taxonomy.get(), now: { today })
    }

    static func export(_ files: [(String, String)]) throws -> [UInt8] {
        try SafeZipArchiveTests.zip(files.map { ($0.0, Array($0.1.utf8)) })
    }

    static func read(_ files: [(String, String)]) throws -> LinkedInExport {
        try reader().read(try export(files))
    }

    static let bom = "\u{FEFF}"

    /// The eight files as LinkedIn writes them: BOM, CRLF, quoted multi-line
    /// fields; plus files the reader must leave alone.
    static let fullExport: [(String, String)] = [
        (
            "Profile.csv",
            bom
                + "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\r\n"
                + "Jane,Doe,,\"Hauptstr. 1, 10115 Berlin\",\"Apr 1, 1990\",Senior Backend Engineer,\"Builds distributed systems.\r\nLoves Go, Kubernetes and PostgreSQL.\",Software Development,10115,\"Berlin, Germany\",[janedoe],\"[PERSONAL:https://jane.dev,COMPANY:https://acme.example.com,OTHER:https://github.com/janedoe]\",\r\n"
        ),
        (
            "Email Addresses.csv",
            bom + "Email Address,Confirmed,Primary,Updated On\r\n"
                + "old@example.com,Yes,No,\"1/2/18, 10:00 AM\"\r\n"
                + "jane@example.com,Yes,Yes,\"3/4/20, 9:30 AM\"\r\n"
        ),
        (
            "Positions.csv",
            bom + "Company Name,Title,Description,Location,Started On,Finished On\r\n"
                + "Acme GmbH,Senior Backend Engineer,\"Own the payments platform.\r\n• Moved services to Kubernetes\r\n• Cut p99 latency by 40% with PostgreSQL tuning\",\"Berlin, Germany\",Mar 2021,\r\n"
                + "Globex,Software Engineer,\"Wrote Go services; ran Kafka, \"\"exactly once\"\".\",Hamburg,Jan 2018,Feb 2021\r\n"
                + "Initech,Intern,,,2016,2017\r\n"
        ),
        (
            "Education.csv",
            bom + "School Name,Start Date,End Date,Notes,Degree Name,Activities\r\n"
                + "TU Berlin,2012,2016,,Bachelor of Science,Chess club\r\n"
        ),
        (
            "Skills.csv",
            bom + "Name\r\nKubernetes\r\nk8s\r\nPython\r\nPublic Speaking\r\nkubernetes\r\n"
        ),
        (
            "Certifications.csv",
            bom + "Name,Url,Authority,Started On,Finished On,License Number\r\n"
                + "Certified Kubernetes Administrator,https://cncf.io/cka,CNCF,Jun 2022,Jun 2025,LF-123\r\n"
        ),
        (
            "Languages.csv",
            bom
                + "Name,Proficiency\r\nGerman,Native or bilingual proficiency\r\nEnglish,Full professional proficiency\r\n"
        ),
        (
            "Projects.csv",
            bom + "Title,Description,Url,Started On,Finished On\r\n"
                + "pgwatch,\"A monitoring tool in Python for PostgreSQL.\",https://github.com/janedoe/pgwatch,Jan 2019,Dec 2019\r\n"
        ),
        (
            "Connections.csv",
            "Notes:\r\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nBob,Roe,https://www.linkedin.com/in/bob,,Acme,CTO,01 Jan 2024\r\n"
        ),
        ("messages.csv", "CONVERSATION ID,FROM,TO\r\n1,a,b\r\n"),
    ]

    @Test func readsAFullExport() throws {
        let export = try Self.read(Self.fullExport)
        let resume = export.resume

        #expect(export.missingFiles == [])
        #expect(export.files.map(\.name) == LinkedInFile.allCases.map(\.name))
        for file in export.files {
            #expect(file.skipped == [], "\(file.name)")
            #expect(file.missingColumns == [], "\(file.name)")
            #expect(file.problem == nil, "\(file.name)")
            #expect(file.rows == file.imported, "\(file.name)")
        }
        #expect(export.files.map(\.rows) == [1, 2, 3, 1, 5, 1, 2, 1])

        let basics = try #require(resume.basics)
        #expect(basics.name == "Jane Doe")
        #expect(basics.label == "Senior Backend Engineer")
        #expect(basics.summary == "Builds distributed systems.\nLoves Go, Kubernetes and PostgreSQL.")
        #expect(basics.location == Resume.Location(city: "Berlin"))
        #expect(basics.email == "jane@example.com")
        #expect(basics.url == "https://jane.dev")
        #expect(
            basics.profiles == [
                Resume.Profile(network: "Company", url: "https://acme.example.com"),
                Resume.Profile(network: "GitHub", username: "janedoe", url: "https://github.com/janedoe"),
                Resume.Profile(network: "Twitter", username: "janedoe", url: "https://twitter.com/janedoe"),
            ])
        // Address and birth date are in the file and deliberately not imported.
        let encoded = String(decoding: try JSONEncoder().encode(resume), as: UTF8.self)
        #expect(!encoded.contains("Hauptstr"))
        #expect(!encoded.contains("1990"))
        #expect(!encoded.contains("Bob"))

        #expect(
            resume.work == [
                Resume.Work(
                    name: "Acme GmbH", location: "Berlin, Germany", position: "Senior Backend Engineer",
                    startDate: "2021-03", summary: "Own the payments platform.",
                    highlights: ["Moved services to Kubernetes", "Cut p99 latency by 40% with PostgreSQL tuning"]),
                Resume.Work(
                    name: "Globex", location: "Hamburg", position: "Software Engineer", startDate: "2018-01",
                    endDate: "2021-02", summary: "Wrote Go services; ran Kafka, \"exactly once\"."),
                Resume.Work(name: "Initech", position: "Intern", startDate: "2016", endDate: "2017"),
            ])
        #expect(
            resume.education == [
                Resume.Education(
                    institution: "TU Berlin", studyType: "Bachelor of Science", startDate: "2012", endDate: "2016")
            ])
        #expect(
            resume.skills == [
                Resume.SkillGroup(
                    name: "LinkedIn skills", keywords: ["Kubernetes", "k8s", "Python", "Public Speaking"])
            ])
        #expect(
            resume.certificates == [
                Resume.Certificate(
                    name: "Certified Kubernetes Administrator", date: "2022-06", url: "https://cncf.io/cka",
                    issuer: "CNCF")
            ])
        #expect(
            resume.languages == [
                Resume.Language(language: "German", fluency: "Native or bilingual proficiency"),
                Resume.Language(language: "English", fluency: "Full professional proficiency"),
            ])
        #expect(
            resume.projects == [
                Resume.Project(
                    name: "pgwatch", description: "A monitoring tool in Python for PostgreSQL.", startDate: "2019-01",
                    endDate: "2019-12", url: "https://github.com/janedoe/pgwatch")
            ])
    }

    @Test func mapsSkillsToTaxonomyIdsWithEvidence() throws {
        let skills = try #require(try Self.read(Self.fullExport).resume.careergini?.skills)
        let byId = Dictionary(skills.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(skills.count == byId.count, "each taxonomy id once")

        // Kubernetes: listed twice (once as "k8s"), and shown by the current job.
        let kubernetes = try #require(byId["kubernetes"])
        #expect(kubernetes.lastUsed == "2025-06")
        #expect(
            kubernetes.evidence == [
                SkillEvidence(
                    source: "linkedin",
                    text: "Senior Backend Engineer at Acme GmbH: Moved services to Kubernetes"),
                SkillEvidence(source: "linkedin", text: "LinkedIn skills: Kubernetes"),
                SkillEvidence(source: "linkedin", text: "LinkedIn skills: k8s"),
            ])

        // Go only in the job that ended in Feb 2021: evidence dated, last used then.
        let go = try #require(byId["go"])
        #expect(go.lastUsed == "2021-02")
        #expect(
            go.evidence == [
                SkillEvidence(
                    source: "linkedin",
                    text: "Software Engineer at Globex: Wrote Go services; ran Kafka, \"exactly once\".",
                    date: "2021-02")
            ])
        #expect(byId["kafka"]?.lastUsed == "2021-02")

        // PostgreSQL: current job and a 2019 project; the job is the latest use.
        let postgres = try #require(byId["postgresql"])
        #expect(postgres.lastUsed == "2025-06")
        #expect(
            postgres.evidence?.contains(
                SkillEvidence(
                    source: "linkedin", text: "Project pgwatch: A monitoring tool in Python for PostgreSQL.",
                    date: "2019-12")) == true)

        // Python only from the skills list and a project: no position, so no last use.
        let python = try #require(byId["python"])
        #expect(python.lastUsed == nil)
        #expect(python.evidence?.first == SkillEvidence(source: "linkedin", text: "LinkedIn skills: Python"))

        // Every id is one the taxonomy knows; nothing invented from the profile summary.
        let taxonomy = try Self.taxonomy.get()
        #expect(skills.allSatisfy { taxonomy.skill($0.id) != nil })
        #expect(skills.allSatisfy { $0.evidence?.allSatisfy { $0.source == "linkedin" } == true })
    }

    @Test func reportsMissingFilesAndColumns() throws {
        let export = try Self.read([
            (
                "Positions.csv",
                "Company Name,Title,Started On\nAcme,Kubernetes Engineer,Jan 2020\n,,\nBeta,,2019\n"
            ),
            ("Languages.csv", "Proficiency\nNative or bilingual proficiency\n"),
        ])
        #expect(
            export.missingFiles == [
                "Profile.csv", "Email Addresses.csv", "Education.csv", "Skills.csv", "Certifications.csv",
                "Projects.csv",
            ])
        let positions = try #require(export.files.first { $0.name == "Positions.csv" })
        #expect(positions.missingColumns == ["Description", "Location", "Finished On"])
        // ",," is a blank line, not a row.
        #expect(positions.rows == 2)
        #expect(positions.imported == 2)
        // Without a Finished On column nothing is known to be current: no end, and
        // no claim that the job goes on; the start is the last use we can vouch for.
        #expect(
            export.resume.work == [
                Resume.Work(name: "Acme", position: "Kubernetes Engineer", startDate: "2020-01"),
                Resume.Work(name: "Beta", startDate: "2019"),
            ])

        let languages = try #require(export.files.first { $0.name == "Languages.csv" })
        #expect(languages.missingColumns == ["Name"])
        #expect(languages.rows == 1)
        #expect(languages.imported == 0)
        #expect(languages.skipped == [SkippedRow(file: "Languages.csv", row: 1, reason: "the row has no Name")])
        #expect(export.resume.languages == nil)
        #expect(export.resume.basics == nil)
        #expect(
            export.resume.careergini?.skills == [
                ProfileSkill(
                    id: "kubernetes", lastUsed: "2020-01",
                    evidence: [SkillEvidence(source: "linkedin", text: "Kubernetes Engineer at Acme")])
            ])
    }

    @Test func skipsRowsWithBadURLs() throws {
        let export = try Self.read([
            (
                "Projects.csv",
                "Title,Description,Url,Started On,Finished On\n"
                    + "Good,,https://example.com/good,,\n"
                    + "Bad,,htp:/broken link,,\n"
                    + "Script,,javascript:alert(1),,\n"
                    + "Bare,,example.org/x,,\n"
            ),
            (
                "Certifications.csv",
                "Name,Url,Authority,Started On,Finished On,License Number\n"
                    + "AWS SAA,not a url,Amazon,Jan 2023,,\n"
            ),
            (
                "Profile.csv",
                "First Name,Last Name,Headline,Websites\n"
                    + "Jane,Doe,Engineer,\"[PERSONAL:ht!tp:bad,BLOG:https://blog.jane.dev]\"\n"
            ),
        ])
        #expect(
            export.resume.projects == [
                Resume.Project(name: "Good", url: "https://example.com/good"),
                Resume.Project(name: "Bare", url: "https://example.org/x"),
            ])
        let projects = try #require(export.files.first { $0.name == "Projects.csv" })
        #expect(projects.rows == 4)
        #expect(projects.imported == 2)
        #expect(
            projects.skipped == [
                SkippedRow(file: "Projects.csv", row: 2, reason: "Url 'htp:/broken link' is not a web address"),
                SkippedRow(file: "Projects.csv", row: 3, reason: "Url 'javascript:alert(1)' is not a web address"),
            ])
        let certifications = try #require(export.files.first { $0.name == "Certifications.csv" })
        #expect(certifications.imported == 0)
        #expect(certifications.skipped.map(\.reason) == ["Url 'not a url' is not a web address"])
        #expect(export.resume.certificates == nil)

        // A bad website is one field left out; the profile row is still imported.
        let profile = try #require(export.files.first { $0.name == "Profile.csv" })
        #expect(profile.imported == 1)
        #expect(
            profile.skipped == [
                SkippedRow(file: "Profile.csv", row: 1, reason: "Websites: 'ht!tp:bad' is not a web address")
            ])
        #expect(export.resume.basics?.name == "Jane Doe")
        #expect(export.resume.basics?.url == "https://blog.jane.dev")
    }

    @Test func skipsRowsWithBrokenDates() throws {
        let export = try Self.read([
            (
                "Positions.csv",
                "Company Name,Title,Description,Location,Started On,Finished On\n"
                    + "Acme,Engineer,,,Smarch 2020,\n"
                    + "Beta,Lead,,,Jan 2020,13/2021\n"
                    + "Gamma,Dev,,,Mar 2022,Jan 2021\n"
                    + "Delta,Dev,,,2020,Jun 2020\n"
                    + ",,,,Jan 2010,\n"
            ),
            (
                "Education.csv",
                "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
                    + "TU Berlin,twenty twelve,2016,,BSc,\n"
                    + "HU Berlin,2016,2018,,MSc,\n"
            ),
        ])
        #expect(
            export.resume.work == [Resume.Work(name: "Delta", position: "Dev", startDate: "2020", endDate: "2020-06")])
        let positions = try #require(export.files.first { $0.name == "Positions.csv" })
        #expect(
            positions.skipped == [
                SkippedRow(
                    file: "Positions.csv", row: 1,
                    reason: "Started On 'Smarch 2020' is not a date (like \"Jan 2020\" or \"2019\")"),
                SkippedRow(
                    file: "Positions.csv", row: 2,
                    reason: "Finished On '13/2021' is not a date (like \"Jan 2020\" or \"2019\")"),
                SkippedRow(file: "Positions.csv", row: 3, reason: "Finished On 2021-01 is before Started On 2022-03"),
                SkippedRow(file: "Positions.csv", row: 5, reason: "the row has neither Company Name nor Title"),
            ])
        #expect(positions.rows == 5)
        #expect(positions.imported == 1)
        #expect(
            export.resume.education == [
                Resume.Education(institution: "HU Berlin", studyType: "MSc", startDate: "2016", endDate: "2018")
            ])
        #expect(export.files.first { $0.name == "Education.csv" }?.skipped.map(\.row) == [1])
    }

    @Test func readsQuotedMultiLineDescriptions() throws {
        let description = """
            Led a team of 5, "the platform squad".
            Responsibilities:
            - Designed the API, in Swift
            * Ran on-call
            -5% churn, year over year
            """
        let quoted = "\"" + description.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let export = try Self.read([
            (
                "Positions.csv",
                "Company Name,Title,Description,Location,Started On,Finished On\n"
                    + "Acme,Lead,\(quoted),\"Berlin, Germany\",Jan 2020,Dec 2022\n"
                    + "Beta,Dev,\"one\r\ntwo\",,2018,2019\n"
            )
        ])
        let work = try #require(export.resume.work)
        #expect(work.count == 2)
        #expect(
            work[0].summary == "Led a team of 5, \"the platform squad\".\nResponsibilities:\n-5% churn, year over year")
        #expect(work[0].highlights == ["Designed the API, in Swift", "Ran on-call"])
        #expect(work[0].location == "Berlin, Germany")
        #expect(work[0].endDate == "2022-12")
        #expect(work[1].summary == "one\ntwo")
        #expect(export.files.first?.skipped == [])
        let swift = export.resume.careergini?.skills?.first { $0.id == "swift" }
        #expect(
            swift?.evidence == [
                SkillEvidence(source: "linkedin", text: "Lead at Acme: Designed the API, in Swift", date: "2022-12")
            ])
    }

    @Test func toleratesByteOrderMarksAndPreambles() throws {
        let export = try Self.read([
            (
                "Skills.csv",
                Self.bom
                    + "Notes:\n\"This file lists the skills on your profile, with commas, and \"\"quotes\"\".\"\n\nName\nSQL\n"
            ),
            ("Languages.csv", Self.bom + "\"Name\",\"Proficiency\"\r\n\"French\",\"Elementary proficiency\"\r\n"),
        ])
        #expect(export.resume.skills == [Resume.SkillGroup(name: "LinkedIn skills", keywords: ["SQL"])])
        #expect(export.resume.careergini?.skills?.map(\.id) == ["sql"])
        #expect(export.resume.languages == [Resume.Language(language: "French", fluency: "Elementary proficiency")])
        #expect(export.files.allSatisfy { $0.rows == 1 && $0.imported == 1 && $0.skipped.isEmpty })
    }

    @Test func findsFilesInAFolderWhateverTheirCase() throws {
        let export = try Self.read([
            ("__MACOSX/Basic_LinkedInDataExport/._Skills.csv", "\u{0}\u{5}junk"),
            ("Basic_LinkedInDataExport_06-15-2025/old/Skills.csv", "Name\nCOBOL\n"),
            ("Basic_LinkedInDataExport_06-15-2025/SKILLS.CSV", "Name\nRust\n"),
            (
                "Basic_LinkedInDataExport_06-15-2025/email addresses.csv",
                "Email Address,Confirmed,Primary\nj@x.io,No,No\nk@x.io,Yes,No\n"
            ),
        ])
        #expect(export.resume.skills?.first?.keywords == ["Rust"])
        #expect(export.resume.basics?.email == "k@x.io")
        #expect(export.files.map(\.name) == ["Email Addresses.csv", "Skills.csv"])
    }

    @Test func refusesWhatIsNotAnExport() throws {
        let reader = try Self.reader()
        #expect(throws: LinkedInExportError.notAZip(reason: "the file is not a readable ZIP archive")) {
            try reader.read(Array("First Name,Last Name\nJane,Doe\n".utf8))
        }
        let other = try SafeZipArchiveTests.zip([("word/document.xml", Array("<w:document/>".utf8))])
        do {
            _ = try reader.read(other)
            Issue.record("a ZIP without export files was read")
        } catch {
            #expect(error == .noRecognisedFiles)
            #expect(error.reason.hasPrefix("this doesn't look like a LinkedIn data export: none of Profile.csv, "))
            #expect(error.reason.contains("Projects.csv"))
        }
    }

    @Test func refusesAZipBomb() throws {
        let bomb = try SafeZipArchiveTests.zip([
            ("Profile.csv", Array("First Name\nJane\n".utf8)),
            ("export/Positions.csv", [UInt8](repeating: 0x41, count: 20 * 1_048_576)),
        ])
        #expect(bomb.count < 100_000)
        let reader = try Self.reader()
        let clock = ContinuousClock()
        let started = clock.now
        do {
            _ = try reader.read(bomb)
            Issue.record("the bomb was read")
        } catch {
            // The reader's 1 MiB entry cap stops the bomb before SafeZipArchive's
            // ratio check (which starts past 1 MiB) comes into play.
            #expect(
                error
                    == .unsafeArchive(reason: SafeZipArchive.Failure.entryTooLarge("export/Positions.csv").description))
            #expect(error.reason == "the archive was refused: the archive entry export/Positions.csv is too large")
        }
        // Inflating 20 MiB would take far longer on a loaded machine than stopping at 1 MiB.
        #expect(clock.now - started < .seconds(10))
    }

    @Test func skipsRowsThatDoNotFitTheHeader() throws {
        let export = try Self.read([
            (
                "Languages.csv",
                "Name,Proficiency\nGerman,Native\nEnglish,Full,extra\nSpanish\nItalian,\"Limited\n"
                    + "French,Elementary\n"
            ),
            ("Projects.csv", "just some text\nwith no header\n"),
            ("Skills.csv", ""),
        ])
        let languages = try #require(export.files.first { $0.name == "Languages.csv" })
        #expect(languages.rows == 4)
        #expect(languages.imported == 1)
        #expect(
            languages.skipped == [
                SkippedRow(file: "Languages.csv", row: 2, reason: "line 3 has 3 fields where the header has 2"),
                SkippedRow(file: "Languages.csv", row: 3, reason: "line 4 has 1 field where the header has 2"),
                SkippedRow(
                    file: "Languages.csv", row: 4,
                    reason: "a quoted field opened on line 5 is never closed, so the file could not be read past it"),
            ])
        #expect(export.resume.languages == [Resume.Language(language: "German", fluency: "Native")])
        let projects = try #require(export.files.first { $0.name == "Projects.csv" })
        #expect(
            projects.problem == "no header row naming any of Title, Description, Url, Started On, Finished On was found"
        )
        #expect(projects.rows == 0)
        #expect(export.files.first { $0.name == "Skills.csv" }?.problem == "the file is empty")
    }

    @Test func capsRowsAndFieldLengths() throws {
        let skills = "Name\n" + (1...1_005).map { "Skill \($0)\n" }.joined()
        let longDescription = String(repeating: "x", count: LinkedInRows.maximumFieldLength + 1)
        let export = try Self.read([
            ("Skills.csv", skills),
            ("Projects.csv", "Title,Description\nBig,\(longDescription)\nSmall,fine\n"),
        ])
        let skillsReport = try #require(export.files.first { $0.name == "Skills.csv" })
        #expect(skillsReport.rows == 1_005)
        #expect(skillsReport.imported == 1_000)
        #expect(
            skillsReport.skipped == [
                SkippedRow(
                    file: "Skills.csv", row: 1_001,
                    reason: "only the first 1000 rows are read; the 5 rows after them were left out")
            ])
        #expect(export.resume.skills?.first?.keywords?.count == 1_000)
        #expect(
            export.files.first { $0.name == "Projects.csv" }?.skipped == [
                SkippedRow(file: "Projects.csv", row: 1, reason: "Description holds more than 20000 characters")
            ])
        #expect(export.resume.projects == [Resume.Project(name: "Small", description: "fine")])
    }

    @Test func refusesExportFilesTooLargeToBeReal() throws {
        let positions = "Company Name,Title\n" + (0..<60_000).map { "Company \($0),Engineer\n" }.joined()
        let upload = try Self.export([("Positions.csv", positions)])
        let reader = try Self.reader()
        do {
            _ = try reader.read(upload)
            Issue.record("a \(positions.utf8.count)-byte Positions.csv was read")
        } catch {
            #expect(error == .unsafeArchive(reason: "the archive entry Positions.csv is too large"))
        }
    }

    @Test func picksThePrimaryEmailElseTheFirstConfirmed() throws {
        let primary = try Self.read([
            (
                "Email Addresses.csv",
                "Email Address,Confirmed,Primary\na@x.io,Yes,No\nnot-an-email,Yes,Yes\nb@x.io,No,Yes\n"
            )
        ])
        #expect(primary.resume.basics?.email == "b@x.io")
        #expect(primary.files.first?.skipped.map(\.row) == [2])
        let unconfirmed = try Self.read([("Email Addresses.csv", "Email Address,Confirmed,Primary\na@x.io,No,No\n")])
        #expect(unconfirmed.resume.basics == nil)
    }
}

@Suite struct LinkedInExportPartsTests {
    @Test(arguments: [
        ("Jan 2020", "2020-01"), ("2019", "2019"), ("Mar 2018", "2018-03"), ("September 2017", "2017-09"),
        ("Sept. 2017", "2017-09"), ("Okt 2015", "2015-10"), ("März 2014", "2014-03"), ("2020-03", "2020-03"),
        ("2020-02-29", "2020-02-29"), ("03/2018", "2018-03"),
    ])
    func readsDates(text: String, expected: String) {
        #expect(LinkedInDate.partialDate(text) == expected)
    }

    @Test(arguments: [
        "", "Smarch 2020", "Jan", "20", "1850", "2019-13", "2021-02-29", "13/2020", "Jan 2020 2021", "Present",
    ])
    func refusesDates(text: String) {
        #expect(LinkedInDate.partialDate(text) == nil)
    }

    @Test func parsesCSVRecords() {
        let parsed = CSVRecords(Array("a,\"b,\"\"c\"\"\r\nd\",\r\ne,f\rg,h\n\n\"\",".utf8))
        #expect(
            parsed.records == [
                CSVRecords.Record(fields: ["a", "b,\"c\"\nd", ""], line: 1),
                CSVRecords.Record(fields: ["e", "f"], line: 3),
                CSVRecords.Record(fields: ["g", "h"], line: 4),
                CSVRecords.Record(fields: [""], line: 5),
                CSVRecords.Record(fields: ["", ""], line: 6),
            ])
        #expect(parsed.unterminatedQuoteLine == nil)
        #expect(CSVRecords([0xEF, 0xBB, 0xBF] + Array("Name\n".utf8)).records.first?.fields == ["Name"])
        let open = CSVRecords(Array("x,y\n1,\"2\n3,4\n".utf8))
        #expect(open.records == [CSVRecords.Record(fields: ["x", "y"], line: 1)])
        #expect(open.unterminatedQuoteLine == 2)
    }

    @Test func decodesUTF16WithAByteOrderMark() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Name\r\nZürich\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(CSVRecords(bytes).records.map(\.fields) == [["Name"], ["Zürich"]])
    }

    @Test(arguments: [
        ("https://jane.dev", "https://jane.dev"), ("http://example.com/a?b=c", "http://example.com/a?b=c"),
        ("jane.dev", "https://jane.dev"), ("www.jane.dev/blog", "https://www.jane.dev/blog"),
    ])
    func acceptsWebAddresses(text: String, expected: String) {
        #expect(WebAddress.normalised(text) == expected)
    }

    @Test(arguments: [
        "javascript://example.com/%0Aalert(1)", "javascript:alert(1)", "ftp://files.example.com/x",
        "file:///etc/passwd", "data:text/html,hi", "https://", "https://localhost/x", "https://exa mple.com",
        "https://ex_ample.com", "mailto:jane@example.com", "just words", "",
    ])
    func refusesWebAddresses(text: String) {
        #expect(WebAddress.normalised(text) == nil)
    }

    @Test func readsWebsiteFields() {
        let labelled = LinkedInWebsites(
            websites: "[COMPANY:https://acme.com,OTHER:https://shop.example.com/?tags=a,b,PORTFOLIO:www.jane.design]",
            twitterHandles: "[@jane_doe,not-a-handle!]")
        #expect(labelled.url == "https://www.jane.design")
        #expect(
            labelled.profiles == [
                Resume.Profile(network: "Company", url: "https://acme.com"),
                Resume.Profile(network: "Other", url: "https://shop.example.com/?tags=a,b"),
                Resume.Profile(network: "Twitter", username: "jane_doe", url: "https://twitter.com/jane_doe"),
            ])
        #expect(labelled.rejected == ["Twitter Handles: 'not-a-handle!' is not a Twitter handle"])

        let plain = LinkedInWebsites(
            websites: "https://jane.dev, https://www.linkedin.com/in/jane-doe", twitterHandles: nil)
        #expect(plain.url == "https://jane.dev")
        #expect(
            plain.profiles == [
                Resume.Profile(network: "LinkedIn", username: "jane-doe", url: "https://www.linkedin.com/in/jane-doe")
            ])
        #expect(plain.rejected == [])
    }

    @Test func decodesReportsStoredWithoutNewerFields() throws {
        let stored = Data(
            #"{"name":"Skills.csv","rows":2,"imported":1,"skipped":[{"file":"Skills.csv","row":2,"reason":"the row has no Name"}]}"#
                .utf8)
        let report = try JSONDecoder().decode(ImportFileReport.self, from: stored)
        #expect(
            report
                == ImportFileReport(
                    name: "Skills.csv", rows: 2, imported: 1,
                    skipped: [SkippedRow(file: "Skills.csv", row: 2, reason: "the row has no Name")]))
        let roundTrip = try JSONDecoder().decode(ImportFileReport.self, from: try JSONEncoder().encode(report))
        #expect(roundTrip == report)
    }

    @Test func splitsGeoLocations() {
        #expect(LinkedInResumeBuilder.location("Berlin, Germany") == Resume.Location(city: "Berlin"))
        #expect(
            LinkedInResumeBuilder.location("Austin, Texas, United States")
                == Resume.Location(city: "Austin", region: "Texas"))
        #expect(LinkedInResumeBuilder.location("Greater Seattle Area") == Resume.Location(city: "Greater Seattle Area"))
        #expect(LinkedInResumeBuilder.location(" , ") == nil)
    }
}
