import Contracts
import Foundation
import Testing

@testable import JobService

/// A labelled set of 32 postings and what a person would expect at the top
/// for each query: full-text search weighs titles over skills over descriptions.
@Suite struct SearchRelevanceTests {
    private struct Labelled {
        var id: String
        var label: String
        var title: String
        var skills: [String]
        var description: String
    }

    private static let set: [Labelled] = [
        .init(
            id: "ios-1", label: "ios", title: "iOS Engineer", skills: ["swift", "ios", "swiftui"],
            description: "Build our iPhone app in Swift and SwiftUI."),
        .init(
            id: "ios-2", label: "ios", title: "Senior iOS Developer", skills: ["swift", "ios", "uikit"],
            description: "Own the architecture of the app, written in Swift."),
        .init(
            id: "ios-3", label: "ios", title: "iOS Engineer (Swift)", skills: ["swift", "ios"],
            description: "Ship features every week."),
        .init(
            id: "ios-4", label: "ios", title: "Mobile Engineer, iOS", skills: ["swift", "ios", "xcode"],
            description: "Profile and speed up a large app."),
        .init(
            id: "ios-5", label: "ios", title: "Swift Developer", skills: ["swift", "ios"],
            description: "Ship features to our iOS and iPadOS apps."),
        .init(
            id: "ios-6", label: "ios", title: "Lead iOS Engineer", skills: ["swift", "ios", "objective-c"],
            description: "Lead a team of five."),
        .init(
            id: "android-1", label: "android", title: "Android Engineer", skills: ["kotlin", "android"],
            description: "Work alongside our iOS team, who write Swift, to keep both apps in step."),
        .init(
            id: "android-2", label: "android", title: "Android Developer", skills: ["kotlin", "android"],
            description: "Jetpack Compose all day."),
        .init(
            id: "qa-1", label: "qa", title: "Mobile QA Engineer", skills: [],
            description: "Test iOS and Android apps; some Swift scripting helps."),
        .init(
            id: "data-1", label: "data", title: "Data Engineer", skills: ["python", "sql", "apache-spark"],
            description: "Build data pipelines in Python."),
        .init(
            id: "data-2", label: "data", title: "Senior Data Scientist",
            skills: ["python", "pandas", "machine-learning"],
            description: "Model customer data with Python and pandas."),
        .init(
            id: "data-3", label: "data", title: "Data Analyst", skills: ["sql", "python", "tableau"],
            description: "Turn data into dashboards."),
        .init(
            id: "data-4", label: "data", title: "Analytics Data Engineer", skills: ["python", "airflow", "sql"],
            description: "Own the warehouse."),
        .init(
            id: "ml-1", label: "ml", title: "Machine Learning Engineer",
            skills: ["python", "pytorch", "machine-learning"], description: "Train models on large data sets."),
        .init(
            id: "backend-py", label: "backend", title: "Python Backend Developer", skills: ["python", "postgresql"],
            description: "Write APIs that store customer data in PostgreSQL."),
        .init(
            id: "frontend-1", label: "frontend", title: "Frontend Engineer", skills: ["react", "typescript"],
            description: "Build the web app."),
        .init(
            id: "frontend-2", label: "frontend", title: "Senior Frontend Developer", skills: ["react", "typescript"],
            description: "Design system owner."),
        .init(
            id: "design-1", label: "design", title: "Product Designer", skills: ["figma"],
            description: "Design flows and prototypes."),
        .init(
            id: "design-2", label: "design", title: "UX Researcher", skills: [],
            description: "Interview customers and run usability studies."),
        .init(
            id: "backend-go", label: "backend", title: "Backend Engineer (Go)",
            skills: ["go", "postgresql", "kubernetes"], description: "Services in Go."),
        .init(
            id: "sre-1", label: "platform", title: "Site Reliability Engineer",
            skills: ["kubernetes", "terraform", "aws"], description: "Keep production healthy."),
        .init(
            id: "support-1", label: "support", title: "Cloud Support Specialist", skills: [],
            description:
                "We support customers running Kubernetes. Kubernetes upgrades, Kubernetes networking, "
                + "Kubernetes storage and Kubernetes security questions arrive daily."),
        .init(
            id: "platform-1", label: "platform", title: "Kubernetes Platform Engineer", skills: [],
            description: "Run our platform."),
        .init(
            id: "ml-2", label: "ml", title: "Research Scientist", skills: [],
            description: "Research in machine learning for recommendations."),
        .init(
            id: "learning-1", label: "education", title: "Learning Designer", skills: [],
            description: "Design learning content for machine operators."),
        .init(
            id: "rust-1", label: "backend", title: "Rust Engineer", skills: ["rust"],
            description: "Systems programming."),
        .init(
            id: "elixir-1", label: "backend", title: "Elixir Developer", skills: ["elixir"],
            description: "Phoenix and OTP."),
        .init(
            id: "backend-java", label: "backend", title: "Senior Backend Engineer", skills: ["java"],
            description: "Payments platform."),
        .init(
            id: "manager-1", label: "management", title: "Engineering Manager", skills: [],
            description: "Grow a team of engineers."),
        .init(
            id: "writer-1", label: "writing", title: "Technical Writer", skills: [],
            description: "Document our public APIs."),
        .init(
            id: "devops-1", label: "platform", title: "DevOps Engineer", skills: ["docker", "terraform"],
            description: "Pipelines and infrastructure."),
        .init(
            id: "java-1", label: "backend", title: "Java Developer", skills: ["java"],
            description: "Spring services."),
    ]

    private func withLabelledSet(_ body: (SearchFixture) async throws -> Void) async throws {
        #expect(Self.set.count >= 30)
        try await SearchFixture.with { fixture in
            let start = Date(timeIntervalSince1970: 1_740_000_000)
            try await fixture.save(
                Self.set.enumerated().map { index, posting in
                    PostingFixtures.posting(
                        externalId: posting.id, title: posting.title, company: "Company \(index)",
                        description: posting.description, requiredSkills: posting.skills,
                        postedAt: start.addingTimeInterval(Double(index) * 3600))
                })
            try await body(fixture)
        }
    }

    /// External ids of every result, best first.
    private func ranked(_ fixture: SearchFixture, _ q: String) async throws -> [String] {
        let pages = try await fixture.allPages(["q": q, "limit": "50"])
        let idsByTitle = Dictionary(Self.set.map { ($0.title, $0.id) }) { first, _ in first }
        return pages.flatMap(\.items).map { idsByTitle[$0.title] ?? $0.title }
    }

    private func label(_ id: String) -> String { Self.set.first { $0.id == id }?.label ?? "" }

    @Test func swiftIOSRanksTheIOSPostingsFirst() async throws {
        try await withLabelledSet { fixture in
            let results = try await ranked(fixture, "swift ios")
            let iOS = Self.set.filter { $0.label == "ios" }.map(\.id)
            #expect(Set(results.prefix(iOS.count)) == Set(iOS), "\(results)")
            // Android and QA postings mention both words, and come after.
            #expect(results.contains("android-1") && results.contains("qa-1"))
        }
    }

    @Test func pythonDataRanksTheDataRolesFirst() async throws {
        try await withLabelledSet { fixture in
            let results = try await ranked(fixture, "python data")
            let data = Self.set.filter { $0.label == "data" }.map(\.id)
            #expect(Set(results.prefix(data.count)) == Set(data), "\(results)")
            #expect(results.contains("backend-py") && results.contains("ml-1"))
        }
    }

    @Test func aTitleMatchBeatsASkillMatchWhichBeatsADescriptionMatch() async throws {
        try await withLabelledSet { fixture in
            let results = try await ranked(fixture, "kubernetes")
            let title = try #require(results.firstIndex(of: "platform-1"))
            let skill = try #require(results.firstIndex(of: "sre-1"))
            let description = try #require(results.firstIndex(of: "support-1"))
            // The description says it five times and still comes last.
            #expect(title < skill && skill < description, "\(results)")
        }
    }

    @Test func aQuotedPhraseNeedsTheWordsTogether() async throws {
        try await withLabelledSet { fixture in
            let loose = try await ranked(fixture, "machine learning")
            #expect(loose.contains("learning-1"))
            let phrase = try await ranked(fixture, "\"machine learning\"")
            #expect(Set(phrase) == ["ml-1", "ml-2", "data-2"], "\(phrase)")
        }
    }

    @Test func aMinusExcludesAWordAndOrWidens() async throws {
        try await withLabelledSet { fixture in
            let engineers = try await ranked(fixture, "engineer")
            let notSenior = try await ranked(fixture, "engineer -senior")
            #expect(engineers.contains("backend-java") && !notSenior.contains("backend-java"))
            #expect(notSenior.contains("data-1"))
            #expect(
                Set(notSenior)
                    == Set(
                        engineers.filter { id in
                            !(Self.set.first { $0.id == id }.map {
                                ($0.title + $0.description).lowercased().contains("senior")
                            } ?? false)
                        }))
            let swiftNotAndroid = try await ranked(fixture, "swift -android")
            #expect(Set(swiftNotAndroid) == Set(Self.set.filter { $0.label == "ios" }.map(\.id)), "\(swiftNotAndroid)")
            let either = try await ranked(fixture, "rust OR elixir")
            #expect(Set(either) == ["rust-1", "elixir-1"])
        }
    }

    @Test func onlyStopWordsSearchesEverything() async throws {
        try await withLabelledSet { fixture in
            let page = try await fixture.page(["q": "the"])
            #expect(page.total == Self.set.count)
        }
    }
}
