import Contracts
import Foundation

/// Realistic résumés for tests, built in code (the test target has no resources).
/// Dates are fixed; use `ProfileFixtures.referenceDate` as "now" so durations
/// of current jobs don't change as the calendar does.
enum ProfileFixtures {
    /// 15 January 2026, 12:00 UTC.
    static let referenceDate = Date(timeIntervalSince1970: 1_768_478_400)

    /// Seven years of Python services on PostgreSQL; AWS only from a certificate,
    /// no Kubernetes, Go or Java.
    static let backendEngineer = Resume(
        basics: Resume.Basics(
            name: "Maya Chen", label: "Senior Backend Engineer", email: "maya.chen@example.com",
            summary: "Backend engineer with seven years building payment and logistics APIs.",
            location: Resume.Location(city: "Seattle", countryCode: "US", region: "WA")),
        work: [
            Resume.Work(
                name: "Northwind Payments", position: "Senior Backend Engineer", startDate: "2021-03",
                summary: "Own the ledger and payouts services in Python and FastAPI, handling 2M transactions a day.",
                highlights: [
                    "Cut p99 latency of the payouts API by 40% by caching hot balance reads in Redis.",
                    "Designed the REST API for merchant onboarding, now used by 3,000 merchants.",
                    "Moved 14 services from Heroku to Docker containers, saving $18k a month.",
                    "Set up CI/CD with GitHub Actions, taking deploys from weekly to 20 a day.",
                ]),
            Resume.Work(
                name: "Brightline Logistics", position: "Software Engineer", startDate: "2018-06",
                endDate: "2021-02",
                highlights: [
                    "Built route-planning services in Python and Django on PostgreSQL, serving 500 depots.",
                    "Rewrote the nightly SQL reporting jobs, cutting runtime from 3 hours to 25 minutes.",
                    "Mentored two junior engineers through their first on-call rotations.",
                ]),
        ],
        education: [
            Resume.Education(
                institution: "University of Washington", area: "Computer Science", studyType: "Bachelor",
                startDate: "2014-09", endDate: "2018-06")
        ],
        certificates: [
            Resume.Certificate(
                name: "AWS Certified Cloud Practitioner", date: "2023-05", issuer: "Amazon Web Services")
        ],
        skills: [
            Resume.SkillGroup(
                name: "Backend", level: "Advanced", keywords: ["Python", "Django", "FastAPI", "PostgreSQL", "Redis"]),
            Resume.SkillGroup(name: "Tooling", keywords: ["Git", "Docker", "GitHub Actions"]),
            Resume.SkillGroup(name: "Ways of working", keywords: ["Problem solving", "Communication", "Mentoring"]),
        ],
        careergini: CareerginiExtension(
            skills: [
                ProfileSkill(
                    id: "python", level: 5, years: 7, lastUsed: "2026-01",
                    evidence: [
                        SkillEvidence(source: "github", text: "42 public repositories, mostly Python", date: "2025-12")
                    ]),
                ProfileSkill(id: "postgresql", level: 4, years: 7),
                ProfileSkill(
                    id: "aws", level: 1,
                    evidence: [SkillEvidence(source: "user", text: "Cloud Practitioner only", date: "2023-05")]),
            ],
            targetRoles: ["backend-engineer"]))

    /// Four years of SQL, Excel and Tableau reporting; some Python; no machine learning yet.
    static let dataAnalyst = Resume(
        basics: Resume.Basics(
            name: "Priya Raman", label: "Data Analyst", email: "priya.raman@example.com",
            summary: "Data analyst moving into data science.",
            location: Resume.Location(city: "Manchester", countryCode: "GB")),
        work: [
            Resume.Work(
                name: "Fernwood Retail", position: "Data Analyst", startDate: "2021-09",
                highlights: [
                    "Built Tableau dashboards tracking weekly sales for 120 stores, used by regional leadership.",
                    "Wrote SQL against a 2 TB Snowflake warehouse, cutting month-end reporting from 4 days to 1.",
                    "Ran A/B testing on email campaigns that lifted repeat purchases by 6%.",
                ]),
            Resume.Work(
                name: "Cobalt Insurance", position: "Junior Data Analyst", startDate: "2020-01",
                endDate: "2021-08",
                highlights: [
                    "Automated 30 weekly Excel reports with Python scripts, saving the team 10 hours a week."
                ]),
        ],
        education: [
            Resume.Education(
                institution: "University of Leeds", area: "Economics", studyType: "Bachelor", startDate: "2016-09",
                endDate: "2019-07", courses: ["Econometrics", "Statistics II"])
        ],
        skills: [
            Resume.SkillGroup(
                name: "Analysis", level: "Advanced",
                keywords: ["SQL", "Excel", "Tableau", "Statistics", "Data Analysis", "Data Visualization"]),
            Resume.SkillGroup(name: "Programming", level: "Intermediate", keywords: ["Python"]),
            Resume.SkillGroup(name: "Working with people", keywords: ["Communication", "Storytelling"]),
        ],
        projects: [
            Resume.Project(
                name: "Store footfall forecast",
                description: "Weekly footfall forecast for 40 stores from public holiday and weather data.",
                highlights: ["Explored the data in Jupyter notebooks and presented the results to the COO."],
                keywords: ["Jupyter"], startDate: "2025-02", endDate: "2025-05")
        ],
        careergini: CareerginiExtension(targetRoles: ["data-scientist"]))

    /// A year and a half of React landing pages after an internship; no TypeScript yet.
    static let juniorFrontend = Resume(
        basics: Resume.Basics(
            name: "Leo Martins", label: "Junior Frontend Developer", email: "leo.martins@example.com",
            location: Resume.Location(city: "Lisbon", countryCode: "PT")),
        work: [
            Resume.Work(
                name: "Pixelcraft Studio", position: "Junior Frontend Developer", startDate: "2024-07",
                highlights: [
                    "Built 12 landing pages in React and Tailwind, lifting mobile conversion by 9%.",
                    "Fixed accessibility issues flagged by Lighthouse, raising audit scores from 62 to 95.",
                ]),
            Resume.Work(
                name: "Hopscotch Labs", position: "Frontend Intern", startDate: "2023-06", endDate: "2023-09",
                highlights: ["Turned Figma mock-ups into HTML and CSS email templates for 8 campaigns."]),
        ],
        skills: [
            Resume.SkillGroup(name: "Web", keywords: ["HTML", "CSS", "JavaScript", "React", "Tailwind"]),
            Resume.SkillGroup(name: "Tools", keywords: ["Git", "Figma"]),
        ],
        careergini: CareerginiExtension(
            skills: [ProfileSkill(id: "javascript", level: 2), ProfileSkill(id: "react", level: 2)],
            targetRoles: ["frontend-engineer"]))
}
