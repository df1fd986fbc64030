import Contracts
import Database
import Foundation
import TestSupport
import Testing

@testable import JobService

/// The in-memory search answers exactly as the SQL statement it replaced
/// (`SearchStatement`): over 300 random searches (text, web-search syntax,
/// every filter, page sizes), every page in the same order with the same
/// cursors' effect, the same total and the same facets.
@Suite struct SearchEquivalenceTests {
    static let titles = [
        "Senior iOS Engineer", "Swift Developer", "Backend Engineer (Python)", "Data Scientist", "Product Designer",
        "DevOps Engineer", "Machine Learning Engineer", "Frontend Engineer, React", "Engineering Manager",
        "QA Analyst", "Senior Product Designer", "Python Data Engineer",
    ]
    static let companies = ["Acme", "acme", "ACME", "Globex", "Initech", "Umbrella Corp", "Northwind"]
    static let places = [["Berlin, Germany"], ["London, UK"], ["Remote"], ["New York, NY", "Berlin, Germany"], []]
    static let descriptions = [
        "Build iOS apps in Swift.", "Machine learning pipelines with Python and SQL.",
        "Design systems and user research.", "Kubernetes, Terraform and AWS.", "Nothing special here.",
    ]
    static let skills = ["swift", "python", "sql", "kubernetes", "react", "aws", "figma", "docker"]

    static func postings(_ random: inout SplitMix) -> [NormalizedPosting] {
        // Whole hours, with repeats, so date ties are common and the id decides.
        let now = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 3_600).rounded(.down) * 3_600)
        return (0..<90).map { number in
            let required = Array(skills.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random)))
            let preferred = Array(
                skills.filter { !required.contains($0) }.shuffled(using: &random).prefix(
                    Int.random(in: 0...2, using: &random)))
            let salary = Double.random(in: 0...1, using: &random) < 0.3 ? nil : Double(40 + number % 12 * 10) * 1_000
            return PostingFixtures.posting(
                externalId: "e\(number)", title: titles.randomElement(using: &random)!,
                company: companies.randomElement(using: &random)!, locations: places.randomElement(using: &random)!,
                workplace: [Job.Workplace.remote, .hybrid, .onsite, nil].randomElement(using: &random)!,
                employmentType: ["full_time", "contract", "part_time", nil].randomElement(using: &random)!,
                annualSalaryMin: salary, annualSalaryMax: salary.flatMap { number % 2 == 0 ? $0 + 20_000 : nil },
                description: descriptions.randomElement(using: &random)!, requiredSkills: required,
                preferredSkills: preferred,
                postedAt: now.addingTimeInterval(-3_600 * Double(Int.random(in: 0...40, using: &random) * 24)),
                dedupeKey: "key-\(number)")
        }
    }

    static func parameters(_ random: inout SplitMix) -> [String: String] {
        var parameters: [String: String] = [:]
        func maybe(_ chance: Double, _ values: [String], _ name: String) {
            if Double.random(in: 0...1, using: &random) < chance {
                parameters[name] = values.randomElement(using: &random)!
            }
        }
        maybe(
            0.7,
            [
                "engineer", "swift ios", "python data", "\"machine learning\"", "designer -senior", "the",
                "react or swift", "acme", "kubernetes", "senior", "qa", "nothingmatches",
            ], "q")
        maybe(0.2, ["berlin", "remote", "york"], "location")
        maybe(0.2, ["remote", "hybrid,onsite"], "workplace")
        maybe(0.2, ["full_time", "contract,part_time"], "type")
        maybe(0.2, ["50000", "90000"], "salaryMin")
        maybe(0.2, ["7d", "30d", "24h"], "postedWithin")
        maybe(0.2, ["python", "swift,sql", "figma"], "skills")
        maybe(0.15, ["acme", "Globex"], "company")
        parameters["limit"] = ["3", "7", "20"].randomElement(using: &random)!
        return parameters
    }

    /// Every page's ids, the total and facets, as the SQL statement gives them.
    static func reference(
        _ parameters: [String: String], pool: DatabasePool
    ) async throws -> (pages: [[UUID]], total: Int, facets: JobFacets) {
        var query = try SearchFixture.query(parameters)
        var pages: [[UUID]] = []
        var total = 0
        var facets = JobFacets()
        while pages.count < 40 {
            let rows = try await pool.query(SearchStatement.make(query, summary: true))
            var ids: [UUID] = []
            var last: SearchCursor?
            for row in rows {
                total = try row.decode(Int.self, "summary_total")
                if !row.isNull("summary_facets") {
                    facets = try row.decode(JSONB<JobFacets>.self, "summary_facets").value
                }
                guard !row.isNull("id") else { continue }
                guard ids.count < query.limit else { break }
                ids.append(try row.decode(UUID.self, "id"))
                last = SearchCursor(
                    rank: try row.decode(Double?.self, "page_rank"), sortMicros: try row.decode("page_sort_micros"),
                    id: try row.decode(UUID.self, "id"), fingerprint: query.fingerprint)
            }
            pages.append(ids)
            guard rows.filter({ !$0.isNull("id") }).count > query.limit, let last else { break }
            query.cursor = last
        }
        return (pages, total, facets)
    }

    @Test("300 random searches: the same pages, totals and facets as the SQL statement")
    func indexedSearchAgreesWithTheStatement() async throws {
        try await SearchFixture.with { fixture in
            var random = SplitMix(state: 2_026)
            try await fixture.save(Self.postings(&random))
            // Closed and duplicate postings are in neither.
            _ = try await fixture.pool.query(
                "UPDATE postings SET closed_at = now() WHERE external_id IN ('e1', 'e2', 'e3')")
            for round in 0..<300 {
                let parameters = Self.parameters(&random)
                let expected = try await Self.reference(parameters, pool: fixture.pool)
                var pages: [[UUID]] = []
                var page = try await fixture.page(parameters)
                var next = parameters
                while true {
                    pages.append(page.items.map { UUID(uuidString: $0.id)! })
                    #expect(page.total == expected.total, "round \(round): \(parameters)")
                    #expect(page.facets == expected.facets, "round \(round): \(parameters)")
                    guard let cursor = page.nextCursor, pages.count < 40 else { break }
                    next["cursor"] = cursor
                    page = try await fixture.page(next)
                }
                #expect(pages == expected.pages, "round \(round): \(parameters)")
            }
        }
    }
}
