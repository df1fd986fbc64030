import Contracts
import Foundation
import Taxonomy
import Testing

@testable import ProfileService

/// The deterministic résumé parser on inline texts: the date formats, headings,
/// entry layouts, contact details and skill evidence issue 5 asks for, in
/// English and German, and its behaviour on hostile input.
@Suite struct ResumeParserTests {
    static let taxonomy = try! Taxonomy.bundled()
    static let parser = ResumeTextParser(taxonomy: taxonomy)
    /// 2024-12-15: jobs still running end here.
    static let referenceDate = Date(timeIntervalSince1970: 1_734_220_800)

    static func parse(_ text: String) -> Resume { parser.parse(text, referenceDate: referenceDate) }

    // MARK: Dates

    @Test(
        arguments: [
            ("Jan 2020 – Present", "2020-01", nil, true),
            ("January 2020 - Present (4 years 11 months)", "2020-01", nil, true),
            ("03/2018 - 12/2019", "2018-03", "2019-12", false),
            ("2016–2018", "2016", "2018", false),
            ("2016-18", "2016", "2018", false),
            ("Sept. 2019 – Mar 2021", "2019-09", "2021-03", false),
            ("05/2015 to 08/2016", "2015-05", "2016-08", false),
            ("2019/05 – present", "2019-05", nil, true),
            ("März 2019 – heute", "2019-03", nil, true),
            ("seit 01/2020", "2020-01", nil, true),
            ("01.2018 bis 12.2019", "2018-01", "2019-12", false),
            ("Okt. 2017 - Dez. 2019", "2017-10", "2019-12", false),
            ("Jan – Mar 2020", "2020-01", "2020-03", false),
            ("Nov 2019 – Feb 2020", "2019-11", "2020-02", false),
            ("Mar '21 — now", "2021-03", nil, true),
            ("2020-03 → 2021-11", "2020-03", "2021-11", false),
            ("since 2021", "2021", nil, true),
            ("April 2019 bis dato", "2019-04", nil, true),
            ("15.03.2018 – 30.06.2019", "2018-03", "2019-06", false),
            ("2015 —", "2015", nil, true),
            ("Jan 2020 – Jan 2021 · 1 yr 1 mo", "2020-01", "2021-01", false),
        ] as [(String, String, String?, Bool)])
    func readsDateRanges(text: String, start: String, end: String?, current: Bool) throws {
        let span = try #require(DateScanner.spans(in: text, referenceYear: 2024).first)
        #expect(span.isRange)
        #expect(span.start?.iso == start)
        #expect(span.end?.iso == end)
        #expect(span.isCurrent == current)
        // The span covers the whole text, duration included.
        #expect(span.range == 0..<text.count)
    }

    @Test(arguments: ["+49 30 1234 5678", "ISO 27001", "Java 17", "1,200 checkout scenarios", "4.7 stars", "v2019"])
    func leavesNumbersThatAreNotDateRangesAlone(text: String) {
        #expect(!DateScanner.spans(in: text, referenceYear: 2024).contains { $0.isRange })
    }

    // MARK: Headings

    @Test(
        arguments: [
            ("EXPERIENCE", ResumeSectionKind.work), ("Work Experience:", .work), ("Professional Experience", .work),
            ("Employment History", .work), ("— SKILLS —", .skills), ("## Projects", .projects),
            ("E X P E R I E N C E", .work),
            ("2. Education", .education), ("Technical Skills", .skills), ("Core Competencies", .skills),
            ("Licenses & Certifications", .certificates), ("Berufserfahrung", .work), ("BERUFLICHER WERDEGANG", .work),
            ("Berufliche Erfahrung", .work), ("Ausbildung", .education), ("Studium", .education),
            ("Kenntnisse", .skills), ("Fähigkeiten", .skills), ("IT-Kenntnisse", .skills), ("Sprachen", .languages),
            ("Sprachkenntnisse", .languages), ("Zertifikate", .certificates), ("Projekte", .projects),
            ("Profil", .summary), ("Über mich", .summary), ("Persönliche Daten", .contact), ("Interests", .interests),
            ("Volunteer Experience", .volunteer), ("Publications", .publications), ("Honors & Awards", .awards),
            ("Teaching Experience", .work), ("Summary", .summary),
        ] as [(String, ResumeSectionKind)])
    func recognisesHeadings(text: String, kind: ResumeSectionKind) throws {
        let line = try #require(ResumeLines.lines(from: text).first)
        #expect(SectionHeadings.kind(of: line) == kind)
    }

    @Test(arguments: [
        "Led the experience redesign for 3 teams", "Senior Software Engineer", "Acme GmbH", "Python, Go, SQL",
        "Skills were key",
    ])
    func ignoresLinesThatAreNotHeadings(text: String) throws {
        let line = try #require(ResumeLines.lines(from: text).first)
        #expect(SectionHeadings.kind(of: line) == nil)
    }

    // MARK: Contact details

    @Test func readsAwardsPublicationsInterestsAndVolunteering() throws {
        let resume = Self.parse(
            """
            Jane Doe
            jane@example.com

            Experience
            Acme Corp — Senior Engineer
            Jan 2020 – Present
            • Built the payments API in Go

            Volunteer Experience
            Code Club — Mentor
            2018 – 2020

            Honors & Awards
            Hackathon winner — Acme Hack Week, 2019

            Publications
            Swift at scale: lessons from a rewrite, 2022

            Interests
            Climbing, chess, open source
            """)
        #expect(resume.awards == [Resume.Award(title: "Hackathon winner", date: "2019", awarder: "Acme Hack Week")])
        #expect(
            resume.publications == [
                Resume.Publication(name: "Swift at scale: lessons from a rewrite", releaseDate: "2022")
            ])
        #expect(resume.interests?.compactMap(\.name) == ["Climbing", "chess", "open source"])
        let volunteering = try #require(resume.volunteer?.first)
        #expect(volunteering.organization == "Code Club")
        #expect(volunteering.name == nil)
        #expect(volunteering.position == "Mentor")
    }

    @Test func readsContactDetails() throws {
        let resume = Self.parse(
            """
            CURRICULUM VITAE
            Jane Q. Doe
            Staff iOS Engineer
            ✉ jane.doe@example.com  |  ☎ +44 20 7946 0958  |  London, United Kingdom
            janedoe.dev · linkedin.com/in/jane-doe-42 · GitHub: @janedoe

            EXPERIENCE
            Staff iOS Engineer at Acme Ltd, London
            Jan 2020 – Present
            • Led the Swift migration
            """)
        let basics = try #require(resume.basics)
        #expect(basics.name == "Jane Q. Doe")
        #expect(basics.label == "Staff iOS Engineer")
        #expect(basics.email == "jane.doe@example.com")
        #expect(basics.phone == "+44 20 7946 0958")
        #expect(basics.location?.city == "London")
        #expect(basics.url == "https://janedoe.dev")
        #expect(
            basics.profiles == [
                Resume.Profile(
                    network: "LinkedIn", username: "jane-doe-42", url: "https://www.linkedin.com/in/jane-doe-42"),
                Resume.Profile(network: "GitHub", username: "janedoe", url: "https://github.com/janedoe"),
            ])
        #expect(resume.work?.first?.name == "Acme Ltd")
    }

    @Test(arguments: [
        ("Tel.: +49 (0)30 1234567", "+49 (0)30 1234567"), ("Mobile: 0049 170 1234567", "0049 170 1234567"),
        ("Phone (555) 123-4567", "(555) 123-4567"), ("+1-202-555-0143", "+1-202-555-0143"),
        ("T: 030 / 123 456 78", "030 / 123 456 78"),
    ])
    func readsInternationalPhoneNumbers(line: String, phone: String) {
        let resume = Self.parse("Max Mustermann\n\(line)\nBerlin\n")
        #expect(resume.basics?.phone == phone)
        #expect(resume.basics?.name == "Max Mustermann")
    }

    @Test func findsTheNameUnderASidebar() throws {
        // LinkedIn's PDF: the contact sidebar comes first, the name after it.
        let resume = Self.parse(
            """
            Contact
            jonas@example.com
            www.linkedin.com/in/jonasbecke
            r (LinkedIn)
            Top Skills
            Apache Spark
            Scala
            Jonas Becker
            Senior Data Engineer at Helix Mobility
            Munich, Bavaria, Germany
            Summary
            Data engineer building batch and streaming platforms.
            """)
        #expect(resume.basics?.name == "Jonas Becker")
        #expect(resume.basics?.label == "Senior Data Engineer at Helix Mobility")
        #expect(resume.basics?.location?.city == "Munich")
        #expect(resume.basics?.profiles?.first?.username == "jonasbecker")
        #expect(resume.skills == [Resume.SkillGroup(name: "Top Skills", keywords: ["Apache Spark", "Scala"])])
        #expect(resume.basics?.summary == "Data engineer building batch and streaming platforms.")
    }

    @Test func readsGermanPersonalData() throws {
        let resume = Self.parse(
            """
            Lebenslauf
            PERSÖNLICHE DATEN
            Name: Max Mustermann
            Anschrift: Hauptstraße 5, 50667 Köln
            Telefon: 0221 1234567
            E-Mail: max@example.de
            BERUFSERFAHRUNG
            04/2019 – heute
            Senior Java-Entwickler
            Beispiel Versicherung AG, Köln
            • Entwicklung von Microservices mit Spring Boot
            """)
        #expect(resume.basics?.name == "Max Mustermann")
        #expect(resume.basics?.location?.city == "Köln")
        #expect(resume.basics?.phone == "0221 1234567")
        #expect(resume.basics?.email == "max@example.de")
        let job = try #require(resume.work?.first)
        #expect(job.position == "Senior Java-Entwickler")
        #expect(job.name == "Beispiel Versicherung AG")
        #expect(job.location == "Köln")
        #expect(job.startDate == "2019-04")
        #expect(job.endDate == nil)
    }

    // MARK: Work entries

    @Test func readsTheCommonJobLayouts() throws {
        let resume = Self.parse(
            """
            Experience
            Senior Backend Engineer at Northwind Traders, Seattle, WA
            Jan 2021 – Present
            • Built the order service in Go
            Globex Corporation — Platform Engineer\tMar 2018 – Dec 2020
            - Ran Kubernetes clusters
            Site Reliability Engineer | Initech | Austin, TX | 2016 – 2018
            * Wrote runbooks
            Junior Developer
            Hooli Inc.
            05/2015 to 08/2016
            1. Fixed bugs in the PHP monolith
            2. Added unit tests
            """)
        let work = try #require(resume.work)
        #expect(work.count == 4)
        #expect(
            work.map(\.position) == [
                "Senior Backend Engineer", "Platform Engineer", "Site Reliability Engineer", "Junior Developer",
            ])
        #expect(work.map(\.name) == ["Northwind Traders", "Globex Corporation", "Initech", "Hooli Inc."])
        #expect(work.map(\.location) == ["Seattle, WA", nil, "Austin, TX", nil])
        #expect(work.map(\.startDate) == ["2021-01", "2018-03", "2016", "2015-05"])
        #expect(work.map(\.endDate) == [nil, "2020-12", "2018", "2016-08"])
        #expect(work[3].highlights == ["Fixed bugs in the PHP monolith", "Added unit tests"])
    }

    @Test func readsCompanyOverTitleWithTabbedCells() throws {
        // Word's right-aligned tab stops: company and city, then title and dates.
        let resume = Self.parse(
            """
            PROFESSIONAL EXPERIENCE
            ACME CORPORATION\tNew York, NY
            Senior Marketing Analyst\t2019 – Present
            • Built attribution models in Python and SQL.
            • Ran A/B tests on landing pages with Optimizely.
            GLOBEX INC.\tBoston, MA
            Marketing Analyst\tJun 2016 – Dec 2018
            • Owned weekly Tableau dashboards for the CMO.
            EDUCATION
            Boston University\tBoston, MA
            B.S. in Business Administration, Marketing\t2012 – 2016
            """)
        let work = try #require(resume.work)
        #expect(work.map(\.name) == ["ACME CORPORATION", "GLOBEX INC."])
        #expect(work.map(\.position) == ["Senior Marketing Analyst", "Marketing Analyst"])
        #expect(work.map(\.location) == ["New York, NY", "Boston, MA"])
        #expect(work.map(\.summary) == [nil, nil])
        #expect(resume.education?.first?.institution == "Boston University")
        #expect(resume.education?.first?.area == "Business Administration")
    }

    @Test func joinsWrappedBulletsAndKeepsTheSummary() throws {
        let resume = Self.parse(
            """
            WORK EXPERIENCE
            Data Engineer, Umbrella Analytics
            2019 – 2022
            Owned the batch platform for the analytics team.
            ▪ Moved 60 nightly jobs from Hive to Delta Lake, cutting compute cost by
            40% and run time by half.
            ◦ Built a Kafka-based ingestion for 2 billion events
            per day.
            – Mentored three juniors.
            """)
        let job = try #require(resume.work?.first)
        #expect(job.summary == "Owned the batch platform for the analytics team.")
        #expect(
            job.highlights == [
                "Moved 60 nightly jobs from Hive to Delta Lake, cutting compute cost by 40% and run time by half.",
                "Built a Kafka-based ingestion for 2 billion events per day.", "Mentored three juniors.",
            ])
    }

    @Test func readsLinkedInRolesUnderOneCompany() throws {
        let resume = Self.parse(
            """
            Experience
            Urbanflow GmbH
            3 years 2 months
            Data Engineer
            March 2018 - December 2019 (1 year 10 months)
            Berlin, Germany
            Built the first data warehouse on BigQuery.
            Junior Data Engineer
            November 2016 - February 2018 (1 year 4 months)
            Berlin, Germany
            Wrote Python ETL jobs.
            """)
        let work = try #require(resume.work)
        #expect(work.map(\.name) == ["Urbanflow GmbH", "Urbanflow GmbH"])
        #expect(work.map(\.position) == ["Data Engineer", "Junior Data Engineer"])
        #expect(work.map(\.startDate) == ["2018-03", "2016-11"])
        #expect(work.map(\.location) == ["Berlin, Germany", "Berlin, Germany"])
    }

    @Test func readsGermanDateFirstEntries() throws {
        let resume = Self.parse(
            """
            Beruflicher Werdegang
            seit 10/2021
            Teamleiterin Softwareentwicklung
            Musterfirma GmbH & Co. KG, Hamburg
            ▪ Führung eines Teams von 6 Entwicklern
            03/2017 – 09/2021
            Softwareentwicklerin
            Beispiel AG, Bremen
            ▪ Entwicklung mit Kotlin und PostgreSQL
            """)
        let work = try #require(resume.work)
        #expect(work.map(\.position) == ["Teamleiterin Softwareentwicklung", "Softwareentwicklerin"])
        #expect(work.map(\.name) == ["Musterfirma GmbH & Co. KG", "Beispiel AG"])
        #expect(work.map(\.location) == ["Hamburg", "Bremen"])
        #expect(work.map(\.startDate) == ["2021-10", "2017-03"])
        #expect(work.map(\.endDate) == [nil, "2021-09"])
    }

    // MARK: Other sections

    @Test func readsEducationSkillsLanguagesCertificatesAndProjects() throws {
        let resume = Self.parse(
            """
            EDUCATION
            Technische Universität Berlin — Berlin, Germany    2012 – 2016
            Master of Science in Computer Science
            GPA: 1.3
            Stanford University, 2008 – 2012
            B.A., Economics
            SKILLS
            Languages: Swift, Kotlin, TypeScript
            Cloud — AWS, GCP
            Tools
            Docker, Terraform
            LANGUAGES
            English (Native), German – C1, Französisch: Grundkenntnisse
            CERTIFICATIONS
            AWS Certified Solutions Architect – Associate (Amazon Web Services, 2021)
            Certified Kubernetes Administrator (CKA), CNCF, 03/2022
            PROJECTS
            CareerBot — AI career coach (github.com/jane/careerbot)
            • Built with Swift and Hummingbird
            Technologies: Swift, PostgreSQL
            """)
        #expect(
            resume.education == [
                Resume.Education(
                    institution: "Technische Universität Berlin", area: "Computer Science",
                    studyType: "Master of Science", startDate: "2012", endDate: "2016", score: "1.3"),
                Resume.Education(
                    institution: "Stanford University", area: "Economics", studyType: "B.A.", startDate: "2008",
                    endDate: "2012"),
            ])
        #expect(
            resume.skills == [
                Resume.SkillGroup(name: "Languages", keywords: ["Swift", "Kotlin", "TypeScript"]),
                Resume.SkillGroup(name: "Cloud", keywords: ["AWS", "GCP"]),
                Resume.SkillGroup(name: "Tools", keywords: ["Docker", "Terraform"]),
            ])
        #expect(
            resume.languages == [
                Resume.Language(language: "English", fluency: "Native"),
                Resume.Language(language: "German", fluency: "C1"),
                Resume.Language(language: "Französisch", fluency: "Grundkenntnisse"),
            ])
        #expect(
            resume.certificates == [
                Resume.Certificate(
                    name: "AWS Certified Solutions Architect – Associate", date: "2021", issuer: "Amazon Web Services"),
                Resume.Certificate(name: "Certified Kubernetes Administrator (CKA)", date: "2022-03", issuer: "CNCF"),
            ])
        let project = try #require(resume.projects?.first)
        #expect(project.name == "CareerBot")
        #expect(project.description == "AI career coach")
        #expect(project.url == "https://github.com/jane/careerbot")
        #expect(project.highlights == ["Built with Swift and Hummingbird"])
        #expect(project.keywords == ["Swift", "PostgreSQL"])
    }

    @Test func readsTwoColumnLayoutOutput() throws {
        // `pdftotext -layout` of a page with a sidebar: both columns on each line.
        let left = [
            "CONTACT", "ana@example.com", "Lisbon, Portugal", "", "SKILLS", "Python, SQL", "Airflow, dbt", "",
            "LANGUAGES", "Portuguese (Native)", "English (C1)", "",
        ]
        let right = [
            "Ana Silva", "Data Engineer", "", "EXPERIENCE", "Data Engineer, Farfetch", "Jan 2021 – Present",
            "• Built dbt models for the finance team", "• Moved the warehouse to BigQuery", "Analyst, Sonae",
            "2018 – 2020", "• Wrote SQL reports", "",
        ]
        let text = zip(left, right).map { $0.padding(toLength: 30, withPad: " ", startingAt: 0) + $1 }
            .joined(separator: "\n")
        let resume = Self.parse(text)
        #expect(resume.basics?.name == "Ana Silva")
        #expect(resume.basics?.email == "ana@example.com")
        #expect(resume.basics?.location?.city == "Lisbon")
        #expect(resume.work?.map(\.name) == ["Farfetch", "Sonae"])
        #expect(resume.work?.first?.highlights?.count == 2)
        #expect(resume.languages?.map(\.language) == ["Portuguese", "English"])
        #expect(resume.skills?.first?.keywords == ["Python", "SQL", "Airflow", "dbt"])
    }

    // MARK: Skills with evidence

    @Test func recordsSkillEvidenceYearsAndLastUse() throws {
        let resume = Self.parse(
            """
            Experience
            Backend Engineer, Acme Corp
            Jan 2020 – Present
            • Built payment services in Go and PostgreSQL.
            Software Engineer, Beta LLC
            Jan 2017 – Dec 2019
            • Maintained a Go monolith on Kubernetes.
            Skills
            Languages: Go, Python
            """)
        let skills = try #require(resume.careergini?.skills)
        let go = try #require(skills.first { $0.id == "go" })
        #expect(go.years == 8)
        #expect(go.lastUsed == "2024-12")
        #expect(
            go.evidence?.first
                == SkillEvidence(
                    source: "resume", text: "Built payment services in Go and PostgreSQL.", date: "2024-12"))
        #expect(
            go.evidence?.contains(
                SkillEvidence(source: "resume", text: "Maintained a Go monolith on Kubernetes.", date: "2019-12"))
                == true)
        let kubernetes = try #require(skills.first { $0.id == "kubernetes" })
        #expect(kubernetes.years == 3)
        #expect(kubernetes.lastUsed == "2019-12")
        let python = try #require(skills.first { $0.id == "python" })
        #expect(python.years == nil)
        #expect(python.evidence?.first?.text == "Languages: Go, Python")
        #expect(python.evidence?.first?.date == nil)
        // Evidence is the line it appeared in, never more than 200 characters.
        let long = String(repeating: "Shipped features quickly and reliably. ", count: 10) + "Used Rust daily."
        let rust = try #require(Self.parse("Summary\n\(long)").careergini?.skills?.first { $0.id == "rust" })
        #expect(rust.evidence?.first?.text == "Used Rust daily.")
        #expect(rust.evidence?.allSatisfy { ($0.text?.count ?? 0) <= 200 } == true)
    }

    // MARK: Hostile input

    @Test(arguments: [
        "", " \n\n\t ", "\u{0C}\u{0C}", String(repeating: "@", count: 5_000), String(repeating: "[", count: 5_000),
        String(repeating: "- ", count: 5_000), String(repeating: "2020 – ", count: 2_000),
        String(repeating: "Experience\n", count: 500), String(repeating: "9", count: 10_000),
        String(repeating: "a", count: 60_000), "\u{FEFF}\u{200B}•\n•\n•",
    ])
    func neverFailsOnOddInput(text: String) {
        let resume = Self.parse(text)
        #expect(resume.work?.count ?? 0 <= 2_000)
    }

    @Test func parsesALongResumeInLinearTime() throws {
        let entry = """
            Senior Software Engineer — Acme Corp, Berlin\tJan 2020 – Present
            • Built payment services in Go and PostgreSQL for 40 million users across Europe and beyond.
            • Led the migration to Kubernetes with Terraform and Argo CD; cut deploy time by 80%.

            """
        var text = "Jane Doe\njane@example.com\nEXPERIENCE\n"
        while text.count < 60_000 { text += entry }
        let started = ContinuousClock.now
        let resume = Self.parse(text)
        let elapsed = ContinuousClock.now - started
        #expect((resume.work?.count ?? 0) > 200)
        // Generous for a loaded debug build; a quadratic step would take minutes.
        #expect(elapsed < .seconds(10), "60,000 characters took \(elapsed)")
    }
}

/// `ModelRefinement.merge`: a model's change stays only when the text holds it.
@Suite struct ModelRefinementTests {
    static let text = """
        Jane Doe
        jane@example.com | +49 30 1234567 | Berlin
        EXPERIENCE
        Senior Engineer — Acme GmbH
        Jan 2020 – Present
        • Built payment services in Go and PostgreSQL.
        • Ran the Kubernetes platform.
        Beta AG
        Engineer
        03/2017 – 12/2019
        • Wrote Python tools.
        SKILLS
        Languages: Go, Python
        """

    /// What a confused parse might look like: company and title swapped, a date off.
    static let deterministic = Resume(
        basics: Resume.Basics(name: "Jane Doe", email: "jane@example.com", phone: "+49 30 1234567"),
        work: [
            Resume.Work(
                name: "Senior Engineer", position: "Acme GmbH", startDate: "2019",
                highlights: ["Built payment services in Go and PostgreSQL.", "Ran the Kubernetes platform."]),
            Resume.Work(name: "Beta AG", position: "Engineer", startDate: "2017-03", endDate: "2019-12"),
        ],
        careergini: CareerginiExtension(skills: [
            ProfileSkill(id: "go", evidence: [SkillEvidence(source: "resume", text: "Languages: Go, Python")])
        ]))

    static func merge(_ model: Resume) -> Resume {
        ModelRefinement.merge(
            deterministic: deterministic, model: model, text: text, taxonomy: ResumeParserTests.taxonomy)
    }

    @Test func keepsChangesTheTextSupports() throws {
        var model = Self.deterministic
        model.work?[0].name = "Acme GmbH"
        model.work?[0].position = "Senior Engineer"
        model.work?[0].startDate = "2020-01"
        model.basics?.phone = "+49301234567"
        let merged = Self.merge(model)
        #expect(merged.work?[0].name == "Acme GmbH")
        #expect(merged.work?[0].position == "Senior Engineer")
        #expect(merged.work?[0].startDate == "2020-01")
        #expect(merged.basics?.phone == "+49301234567")
    }

    @Test func keepsTheDeterministicValueWhereTheModelInvents() throws {
        var model = Self.deterministic
        model.basics?.name = "Jane M. Doe"
        model.basics?.email = "jane.doe@example.com"
        model.basics?.phone = "+49 30 7654321"
        model.work?[0].name = "Acme Corporation"
        model.work?[0].startDate = "2020-02"
        model.work?[1].endDate = "2020-06"
        model.work?[0].highlights = ["Architected a world-class payment platform."]
        let merged = Self.merge(model)
        #expect(merged.basics == Self.deterministic.basics)
        #expect(merged.work == Self.deterministic.work)
    }

    @Test func addsSupportedEntriesAndKeepsDroppedOnes() throws {
        var model = Self.deterministic
        model.work = [
            Resume.Work(name: "Gamma LLC", position: "CTO", startDate: "2015"),
            Resume.Work(name: "Beta AG", position: "Engineer", startDate: "2017-03", endDate: "2019-12"),
        ]
        model.languages = [Resume.Language(language: "Klingon", fluency: "Native")]
        let merged = Self.merge(model)
        // The invented job is gone; the job the model dropped stays.
        #expect(merged.work?.map(\.name) == ["Senior Engineer", "Beta AG"])
        #expect(merged.languages == nil)

        model.certificates = [Resume.Certificate(name: "Kubernetes platform")]
        #expect(Self.merge(model).certificates == [Resume.Certificate(name: "Kubernetes platform")])
    }

    @Test func acceptsAnEndedJobAsRunningOnlyWhenTheTextSaysPresent() throws {
        var deterministic = Self.deterministic
        deterministic.work?[0].endDate = "2021"
        var model = deterministic
        model.work?[0].endDate = nil
        let merged = ModelRefinement.merge(
            deterministic: deterministic, model: model, text: Self.text, taxonomy: ResumeParserTests.taxonomy)
        #expect(merged.work?[0].endDate == nil)
        let withoutPresent = ModelRefinement.merge(
            deterministic: deterministic, model: model,
            text: Self.text.replacingOccurrences(of: "Present", with: "Dec 2021"), taxonomy: ResumeParserTests.taxonomy)
        #expect(withoutPresent.work?[0].endDate == "2021")
    }

    @Test func addsOnlyTaxonomySkillsTheTextNames() throws {
        var model = Self.deterministic
        model.careergini = CareerginiExtension(skills: [
            ProfileSkill(id: "kubernetes", years: 12), ProfileSkill(id: "rust"), ProfileSkill(id: "not-a-skill"),
            ProfileSkill(id: "postgres"),
        ])
        let skills = try #require(Self.merge(model).careergini?.skills)
        #expect(skills.map(\.id) == ["go", "kubernetes", "postgresql"])
        // Evidence comes from the text, figures the model made up do not.
        #expect(skills[1].evidence == [SkillEvidence(source: "resume", text: "Ran the Kubernetes platform.")])
        #expect(skills[1].years == nil)
        #expect(skills[0] == Self.deterministic.careergini?.skills?[0])
    }
}
