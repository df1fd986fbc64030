import Contracts
import Foundation

/// A realistic backend engineer's profile and two job descriptions that pull
/// it in different directions, for the tailoring and claim-check tests.
enum ResumeFixtures {
    /// "Now" for every test: the current job then spans 2021-03…2025-06 and the
    /// previous one 2017-06…2021-02, 52 + 45 = 97 months, so 8 whole years.
    static let referenceDate: Date = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.date(from: DateComponents(year: 2025, month: 6, day: 15)) ?? Date(timeIntervalSince1970: 0)
    }()

    static let yearsOfExperience = 8

    static let lumenHighlights = [
        "Introduced on-call runbooks and blameless postmortems for a team of 8 engineers.",
        "Led the migration of the ledger service from a Python monolith to Go microservices, cutting p99 latency by 40%.",
        "Designed PostgreSQL table partitioning for 2 billion ledger rows, keeping nightly reconciliation under 20 minutes.",
        "Mentored 4 engineers through their first production launches.",
        "Built event pipelines on Apache Kafka processing 10,000 events per second.",
        "Wrote the internal style guide for code reviews.",
    ]

    static let northwindHighlights = [
        "Maintained a Django REST API serving 1.2M requests per day.",
        "Containerised 12 services with Docker and moved CI to GitHub Actions.",
        "Reduced AWS spend by $150k per year by right-sizing EC2 instances.",
        "Wrote the shipment-tracking web app in React and TypeScript.",
    ]

    static let profile = Resume(
        basics: Resume.Basics(
            name: "Dana Okafor", label: "Senior Backend Engineer", email: "dana@example.org", phone: "+49 30 1234567",
            url: "https://dana.example.org",
            summary: "Backend engineer who likes boring, reliable systems. Over 7 years building backend services.",
            location: Resume.Location(city: "Berlin", countryCode: "DE"),
            profiles: [Resume.Profile(network: "GitHub", username: "danao", url: "https://github.com/danao")]),
        work: [
            Resume.Work(
                name: "Lumen Payments GmbH", location: "Berlin", position: "Senior Backend Engineer",
                url: "https://lumen.example.com", startDate: "2021-03",
                summary: "Backend for a card-payments ledger.", highlights: lumenHighlights),
            Resume.Work(
                name: "Northwind Logistics", location: "Hamburg", position: "Software Engineer", startDate: "2017-06",
                endDate: "2021-02", highlights: northwindHighlights),
        ],
        education: [
            Resume.Education(
                institution: "Technical University of Munich", area: "Computer Science", studyType: "BSc",
                startDate: "2013-10", endDate: "2017-05")
        ],
        certificates: [
            Resume.Certificate(
                name: "AWS Certified Developer – Associate", date: "2020-04", issuer: "Amazon Web Services")
        ],
        skills: [
            Resume.SkillGroup(name: "Languages", keywords: ["Go", "Python", "TypeScript", "SQL"]),
            Resume.SkillGroup(name: "Data", keywords: ["PostgreSQL", "Redis", "Apache Kafka"]),
            Resume.SkillGroup(name: "Infrastructure", keywords: ["AWS", "GitHub Actions", "Docker", "Terraform"]),
        ],
        languages: [
            Resume.Language(language: "English", fluency: "Fluent"),
            Resume.Language(language: "German", fluency: "Professional working proficiency"),
        ],
        projects: [
            Resume.Project(
                name: "recipe-box", description: "A small React app for saving family recipes.",
                keywords: ["React", "TypeScript"], url: "https://github.com/danao/recipe-box"),
            Resume.Project(
                name: "pgpool-exporter", description: "Prometheus exporter for PgBouncer pool metrics, written in Go.",
                keywords: ["Go", "Prometheus"], url: "https://github.com/danao/pgpool-exporter"),
        ],
        careergini: CareerginiExtension(
            skills: [
                ProfileSkill(id: "go", level: 4, years: 4),
                ProfileSkill(id: "postgresql", level: 4),
                ProfileSkill(id: "grpc", level: 3, evidence: [SkillEvidence(source: "user")]),
            ],
            targetRoles: ["backend-engineer"]))

    /// Go and Kubernetes platform work: Kubernetes is asked for and never held.
    static let backendJob = """
        Senior Backend Engineer (Platform)

        About us
        We are a fintech start-up in Berlin.

        What you'll do
        - Build and run Go services on Kubernetes.
        - Own PostgreSQL schemas and data migrations.
        - Take part in the on-call rotation.

        Requirements
        - 5+ years of backend experience with Go
        - Strong SQL skills
        - Experience with Docker and gRPC

        Nice to have
        - Apache Kafka or other event streaming
        - Terraform
        - Experience with Rust is a plus
        """

    /// Dashboard work: pulls the React side of the same profile forward.
    static let fullStackJob = """
        Full-Stack Engineer

        Requirements:
        - Experience with React and TypeScript for our customer dashboard
        - Building gRPC services and REST APIs
        Nice to have: GraphQL, Redis
        """
}
