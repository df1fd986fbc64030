import Contracts
import Foundation
import Taxonomy
import Testing

@testable import AIService

/// Shared setup: the bundled taxonomy (loaded once) and a tailor pinned to the
/// fixtures' reference date, so "years of experience" is the same on every run.
enum TailoringTesting {
    static let taxonomy = Result { try Taxonomy.bundled() }

    static func tailor(_ options: TailoringOptions = TailoringOptions()) throws -> ResumeTailor {
        ResumeTailor(taxonomy: try taxonomy.get(), options: options, referenceDate: ResumeFixtures.referenceDate)
    }

    static func checker() throws -> ClaimChecker {
        ClaimChecker(taxonomy: try taxonomy.get(), referenceDate: ResumeFixtures.referenceDate)
    }

    /// The deterministic result for the backend job: the base every injection starts from.
    static func tailored(_ job: String = ResumeFixtures.backendJob) throws -> TailoringResult {
        try tailor().tailorDeterministically(profile: ResumeFixtures.profile, jobDescription: job)
    }

    /// All visible text of a résumé, to assert that a claim is gone everywhere.
    static func allText(_ resume: Resume) -> String {
        let fields = resume.visibleTextFields.map(\.text)
        let names =
            (resume.work ?? []).flatMap { [$0.name, $0.startDate, $0.endDate] }
            + (resume.education ?? []).flatMap { [$0.institution, $0.studyType] }
            + (resume.certificates ?? []).map(\.name)
        return (fields + names.compactMap { $0 }).joined(separator: "\n")
    }
}

@Suite("résumé tailoring: job requirements")
struct JobRequirementsTests {
    @Test func sectionsAndWordingDecideRequiredOrPreferred() throws {
        let requirements = try TailoringTesting.tailor().requirements(jobDescription: ResumeFixtures.backendJob)
        let required = requirements.skills.filter { $0.importance == .required }.map(\.skillId)
        let preferred = requirements.skills.filter { $0.importance == .preferred }.map(\.skillId)
        #expect(required == ["go", "kubernetes", "postgresql", "incident-management", "sql", "docker", "grpc"])
        #expect(preferred == ["kafka", "stream-processing", "terraform", "rust"])
        // "fintech" sits under "About us": context, not an ask.
        #expect(!requirements.skillIds.contains("domain-knowledge-fintech"))
        #expect(requirements.roleId == "backend-engineer")
    }

    @Test func inlineHeadingAndPlusWording() throws {
        let requirements = try TailoringTesting.tailor().requirements(jobDescription: ResumeFixtures.fullStackJob)
        #expect(requirements.importance(of: "react") == .required)
        #expect(requirements.importance(of: "typescript") == .required)
        #expect(requirements.importance(of: "grpc") == .required)
        #expect(requirements.importance(of: "rest-api-design") == .required)
        #expect(requirements.importance(of: "graphql") == .preferred)
        #expect(requirements.importance(of: "redis") == .preferred)
        #expect(requirements.roleId == "full-stack-engineer")

        let plus = try TailoringTesting.tailor().requirements(
            jobDescription: "We build in Python.\nExperience with Airflow is a plus.\nYou must know SQL.")
        #expect(plus.importance(of: "python") == .required)
        #expect(plus.importance(of: "airflow") == .preferred)
        #expect(plus.importance(of: "sql") == .required)
    }

    @Test func skillNamedAsBothCountsAsRequired() throws {
        let requirements = try TailoringTesting.tailor().requirements(
            jobDescription: "Nice to have:\n- Docker\nRequirements:\n- Docker and Go")
        #expect(requirements.importance(of: "docker") == .required)
        #expect(requirements.skills.count == 2)
    }

    @Test func roleListsStandInWhenTheTextNamesNoSkill() throws {
        let taxonomy = try TailoringTesting.taxonomy.get()
        let requirements = try TailoringTesting.tailor().requirements(jobDescription: nil, targetTitle: "Data Engineer")
        let role = try #require(taxonomy.role("data-engineer"))
        #expect(requirements.roleId == "data-engineer")
        #expect(requirements.skills.filter { $0.importance == .required }.map(\.skillId) == role.required)
        #expect(requirements.skills.allSatisfy { $0.context == "role: Data Engineer" })
    }
}

@Suite("résumé tailoring: classification and coverage")
struct RequirementClassificationTests {
    @Test func eachRequirementPlacedAgainstTheProfile() throws {
        let tailor = try TailoringTesting.tailor()
        let statuses = tailor.classify(
            tailor.requirements(jobDescription: ResumeFixtures.backendJob), profile: ResumeFixtures.profile)
        let byId = Dictionary(uniqueKeysWithValues: statuses.map { ($0.skillId, $0) })
        #expect(byId["go"]?.status == .evidenced)
        #expect(byId["go"]?.evidence == ResumeFixtures.lumenHighlights[1])
        #expect(byId["postgresql"]?.status == .evidenced)
        #expect(byId["docker"]?.status == .evidenced)
        #expect(byId["kafka"]?.status == .evidenced)
        #expect(byId["incident-management"]?.status == .evidenced)
        // Listed in the skills section only, or only declared: emphasise, not evidenced.
        #expect(byId["sql"]?.status == .canEmphasise)
        #expect(byId["sql"]?.evidence == "listed in skills: Languages")
        #expect(byId["terraform"]?.status == .canEmphasise)
        #expect(byId["grpc"]?.status == .canEmphasise)
        #expect(byId["grpc"]?.relatedSkillIds == nil)
        // Not held, but related skills are.
        #expect(byId["kubernetes"]?.status == .canEmphasise)
        #expect(byId["kubernetes"]?.relatedSkillIds == ["go", "docker"])
        #expect(byId["stream-processing"]?.relatedSkillIds == ["kafka"])
        #expect(byId["rust"]?.status == .missing)
        #expect(byId["rust"]?.evidence == nil)

        let missing = RequirementClassifier.notHeld(statuses).map(\.skillId)
        #expect(missing == ["kubernetes", "stream-processing", "rust"])
    }

    @Test func coverageCountsSkillsAReaderCanSee() throws {
        let result = try TailoringTesting.tailored(ResumeFixtures.fullStackJob)
        // gRPC is only a declared skill: invisible before, named by the summary after.
        #expect(!result.coverage.matchedBefore.contains("grpc"))
        #expect(result.coverage.matchedAfter.contains("grpc"))
        #expect(result.coverage.after > result.coverage.before)
        let wanted = Double(result.requirements.skills.count)
        #expect(result.coverage.before == Double(result.coverage.matchedBefore.count) / wanted)
        #expect(!result.coverage.matchedAfter.contains("graphql"))
    }
}

@Suite("résumé tailoring: deterministic tailor")
struct DeterministicTailorTests {
    @Test func highlightsNamingJobSkillsComeFirstStably() throws {
        let resume = try TailoringTesting.tailored().resume
        let lumen = ResumeFixtures.lumenHighlights
        #expect(resume.work?[0].highlights == [lumen[0], lumen[1], lumen[2], lumen[4], lumen[3], lumen[5]])
        let northwind = ResumeFixtures.northwindHighlights
        #expect(resume.work?[1].highlights == [northwind[1], northwind[0], northwind[2], northwind[3]])

        let dashboard = try TailoringTesting.tailored(ResumeFixtures.fullStackJob).resume
        #expect(dashboard.work?[1].highlights == [northwind[3], northwind[0], northwind[1], northwind[2]])
    }

    @Test func skillsAndProjectsOrderedByRelevance() throws {
        let resume = try TailoringTesting.tailored().resume
        #expect(resume.skills?.map(\.name) == ["Languages", "Data", "Infrastructure"])
        #expect(resume.skills?[0].keywords == ["Go", "SQL", "Python", "TypeScript"])
        #expect(resume.skills?[1].keywords == ["PostgreSQL", "Apache Kafka", "Redis"])
        #expect(resume.skills?[2].keywords == ["Docker", "Terraform", "AWS", "GitHub Actions"])
        #expect(resume.projects?.map(\.name) == ["pgpool-exporter", "recipe-box"])

        let dashboard = try TailoringTesting.tailored(ResumeFixtures.fullStackJob).resume
        #expect(dashboard.skills?[0].keywords == ["TypeScript", "Go", "Python", "SQL"])
        #expect(dashboard.skills?[1].keywords == ["Redis", "PostgreSQL", "Apache Kafka"])
        #expect(dashboard.projects?.map(\.name) == ["recipe-box", "pgpool-exporter"])
    }

    @Test func summaryUsesOnlyProfileFacts() throws {
        let summary = try #require(try TailoringTesting.tailored().resume.basics?.summary)
        #expect(
            summary.hasPrefix(
                "Senior Backend Engineer with 8 years of experience. "
                    + "Core skills: Go, PostgreSQL, Incident Management, Docker and SQL."))
        // The profile's own sentence stays; its "7 years" (the dates say 8) goes.
        #expect(summary.hasSuffix("Backend engineer who likes boring, reliable systems."))
        #expect(!summary.contains("7 years"))
        for absent in ["Kubernetes", "Rust", "Stream Processing"] { #expect(!summary.contains(absent)) }
    }

    @Test func everythingElseIsCopiedExactly() throws {
        let resume = try TailoringTesting.tailored().resume
        let profile = ResumeFixtures.profile
        #expect(resume.education == profile.education)
        #expect(resume.certificates == profile.certificates)
        #expect(resume.languages == profile.languages)
        #expect(resume.careergini == profile.careergini)
        #expect(resume.basics?.email == profile.basics?.email)
        #expect(resume.basics?.label == profile.basics?.label)
        for (tailored, source) in zip(resume.work ?? [], profile.work ?? []) {
            #expect(tailored.name == source.name)
            #expect(tailored.position == source.position)
            #expect(tailored.startDate == source.startDate)
            #expect(tailored.endDate == source.endDate)
            #expect(Set(tailored.highlights ?? []) == Set(source.highlights ?? []))
        }
    }

    @Test func nothingTheJobNeedsIsDropped() throws {
        for job in [ResumeFixtures.backendJob, ResumeFixtures.fullStackJob] {
            let result = try TailoringTesting.tailored(job)
            #expect(result.coverage.after >= result.coverage.before)
            #expect(Set(result.coverage.matchedBefore).isSubset(of: result.coverage.matchedAfter))
        }
    }

    @Test func capDropsOnlyIrrelevantHighlightsAndKeepsAFloor() throws {
        var profile = ResumeFixtures.profile
        let filler = (1...7).map { "Organised team offsite number \($0)." }
        profile.work?[1].highlights = filler + ["Containerised 12 services with Docker and moved CI to GitHub Actions."]
        let capped = try TailoringTesting.tailor(TailoringOptions(highlightCap: 4))
            .tailorDeterministically(profile: profile, jobDescription: ResumeFixtures.backendJob)
        let highlights = try #require(capped.resume.work?[1].highlights)
        #expect(highlights.count == 4)
        #expect(highlights.first == "Containerised 12 services with Docker and moved CI to GitHub Actions.")
        #expect(Array(highlights.dropFirst()) == Array(filler.prefix(3)))

        // A cap below the floor still keeps three; nothing relevant is ever dropped.
        let floor = try TailoringTesting.tailor(TailoringOptions(highlightCap: 1))
            .tailorDeterministically(profile: profile, jobDescription: ResumeFixtures.backendJob)
        #expect(floor.resume.work?[1].highlights?.count == 3)
        #expect(floor.resume.work?[0].highlights?.count == 4)
        #expect(floor.removedClaims.isEmpty)
    }

    @Test func templateOutputPassesTheClaimCheckUntouched() throws {
        for job in [ResumeFixtures.backendJob, ResumeFixtures.fullStackJob, "", "Rust and Kubernetes, k8s, Helm"] {
            let tailor = try TailoringTesting.tailor()
            let requirements = tailor.requirements(jobDescription: job)
            let evidence = tailor.evidence(for: ResumeFixtures.profile)
            let statuses = tailor.classify(requirements, profile: ResumeFixtures.profile)
            let candidate = DeterministicTailor(taxonomy: try TailoringTesting.taxonomy.get())
                .tailor(
                    profile: ResumeFixtures.profile, requirements: requirements, statuses: statuses,
                    evidence: evidence)
            let checked = try TailoringTesting.checker().check(candidate: candidate, source: ResumeFixtures.profile)
            #expect(checked.removed.isEmpty, "\(checked.removed)")
            #expect(checked.resume == candidate)
        }
    }
}

@Suite("résumé tailoring: claim check")
struct ClaimCheckerTests {
    static func check(_ edit: (inout Resume) -> Void) throws -> ClaimChecker.Result {
        var candidate = try TailoringTesting.tailored().resume
        edit(&candidate)
        return try TailoringTesting.checker().check(candidate: candidate, source: ResumeFixtures.profile)
    }

    @Test func skillTheProfileNeverHadIsRemoved() throws {
        let result = try Self.check { resume in
            resume.skills?[0].keywords?.append("Rust")
            resume.skills?[2].keywords?.insert("Kubernetes", at: 0)
            resume.work?[0].highlights?.append("Rewrote the settlement engine in Rust.")
            resume.basics?.summary? += " Runs Go services on Kubernetes every day."
        }
        let text = TailoringTesting.allText(result.resume)
        #expect(!text.contains("Rust"))
        #expect(!text.contains("Kubernetes"))
        #expect(result.resume.skills?[0].keywords == ["Go", "SQL", "Python", "TypeScript"])
        #expect(result.resume.skills?[2].keywords == ["Docker", "Terraform", "AWS", "GitHub Actions"])
        let paths = result.removed.filter { $0.kind == .skill }.map(\.path)
        #expect(
            Set(paths) == [
                "skills[0].keywords[4]", "skills[2].keywords[0]", "work[0].highlights[6]", "basics.summary",
            ])
        #expect(result.removed.count == 4)
        // The other highlights and the backed summary sentences survive.
        #expect(result.resume.work?[0].highlights?.count == 6)
        #expect(result.resume.basics?.summary?.contains("Core skills: Go") == true)
    }

    @Test func inventedEmployerIsRemoved() throws {
        let result = try Self.check { resume in
            resume.work?.insert(
                Resume.Work(
                    name: "Google", position: "Staff Engineer", startDate: "2024-01",
                    highlights: ["Led Go services at planet scale."]), at: 0)
        }
        #expect(result.resume.work?.map(\.name) == ["Lumen Payments GmbH", "Northwind Logistics"])
        let removal = try #require(result.removed.first)
        #expect(result.removed.count == 1)
        #expect(removal.kind == .employer)
        #expect(removal.path == "work[0]")
        #expect(removal.text == "Staff Engineer at Google")
    }

    @Test func inflatedTitleIsPutBack() throws {
        let result = try Self.check { resume in
            resume.work?[1].position = "Senior Software Engineer"
            resume.basics?.label = "Staff Engineer"
        }
        #expect(result.resume.work?[1].position == "Software Engineer")
        #expect(result.resume.basics?.label == "Senior Backend Engineer")
        #expect(Set(result.removed.map(\.kind)) == [.position])
        #expect(Set(result.removed.map(\.path)) == ["work[1].position", "basics.label"])
    }

    @Test func inventedMetricIsRemovedOrReverted() throws {
        let result = try Self.check { resume in
            // A new claim with no source counterpart, and a source highlight with its figure changed.
            resume.work?[0].highlights?.append("Increased revenue by 300% in a single quarter.")
            resume.work?[0].highlights?[1] =
                "Led the migration of the ledger service from a Python monolith to Go microservices, cutting p99 latency by 75%."
        }
        let text = TailoringTesting.allText(result.resume)
        #expect(!text.contains("300%"))
        #expect(!text.contains("75%"))
        #expect(result.resume.work?[0].highlights == (try TailoringTesting.tailored().resume.work?[0].highlights))
        let byPath = Dictionary(uniqueKeysWithValues: result.removed.map { ($0.path, $0) })
        #expect(byPath["work[0].highlights[6]"]?.kind == .number)
        #expect(byPath["work[0].highlights[6]"]?.replacement == nil)
        #expect(byPath["work[0].highlights[1]"]?.kind == .number)
        #expect(byPath["work[0].highlights[1]"]?.replacement == ResumeFixtures.lumenHighlights[1])
        #expect(result.removed.count == 2)
    }

    @Test func figureMovedToAnotherJobIsRemoved() throws {
        let result = try Self.check { resume in
            // Lumen's "40%" claimed for Northwind: every figure exists, but not for that job.
            resume.work?[1].highlights?.append("Cut p99 latency of the tracking API by 40%.")
        }
        let removal = try #require(result.removed.first)
        #expect(result.removed.count == 1)
        #expect(removal.kind == .number)
        #expect(removal.path == "work[1].highlights[4]")
        #expect(removal.reason == "40% is not stated for this entry in the profile")
        #expect(result.resume.work?[1].highlights?.count == 4)
    }

    @Test func inflatedTitleInTheSummaryIsRemoved() throws {
        let result = try Self.check { resume in
            resume.basics?.summary =
                "Staff Engineer and Engineering Manager for payment platforms. "
                + "Senior Backend Engineer with 8 years of experience."
        }
        #expect(result.resume.basics?.summary == "Senior Backend Engineer with 8 years of experience.")
        #expect(result.removed.map(\.kind) == [.position])
        #expect(result.removed.first?.reason.contains("staff engineer") == true)
    }

    @Test func changedDatesAreRestored() throws {
        let result = try Self.check { resume in
            resume.work?[1].endDate = "2023-12"
            resume.work?[1].startDate = "2015-01"
        }
        #expect(result.resume.work?[1].endDate == "2021-02")
        #expect(result.resume.work?[1].startDate == "2017-06")
        #expect(result.removed.map(\.kind) == [.date, .date])
        #expect(result.removed.map(\.replacement) == ["2017-06", "2021-02"])
    }

    @Test func inventedDegreeAndCertificateAreRemoved() throws {
        let result = try Self.check { resume in
            resume.education?.append(
                Resume.Education(
                    institution: "Stanford University", area: "Computer Science", studyType: "PhD", endDate: "2016"))
            resume.education?[0].studyType = "MSc"
            resume.certificates?.append(Resume.Certificate(name: "Certified Kubernetes Administrator", date: "2023"))
        }
        #expect(result.resume.education == ResumeFixtures.profile.education)
        #expect(result.resume.certificates == ResumeFixtures.profile.certificates)
        let kinds = Dictionary(uniqueKeysWithValues: result.removed.map { ($0.path, $0.kind) })
        #expect(kinds == ["education[0]": .education, "education[1]": .education, "certificates[1]": .certificate])
        let upgraded = try #require(result.removed.first { $0.path == "education[0]" })
        #expect(upgraded.replacement == "BSc Computer Science, Technical University of Munich")
    }

    @Test func fabricatedYearsOfExperienceAreRemoved() throws {
        let result = try Self.check { resume in
            resume.basics?.summary =
                "Senior Backend Engineer with 12 years of experience. Backend engineer who likes boring, reliable systems."
            resume.work?[0].highlights?.append("Brings 15+ years of professional experience to every design review.")
        }
        let summary = try #require(result.resume.basics?.summary)
        #expect(!summary.contains("12"))
        #expect(summary.contains("Backend engineer who likes boring, reliable systems."))
        #expect(result.removed.count == 2)
        #expect(result.removed.allSatisfy { $0.kind == .yearsOfExperience })
        #expect(result.removed.first?.reason.contains("the work dates give 8") == true)
        #expect(!(result.resume.work?[0].highlights ?? []).contains { $0.contains("15+") })
    }

    @Test func theComputedYearsAreAllowed() throws {
        let result = try Self.check { resume in
            resume.basics?.summary = "Backend engineer with 8+ years of experience in Go and PostgreSQL."
        }
        #expect(result.removed.isEmpty)
        #expect(result.resume.basics?.summary == "Backend engineer with 8+ years of experience in Go and PostgreSQL.")
    }

    @Test func faithfulRephrasingIsKept() throws {
        let rephrased = [
            "Moved the ledger service off a Python monolith onto Go microservices and cut p99 latency by 40 %.",
            "Processed 10000 events per second through Apache Kafka pipelines.",
            "Partitioned PostgreSQL tables holding 2 bn ledger rows; reconciliation now finishes in under 20 minutes.",
        ]
        let rephrasedNorthwind = "Ran a Django REST API handling 1.2 million requests a day."
        let result = try Self.check { resume in
            resume.work?[0].highlights = rephrased
            resume.work?[1].highlights = [rephrasedNorthwind]
            resume.basics?.summary = "Go and PostgreSQL engineer with 8 years of experience who mentored 4 engineers."
        }
        #expect(result.removed.isEmpty, "\(result.removed)")
        #expect(result.resume.work?[0].highlights == rephrased)
        #expect(result.resume.work?[1].highlights == [rephrasedNorthwind])
    }

    @Test func contactDetailsComeFromTheProfile() throws {
        let result = try Self.check { resume in
            resume.basics?.email = "someone-else@example.com"
            resume.basics?.name = "Dana O."
            resume.basics?.location = Resume.Location(city: "San Francisco", countryCode: "US")
        }
        #expect(result.resume.basics?.email == "dana@example.org")
        #expect(result.resume.basics?.name == "Dana Okafor")
        #expect(result.resume.basics?.location == ResumeFixtures.profile.basics?.location)
        #expect(result.removed.count == 3)
        #expect(result.removed.allSatisfy { $0.kind == .contactDetails })
    }

    @Test func inventedProjectAndLanguageAreRemoved() throws {
        let result = try Self.check { resume in
            resume.projects?.append(Resume.Project(name: "kube-autoscaler", description: "A Go autoscaler."))
            resume.languages?.append(Resume.Language(language: "Japanese", fluency: "Native"))
            resume.languages?[0].fluency = "Native"
        }
        #expect(result.resume.projects?.map(\.name) == ["pgpool-exporter", "recipe-box"])
        #expect(result.resume.languages == ResumeFixtures.profile.languages)
        #expect(result.removed.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.detail, .employer, .entry])
    }

    @Test func reviewRecomputesTheReportOnWhatSurvived() throws {
        let tailor = try TailoringTesting.tailor()
        let requirements = tailor.requirements(jobDescription: ResumeFixtures.backendJob)
        var candidate = try TailoringTesting.tailored().resume
        candidate.skills?[0].keywords?.append("Kubernetes")
        let result = tailor.review(candidate: candidate, profile: ResumeFixtures.profile, requirements: requirements)
        #expect(!result.coverage.matchedAfter.contains("kubernetes"))
        #expect(result.removedClaims.count == 1)
        let response = result.response(llm: .unused(reason: "not asked for"))
        #expect(response.missingRequirements.map(\.skillId) == ["kubernetes", "stream-processing", "rust"])
        #expect(response.removedClaims == result.removedClaims)
        #expect(response.llm.used == false)
    }
}

@Suite("résumé tailoring: text primitives")
struct TailoringTextTests {
    @Test func figuresMeetAcrossSpellings() {
        func keys(_ text: String) -> [NumberKey] { NumberScanner.numbers(in: text).map(\.key) }
        #expect(keys("40 %") == keys("40%"))
        #expect(keys("40 percent") == keys("40%"))
        #expect(keys("$2M") == keys("2 million"))
        #expect(keys("10,000 users") == keys("10000 users"))
        #expect(keys("10k users") == keys("10000 users"))
        #expect(keys("2 bn rows") == keys("2 billion rows"))
        #expect(keys("3x faster") == keys("3× faster"))
        #expect(keys("40%") != keys("40"))
        // Digits inside names are not figures.
        #expect(keys("k8s on EC2 with 3D and 5G").isEmpty)
        let years = NumberScanner.numbers(in: "7+ years of experience")
        #expect(years.first?.isYearsOfExperience == true)
        #expect(years.first?.integerValue == 7)
    }

    @Test func sentencesSplitOnlyAtSentenceEnds() {
        #expect(
            TextMatching.sentences("Built Node.js tools 2.5x faster. Then more!\nNext line")
                == ["Built Node.js tools 2.5x faster.", "Then more!", "Next line"])
    }

    @Test func overlappingJobsCountOnce() {
        let work = [
            Resume.Work(startDate: "2020-01", endDate: "2021-12"),
            Resume.Work(startDate: "2021-01", endDate: "2022-12"),
            Resume.Work(position: "Now", startDate: "2024", endDate: "present"),
        ]
        let history = WorkHistory(work: work, referenceDate: ResumeFixtures.referenceDate)
        // 2020-01…2022-12 is 36 months, 2024-01…2025-06 is 18: 54 months, 4 whole years.
        #expect(history.yearsOfExperience == 4)
        #expect(history.mostRecentPosition == "Now")
    }

    @Test func employerNamesMeetWithoutLegalForm() {
        #expect(ClaimAudit.sameName("Lumen Payments GmbH", "lumen payments"))
        #expect(!ClaimAudit.sameName("Lumen Payments GmbH", "Google"))
    }
}
