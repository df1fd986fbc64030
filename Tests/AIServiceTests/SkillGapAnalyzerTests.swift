import Contracts
import Foundation
import HTTPTypes
import SkillMatching
import Taxonomy
import Testing

@testable import AIService

/// The taxonomy and analyzer every skill-gap test shares.
enum SkillGapTesting {
    static let taxonomy = Result { try Taxonomy.bundled() }

    static func analyzer() throws -> SkillGapAnalyzer { SkillGapAnalyzer(taxonomy: try taxonomy.get()) }

    static func analyze(_ request: SkillAnalysisRequest, profile: Resume? = nil) throws -> SkillAnalysisResponse {
        try analyzer().analyze(request, profile: profile, referenceDate: ProfileFixtures.referenceDate)
    }

    /// The text a span points at, read back by its UTF-16 offsets.
    static func text(of span: TextSpan, in field: String) -> String? {
        let utf16 = field.utf16
        guard let start = utf16.index(utf16.startIndex, offsetBy: span.start, limitedBy: utf16.endIndex),
            let end = utf16.index(start, offsetBy: span.length, limitedBy: utf16.endIndex)
        else { return nil }
        return String(utf16[start..<end])
    }
}

@Suite("skill gap: profiles against roles")
struct SkillGapRoleTests {
    @Test("a backend engineer against the backend role: exact lists, levels and score")
    func backendEngineer() throws {
        let result = try SkillGapTesting.analyze(
            SkillAnalysisRequest(roleId: "backend-engineer"), profile: ProfileFixtures.backendEngineer)

        #expect(result.target.kind == .role)
        #expect(result.target.roleId == "backend-engineer")
        #expect(result.target.level == 3)
        #expect(
            result.matched.map(\.skillId) == [
                "python", "sql", "rest-api-design", "git", "postgresql", "problem-solving", "docker", "redis", "aws",
                "ci-cd", "communication",
            ])
        #expect(result.matched.allSatisfy { $0.match == .exact })
        #expect(result.missingRequired.isEmpty)
        #expect(
            result.missingPreferred.map(\.skillId) == ["kubernetes", "microservices", "system-design", "go", "java"])
        // Docker is Kubernetes's close relative: half credit.
        #expect(result.missingPreferred.first?.relatedHeld == "docker")
        #expect(result.missingPreferred.map(\.credit) == [0.5, 0, 0, 0, 0])
        #expect(result.levelGaps == [LevelGap(skillId: "aws", name: "AWS", importance: .preferred, have: 1, need: 2)])

        // Levels: stated (python 5), group word "Advanced" (redis 4), years of the
        // jobs naming it (sql: Brightline 2018-06…2021-02 = 2.8 years → 3), unknown (git).
        let levels = Dictionary(uniqueKeysWithValues: result.matched.map { ($0.skillId, $0.level) })
        #expect(levels["python"] == 5)
        #expect(levels["redis"] == 4)
        #expect(levels["sql"] == 3)
        #expect(levels["git"] == .some(nil))
        #expect(result.matched.first { $0.skillId == "sql" }?.years == 2.8)

        // required 6/6, preferred (5 + 0.5)/10, level fit (7 × 1 + 0.5)/8 over the
        // eight matches with both levels known: 100 × (0.7 + 0.11 + 0.09375) = 90.
        #expect(result.score.requiredCoverage == 1)
        #expect(result.score.preferredCoverage == 0.55)
        #expect(result.score.levelFit == 0.9375)
        #expect(result.score.value == 90)
        #expect(result.score.uncapped == 90)
        #expect(result.score.cap == nil)
        #expect(result.score.weights == MatchScore.Weights(required: 0.7, preferred: 0.2, level: 0.1))
        #expect(result.llm.used == false)
        #expect(result.narrative == nil)
    }

    @Test("evidence spans point at the words in the résumé field they name")
    func evidenceSpans() throws {
        let resume = ProfileFixtures.backendEngineer
        let result = try SkillGapTesting.analyze(SkillAnalysisRequest(roleId: "backend-engineer"), profile: resume)
        let redis = try #require(result.matched.first { $0.skillId == "redis" })
        let highlight = try #require(resume.work?[0].highlights?[0])
        let span = try #require(redis.spans.first { $0.pointer == "/profile/work/0/highlights/0" })
        #expect(SkillGapTesting.text(of: span, in: highlight) == "Redis")
        #expect(redis.evidence.contains(SkillEvidence(source: "resume", text: highlight, date: "2021-03")))

        let python = try #require(result.matched.first { $0.skillId == "python" })
        #expect(python.lastUsed == "2026-01")
        #expect(python.evidence.first?.source == "github")
    }

    @Test("a missing must-have caps the score at min(69, 90 × required coverage)")
    func mustHaveCap() throws {
        let role = try #require(try SkillGapTesting.taxonomy.get().role("backend-engineer"))
        func request(without missing: Set<String>) -> SkillAnalysisRequest {
            let skills = (role.required + role.preferred).filter { !missing.contains($0) }
            return SkillAnalysisRequest(skills: skills.map { SkillInput(name: $0, level: 5) }, roleId: role.id)
        }

        let complete = try SkillGapTesting.analyze(request(without: []))
        #expect(complete.score.value == 100)
        #expect(complete.score.cap == nil)

        // 5/6 required: 100 × (0.7 × 5/6 + 0.2 + 0.1) = 88, capped at min(69, 75) = 69.
        let oneMissing = try SkillGapTesting.analyze(request(without: ["problem-solving"]))
        #expect(oneMissing.missingRequired.map(\.skillId) == ["problem-solving"])
        #expect(oneMissing.score.uncapped == 88)
        #expect(oneMissing.score.value == 69)
        #expect(oneMissing.score.cap?.limit == 69)
        #expect(oneMissing.score.cap?.applied == true)

        // 4/6 required: 77 uncapped, capped at min(69, 90 × 4/6 = 60) = 60. (Not
        // Git or SQL: CI/CD and PostgreSQL, which build on them, imply them.)
        let twoMissing = try SkillGapTesting.analyze(request(without: ["problem-solving", "python"]))
        #expect(twoMissing.score.uncapped == 77)
        #expect(twoMissing.score.value == 60)
        #expect(twoMissing.score.cap?.limit == 60)

        // Only preferred skills missing: no cap.
        let preferredMissing = try SkillGapTesting.analyze(request(without: ["go", "java"]))
        #expect(preferredMissing.score.cap == nil)
        #expect(preferredMissing.score.value == 96)
    }

    @Test("a close relative earns half credit and halves the learning time; a held skill implies its prerequisites")
    func relatedAndImplied() throws {
        let junior = try SkillGapTesting.analyze(
            SkillAnalysisRequest(roleId: "frontend-engineer"), profile: ProfileFixtures.juniorFrontend)
        let typescript = try #require(junior.missingRequired.first)
        #expect(junior.missingRequired.count == 1)
        #expect(typescript.skillId == "typescript")
        #expect(typescript.relatedHeld == "javascript")
        #expect(typescript.credit == 0.5)
        // 5.5 of 6 required: capped at min(69, ⌊90 × 0.9167⌋ = 82) = 69.
        #expect(junior.score.requiredCoverage == 0.9167)
        #expect(junior.score.value == 69)
        let step = try #require(junior.nextSteps.first)
        #expect(step.skillId == "typescript")
        #expect(step.estimatedHours == 40)  // language, level 3: 80 h, halved
        #expect(step.reason.contains("JavaScript"))

        // Kubernetes builds on Docker and Linux: both count as held.
        let devops = try SkillGapTesting.analyze(
            SkillAnalysisRequest(skills: [SkillInput(name: "k8s")], roleId: "devops-engineer"))
        let docker = try #require(devops.matched.first { $0.skillId == "docker" })
        #expect(docker.match == .implied)
        #expect(docker.via == "kubernetes")
        #expect(docker.level == nil)
        #expect(devops.matched.map(\.skillId) == ["linux", "docker", "kubernetes"])
    }

    @Test("an analyst moving to data science: the missing prerequisite comes first, marked as one")
    func prerequisitePulledIn() throws {
        let result = try SkillGapTesting.analyze(
            SkillAnalysisRequest(roleId: "data-scientist"), profile: ProfileFixtures.dataAnalyst)
        #expect(result.missingRequired.map(\.skillId) == ["machine-learning", "pandas"])
        #expect(
            result.nextSteps.map(\.skillId) == [
                "linear-algebra", "machine-learning", "pandas", "scikit-learn", "calculus", "deep-learning",
            ])
        let first = try #require(result.nextSteps.first)
        #expect(first.importance == .prerequisite)
        #expect(first.unlocks == ["machine-learning", "deep-learning"])
        #expect(result.nextSteps[1].prerequisites == ["linear-algebra"])
        #expect(result.nextSteps.map(\.order) == Array(1...result.nextSteps.count))
    }
}

@Suite("skill gap: learning plan on every role")
struct SkillGapPlanTests {
    @Test("with an empty profile, every role's plan puts prerequisites first and required before preferred")
    func everyRole() throws {
        let taxonomy = try SkillGapTesting.taxonomy.get()
        let analyzer = SkillGapAnalyzer(taxonomy: taxonomy)
        for roleId in taxonomy.roles.keys.sorted() {
            let role = try #require(taxonomy.role(roleId))
            let result = try analyzer.analyze(
                SkillAnalysisRequest(roleId: roleId), profile: Resume(), referenceDate: ProfileFixtures.referenceDate)
            let steps = result.nextSteps
            let position = Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($1.skillId, $0) })
            #expect(position.count == steps.count, "\(roleId): a skill appears twice")
            #expect(result.matched.isEmpty)
            #expect(result.score.value == 0)

            for (index, step) in steps.enumerated() {
                #expect(step.order == index + 1)
                #expect(
                    step.prerequisites == taxonomy.prerequisiteChain(of: step.skillId), "\(roleId): \(step.skillId)")
                for prerequisite in taxonomy.prerequisiteChain(of: step.skillId) {
                    let before = position[prerequisite].map { $0 < index } ?? false
                    #expect(before, "\(roleId): \(prerequisite) is not before \(step.skillId)")
                }
                #expect(step.action == .learn)
                #expect(step.estimatedHours >= 1)
            }
            for id in role.required + role.preferred {
                #expect(position[id] != nil, "\(roleId): \(id) has no step")
            }
            // A preferred skill comes before a required one only as its prerequisite.
            let lastRequired = steps.lastIndex { $0.importance == .required } ?? -1
            for step in steps[..<(lastRequired + 1)] where step.importance != .required {
                let unlocksRequired = step.unlocks.contains { role.required.contains($0) }
                #expect(unlocksRequired, "\(roleId): \(step.skillId) is early without a reason")
            }
            for step in steps where step.importance == .prerequisite {
                #expect(!role.required.contains(step.skillId) && !role.preferred.contains(step.skillId))
                #expect(!step.unlocks.isEmpty)
            }
        }
    }

    @Test("hours follow the table: category, level, and what is held")
    func hours() throws {
        // Category base to level 3, scaled 0.25 / 0.5 / 1 / 2 / 3.5.
        #expect(LearningEstimates.hours(category: "language", from: nil, to: 3) == 80)
        #expect(LearningEstimates.hours(category: "framework", from: nil, to: 3) == 40)
        #expect(LearningEstimates.hours(category: "tool", from: nil, to: 3) == 15)
        #expect(LearningEstimates.hours(category: "soft", from: nil, to: 3) == 20)
        #expect(LearningEstimates.hours(category: "language", from: nil, to: 5) == 280)
        #expect(LearningEstimates.hours(category: "language", from: 3, to: 4) == 80)
        #expect(LearningEstimates.hours(category: "devops", from: nil, to: 2, closeRelativeHeld: true) == 8)
        #expect(LearningEstimates.hours(category: "unheard-of", from: nil, to: 3) == 30)
        #expect(LearningEstimates.hours(category: "tool", from: 4, to: 3) == 1)

        let result = try SkillGapTesting.analyze(SkillAnalysisRequest(roleId: "frontend-engineer"), profile: Resume())
        let hours = Dictionary(uniqueKeysWithValues: result.nextSteps.map { ($0.skillId, $0.estimatedHours) })
        #expect(hours["javascript"] == 80)  // language, required at the role's level 3
        #expect(hours["react"] == 30)  // frontend
        #expect(hours["git"] == 15)  // tool
        #expect(hours["jest"] == 10)  // testing, preferred: level 2 = half of 20
        // The junior has JavaScript at level 2: a level-up to 3 costs 80 × (1 − 0.5).
        let junior = try SkillGapTesting.analyze(
            SkillAnalysisRequest(roleId: "frontend-engineer"), profile: ProfileFixtures.juniorFrontend)
        let levelUp = try #require(junior.nextSteps.first { $0.skillId == "javascript" })
        #expect(levelUp.action == .levelUp)
        #expect(levelUp.fromLevel == 2)
        #expect(levelUp.toLevel == 3)
        #expect(levelUp.estimatedHours == 40)
        // Level-ups come after every skill still to learn.
        let firstLevelUp = try #require(junior.nextSteps.firstIndex { $0.action == .levelUp })
        #expect(junior.nextSteps[firstLevelUp...].allSatisfy { $0.action == .levelUp })
    }
}

@Suite("skill gap: job descriptions")
struct SkillGapJobDescriptionTests {
    static let posting = """
        Senior Backend Engineer

        About us
        Fernhill builds card-issuing software; every year we run a Kubernetes hackathon.

        What you'll do:
        - Design and run the services behind our platform.

        Requirements
        - 5+ years of experience with Python or Go in production.
        - Strong SQL and PostgreSQL skills.
        - You have shipped REST APIs used by external customers.
        - Experience with Docker, and ideally Kubernetes.

        Nice to have
        - Experience with Terraform.
        - Kafka; AWS experience is required.
        - Familiarity with GraphQL is a plus.

        Benefits
        - A learning budget, for React courses or anything else.
        """

    @Test("sections, sentence cues, alternatives and ignored sections decide required vs preferred")
    func importance() throws {
        let result = try SkillGapTesting.analyze(SkillAnalysisRequest(jobDescription: Self.posting))
        let target = result.target
        #expect(target.kind == .jobDescription)
        #expect(target.roleId == "backend-engineer")
        #expect(target.level == 4)
        let required = target.requirements.filter { $0.importance == .required }.map(\.skillId)
        let preferred = target.requirements.filter { $0.importance == .preferred }.map(\.skillId)
        #expect(required == ["python", "sql", "postgresql", "rest-api-design", "docker", "aws"])
        #expect(preferred == ["go", "kubernetes", "terraform", "kafka", "graphql"])
        // "About us" and "Benefits" describe the employer, not the job.
        #expect(!target.requirements.contains { $0.skillId == "react" })

        for requirement in target.requirements {
            for span in requirement.spans {
                #expect(span.pointer == "/jobDescription")
                #expect(SkillGapTesting.text(of: span, in: Self.posting) == span.text)
            }
        }
        #expect(target.requirements.first?.spans.first?.text == "Python")
    }

    @Test("levels: \"5+ years\" gives 4, the posting's seniority the rest, a level less for preferred")
    func levels() throws {
        let result = try SkillGapTesting.analyze(SkillAnalysisRequest(jobDescription: Self.posting))
        let levels = Dictionary(uniqueKeysWithValues: result.target.requirements.map { ($0.skillId, $0.level) })
        #expect(levels["python"] == 4)
        #expect(levels["go"] == 4)  // its clause says 5+ years
        #expect(levels["sql"] == 4)  // "Senior" in the first line
        #expect(levels["kubernetes"] == 3)  // preferred: a level less
        #expect(levels["aws"] == 4)

        let plain = JobDescriptionRequirements.extract(
            from: "We need SQL and 2-3 years of Rust. Docker is a plus.", taxonomy: try SkillGapTesting.taxonomy.get())
        #expect(plain.level == nil)
        #expect(plain.requirements.map(\.skillId) == ["sql", "rust", "docker"])
        #expect(plain.requirements.map(\.level) == [3, 3, nil])
        #expect(plain.requirements.map(\.importance) == [.required, .required, .preferred])
    }

    @Test("Markdown headings, list-wide cues and an explicit must-have in a preferred section")
    func markdownPosting() throws {
        let posting = """
            # Data Engineer
            ## Minimum qualifications
            * 3+ years with SQL and Airflow
            * Python, Spark and dbt are a plus
            ## Preferred qualifications
            * Kafka
            * Snowflake experience is mandatory
            **Bonus:** Terraform, preferably with AWS
            """
        let result = try SkillGapTesting.analyze(SkillAnalysisRequest(jobDescription: posting))
        #expect(result.target.roleId == "data-engineer")
        #expect(result.target.level == nil)
        let requirements = result.target.requirements
        #expect(requirements.filter { $0.importance == .required }.map(\.skillId) == ["sql", "airflow", "snowflake"])
        #expect(
            requirements.filter { $0.importance == .preferred }.map(\.skillId) == [
                "python", "apache-spark", "dbt", "kafka", "terraform", "aws",
            ])
        #expect(requirements.map(\.level) == [3, 3, nil, nil, nil, nil, nil, nil, nil])
    }

    @Test("a level gap from \"5+ years\" becomes a level-up step")
    func levelGapFromYears() throws {
        let result = try SkillGapTesting.analyze(
            SkillAnalysisRequest(
                skills: [SkillInput(name: "Python", level: 3), SkillInput(name: "Go", level: 5)],
                jobDescription: "Backend Developer\nRequirements: 5+ years of Python, and Go."))
        #expect(
            result.levelGaps == [LevelGap(skillId: "python", name: "Python", importance: .required, have: 3, need: 4)])
        #expect(result.missingRequired.isEmpty)
        let step = try #require(result.nextSteps.first)
        #expect(result.nextSteps.count == 1)
        #expect(step.action == .levelUp)
        #expect(step.estimatedHours == 80)  // language: 80 × (2 − 1)
        // Go's clause states no years, so the sentence's apply (need 4, have 5):
        // level fit (min(1, 3/4) + 1) / 2.
        #expect(result.target.requirements.map(\.level) == [4, 4])
        #expect(result.score.levelFit == 0.875)
    }

    @Test("experience years without a skill set the posting's level")
    func generalExperience() throws {
        let result = try SkillGapTesting.analyze(
            SkillAnalysisRequest(
                jobDescription: "We want 7+ years of experience shipping software.\nYou know Java; Kotlin is a bonus."
            ))
        #expect(result.target.level == 5)
        #expect(result.target.requirements.map(\.level) == [5, 4])
        #expect(result.target.roleId == nil)
    }
}

@Suite("skill gap: input and targets")
struct SkillGapInputTests {
    @Test("an explicit list accepts aliases and reports what it doesn't know")
    func explicitList() throws {
        let result = try SkillGapTesting.analyze(
            SkillAnalysisRequest(
                skills: [
                    SkillInput(name: "JS", level: 4), SkillInput(name: "k8s"), SkillInput(name: "Postgres"),
                    SkillInput(name: "underwater basket weaving"),
                ],
                roleId: "full-stack-engineer"))
        #expect(result.matched.map(\.skillId) == ["javascript", "sql", "postgresql", "docker"])
        #expect(result.matched.map(\.match) == [.exact, .implied, .exact, .implied])
        #expect(result.matched.map(\.via) == [nil, "postgresql", nil, "kubernetes"])
        let javascript = try #require(result.matched.first)
        #expect(javascript.level == 4)
        #expect(javascript.spans == [TextSpan(pointer: "/skills/0/name", text: "JS", start: 0, length: 2)])
        #expect(javascript.evidence == [SkillEvidence(source: "user", text: "JS")])
        #expect(result.matched.last?.match == .implied)
        #expect(result.unrecognizedSkills == ["underwater basket weaving"])
    }

    @Test("an explicit level replaces the résumé's")
    func explicitOverridesResume() throws {
        let result = try SkillGapTesting.analyze(
            SkillAnalysisRequest(skills: [SkillInput(name: "aws", level: 3)], roleId: "backend-engineer"),
            profile: ProfileFixtures.backendEngineer)
        #expect(result.matched.first { $0.skillId == "aws" }?.level == 3)
        #expect(result.levelGaps.isEmpty)
    }

    @Test("the request's own profile is read when none is passed")
    func requestProfile() throws {
        let result = try SkillGapTesting.analyze(
            SkillAnalysisRequest(profile: ProfileFixtures.backendEngineer, roleId: "backend-engineer"))
        #expect(result.score.value == 90)
    }

    @Test(
        "job titles resolve to the closest role, with the title's seniority",
        arguments: [
            ("Senior Backend Engineer", "backend-engineer", 4), ("backend developer", "backend-engineer", 3),
            ("Sr. Back-End Developer", "backend-engineer", 4), ("Staff Engineer", "staff-engineer", 5),
            ("Junior Front End Developer", "frontend-engineer", 2), ("Lead Data Scientist", "data-scientist", 4),
            ("Senior Software Engineer, Backend", "backend-engineer", 4), ("SRE", "site-reliability-engineer", 4),
            ("Python Backend Developer", "backend-engineer", 3), ("Principal Data Engineer", "data-engineer", 5),
        ])
    func titles(_ title: String, _ roleId: String, _ level: Int) throws {
        let result = try SkillGapTesting.analyze(SkillAnalysisRequest(title: title))
        #expect(result.target.kind == .title)
        #expect(result.target.roleId == roleId)
        #expect(result.target.level == level)
        let role = try #require(try SkillGapTesting.taxonomy.get().role(roleId))
        #expect(result.target.requirements.filter { $0.importance == .required }.map(\.skillId) == role.required)
        #expect(result.target.requirements.filter { $0.importance == .required }.allSatisfy { $0.level == level })
    }

    @Test("errors name the field and map to 400 or 422")
    func errors() throws {
        let unknownRole = try #require(throws: SkillAnalysisError.self) {
            _ = try SkillGapTesting.analyze(SkillAnalysisRequest(roleId: "astronaut"))
        }
        #expect(unknownRole.code == .unknownRole)
        #expect(unknownRole.pointer == "/roleId")
        #expect(unknownRole.status == .unprocessableContent)

        for title in ["Underwater Basket Weaver", "Engineer", "Manager", "   "] {
            let error = try #require(throws: SkillAnalysisError.self) {
                _ = try SkillGapTesting.analyze(SkillAnalysisRequest(title: title, jobDescription: nil))
            }
            #expect(
                error.code == (title.trimmingCharacters(in: .whitespaces).isEmpty ? .missingTarget : .unmatchedTitle))
        }

        let noSkills = try #require(throws: SkillAnalysisError.self) {
            _ = try SkillGapTesting.analyze(
                SkillAnalysisRequest(jobDescription: "We are a friendly team.\nGreat coffee, flexible hours."))
        }
        #expect(noSkills.code == .noRecognizedSkills)
        #expect(noSkills.pointer == "/jobDescription")
        #expect(noSkills.status == .unprocessableContent)

        let none = try #require(throws: SkillAnalysisError.self) {
            _ = try SkillGapTesting.analyze(SkillAnalysisRequest())
        }
        #expect(none.code == .missingTarget)
        #expect(none.status == .badRequest)

        let both = try #require(throws: SkillAnalysisError.self) {
            _ = try SkillGapTesting.analyze(SkillAnalysisRequest(roleId: "backend-engineer", title: "Backend Engineer"))
        }
        #expect(both.code == .conflictingTargets)

        let badLevel = try #require(throws: SkillAnalysisError.self) {
            _ = try SkillGapTesting.analyze(
                SkillAnalysisRequest(
                    skills: [SkillInput(name: "Go", level: 3), SkillInput(name: "Rust", level: 7)],
                    roleId: "backend-engineer"))
        }
        #expect(badLevel.code == .invalidSkillLevel)
        #expect(badLevel.pointer == "/skills/1/level")
    }

    @Test("the same input gives the same output, byte for byte")
    func deterministic() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let requests = [
            (SkillAnalysisRequest(roleId: "data-scientist"), ProfileFixtures.dataAnalyst),
            (SkillAnalysisRequest(title: "Senior Frontend Developer"), ProfileFixtures.juniorFrontend),
            (
                SkillAnalysisRequest(jobDescription: SkillGapJobDescriptionTests.posting),
                ProfileFixtures.backendEngineer
            ),
        ]
        for (request, profile) in requests {
            let first = try SkillGapTesting.analyze(request, profile: profile)
            let second = try SkillGapTesting.analyze(request, profile: profile)
            #expect(first == second)
            #expect(try encoder.encode(first) == encoder.encode(second))
        }
    }

    @Test("the wire format: camelCase JSON in, camelCase JSON out")
    func wireFormat() throws {
        let body = Data(
            #"{"skills": [{"name": "JS", "level": 2}, {"name": "React"}], "title": "Frontend Developer", "useModel": false}"#
                .utf8)
        let request = try JSONDecoder().decode(SkillAnalysisRequest.self, from: body)
        #expect(request.useModel == false)
        let result = try SkillGapTesting.analyze(request)
        let json = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
        for key in [
            "target", "matched", "missingRequired", "missingPreferred", "levelGaps", "score", "nextSteps", "llm",
        ] {
            #expect(json[key] != nil, "no \(key)")
        }
        #expect(json["narrative"] == nil)
        let llm = try #require(json["llm"] as? [String: Any])
        #expect(llm["used"] as? Bool == false)
        let score = try #require(json["score"] as? [String: Any])
        #expect(score["requiredCoverage"] != nil)
        let decoded = try JSONDecoder().decode(SkillAnalysisResponse.self, from: JSONEncoder().encode(result))
        #expect(decoded == result)
    }
}
