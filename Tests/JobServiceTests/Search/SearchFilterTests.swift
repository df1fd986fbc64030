import Contracts
import Database
import Foundation
import Testing

@testable import JobService

@Suite struct SearchFilterTests {
    /// External ids of every match, in any order.
    private func matches(_ fixture: SearchFixture, _ parameters: [String: String]) async throws -> Set<String> {
        var parameters = parameters
        parameters["limit"] = "50"
        let pages = try await fixture.allPages(parameters)
        #expect(pages.first?.total == pages.flatMap(\.items).count)
        return Set(pages.flatMap(\.items).compactMap(\.externalId))
    }

    @Test func locationMatchesAnyLocationCaseInsensitivelyWithWildcardsLiteral() async throws {
        try await SearchFixture.with { fixture in
            try await fixture.save([
                PostingFixtures.posting(externalId: "berlin", locations: ["Berlin, Germany"]),
                PostingFixtures.posting(externalId: "both", locations: ["Remote", "Munich, Germany"]),
                PostingFixtures.posting(externalId: "percent", locations: ["100% remote"]),
                PostingFixtures.posting(externalId: "underscore", locations: ["Area_51"]),
            ])
            #expect(try await matches(fixture, ["location": "BERLIN"]) == ["berlin"])
            #expect(try await matches(fixture, ["location": "germany"]) == ["berlin", "both"])
            #expect(try await matches(fixture, ["location": "munich"]) == ["both"])
            #expect(try await matches(fixture, ["location": "%"]) == ["percent"])
            #expect(try await matches(fixture, ["location": "a_5"]) == ["underscore"])
            #expect(try await matches(fixture, ["location": "Paris"]).isEmpty)
        }
    }

    @Test func workplaceAndTypeTakeListsOfValues() async throws {
        try await SearchFixture.with { fixture in
            try await fixture.save([
                PostingFixtures.posting(externalId: "remote-ft", workplace: .remote, employmentType: "full_time"),
                PostingFixtures.posting(externalId: "hybrid-c", workplace: .hybrid, employmentType: "contract"),
                PostingFixtures.posting(externalId: "onsite-i", workplace: .onsite, employmentType: "internship"),
                PostingFixtures.posting(externalId: "unknown", workplace: nil, employmentType: nil),
            ])
            #expect(try await matches(fixture, ["workplace": "remote"]) == ["remote-ft"])
            #expect(try await matches(fixture, ["workplace": "remote,hybrid"]) == ["remote-ft", "hybrid-c"])
            #expect(try await matches(fixture, ["type": "contract,internship"]) == ["hybrid-c", "onsite-i"])
            #expect(try await matches(fixture, ["workplace": "onsite", "type": "full_time"]).isEmpty)
        }
    }

    @Test func salaryMinUsesTheUpperBoundElseTheLowerAndSkipsUnpaidPostings() async throws {
        try await SearchFixture.with { fixture in
            try await fixture.save([
                PostingFixtures.posting(externalId: "range", annualSalaryMin: 60_000, annualSalaryMax: 90_000),
                PostingFixtures.posting(externalId: "floor-only", annualSalaryMin: 85_000),
                PostingFixtures.posting(externalId: "low", annualSalaryMin: 30_000, annualSalaryMax: 40_000),
                PostingFixtures.posting(externalId: "unpaid"),
            ])
            #expect(try await matches(fixture, ["salaryMin": "80000"]) == ["range", "floor-only"])
            #expect(try await matches(fixture, ["salaryMin": "90000"]) == ["range"])
            #expect(try await matches(fixture, ["salaryMin": "0"]) == ["range", "floor-only", "low"])
            #expect(try await matches(fixture, [:]).count == 4)
        }
    }

    @Test func postedWithinLooksAtTheOrderingDate() async throws {
        try await SearchFixture.with { fixture in
            let now = Date()
            try await fixture.save([
                PostingFixtures.posting(externalId: "hour", postedAt: now.addingTimeInterval(-3600)),
                PostingFixtures.posting(externalId: "three-days", postedAt: now.addingTimeInterval(-3 * 86_400)),
                PostingFixtures.posting(externalId: "month", postedAt: now.addingTimeInterval(-40 * 86_400)),
            ])
            #expect(try await matches(fixture, ["postedWithin": "24h"]) == ["hour"])
            #expect(try await matches(fixture, ["postedWithin": "7d"]) == ["hour", "three-days"])
            #expect(try await matches(fixture, ["postedWithin": "60"]) == ["hour", "three-days", "month"])
        }
    }

    @Test func skillsMustAllBePresentAndMayBeNamesOrIds() async throws {
        try await SearchFixture.with { fixture in
            try await fixture.save([
                PostingFixtures.posting(externalId: "go-k8s", requiredSkills: ["go"], preferredSkills: ["kubernetes"]),
                PostingFixtures.posting(externalId: "go", requiredSkills: ["go"]),
                PostingFixtures.posting(externalId: "python", requiredSkills: ["python"]),
            ])
            #expect(try await matches(fixture, ["skills": "golang"]) == ["go-k8s", "go"])
            #expect(try await matches(fixture, ["skills": "Go, K8s"]) == ["go-k8s"])
            #expect(try await matches(fixture, ["skills": "kubernetes,python"]).isEmpty)
        }
    }

    @Test func companyIsCaseInsensitiveButExact() async throws {
        try await SearchFixture.with { fixture in
            try await fixture.save([
                PostingFixtures.posting(externalId: "acme", company: "ACME"),
                PostingFixtures.posting(externalId: "acme-labs", company: "Acme Labs"),
            ])
            #expect(try await matches(fixture, ["company": "acme"]) == ["acme"])
            #expect(try await matches(fixture, ["company": "ACME labs"]) == ["acme-labs"])
            #expect(try await matches(fixture, ["company": "acm"]).isEmpty)
        }
    }

    @Test func closedAndDuplicatePostingsAreNeverFound() async throws {
        try await SearchFixture.with { fixture in
            try await fixture.save([
                PostingFixtures.posting(
                    source: "greenhouse", externalId: "original", title: "Swift Engineer",
                    dedupeKey: "acme|swift engineer|berlin"),
                PostingFixtures.posting(externalId: "closed", title: "Swift Engineer (closed)"),
            ])
            // The same opening, later, on another board.
            try await fixture.save([
                PostingFixtures.posting(
                    source: "lever", externalId: "copy", title: "Swift Engineer",
                    dedupeKey: "acme|swift engineer|berlin")
            ])
            _ = try await fixture.pool.query("UPDATE postings SET closed_at = now() WHERE external_id = 'closed'")
            let duplicates = try await fixture.pool.query(
                "SELECT count(*)::int AS n FROM postings WHERE duplicate_of IS NOT NULL")
            #expect(try duplicates.first?.decode(Int.self, "n") == 1)
            #expect(try await matches(fixture, ["q": "swift"]) == ["original"])
            #expect(try await matches(fixture, [:]) == ["original"])
        }
    }

    @Test func facetsCountEveryMatchNotJustThePage() async throws {
        try await SearchFixture.with { fixture in
            var postings: [NormalizedPosting] = []
            // 12 companies: company i has i + 1 postings, 78 in all.
            for company in 0..<12 {
                for index in 0...company {
                    let workplace: Job.Workplace? = [.remote, .hybrid, .onsite, nil][index % 4]
                    let type = ["full_time", "contract", nil][index % 3]
                    // Skill k on the postings whose index is at least k − 4 − company % 3: 17 skills, most ranked apart.
                    let skills = (0..<17).filter { $0 <= index + 4 + company % 3 }.map { Self.skillPool[$0] }
                    postings.append(
                        PostingFixtures.posting(
                            externalId: "c\(company)-\(index)", company: "Company \(company)", workplace: workplace,
                            employmentType: type, requiredSkills: skills))
                }
            }
            try await fixture.save(postings)
            // The closed posting must not be counted.
            try await fixture.save([PostingFixtures.posting(externalId: "gone", company: "Company 11")])
            _ = try await fixture.pool.query("UPDATE postings SET closed_at = now() WHERE external_id = 'gone'")

            let page = try await fixture.page(["limit": "5"])
            #expect(page.items.count == 5)
            #expect(page.total == 78)
            func counts(_ values: [String?]) -> [JobFacets.Count] {
                Dictionary(values.compactMap { $0 }.map { ($0, 1) }, uniquingKeysWith: +)
                    .map { JobFacets.Count(value: $0.key, count: $0.value) }
                    .sorted { ($1.count, $0.value) < ($0.count, $1.value) }
            }
            #expect(page.facets.workplace == counts(postings.map { $0.workplace?.rawValue }))
            #expect(page.facets.employmentType == counts(postings.map(\.employmentType)))
            #expect(page.facets.company == Array(counts(postings.map(\.company)).prefix(10)))
            #expect(page.facets.company.first == .init(value: "Company 11", count: 12))
            #expect(page.facets.skills == Array(counts(postings.flatMap(\.skillIds)).prefix(15)))
            #expect(page.facets.skills.count == 15)

            // Narrowed by a filter, the facets narrow with it.
            let remote = try await fixture.page(["workplace": "remote"])
            #expect(remote.facets.workplace == [.init(value: "remote", count: remote.total)])
            #expect(remote.total == postings.filter { $0.workplace == .remote }.count)
        }
    }

    @Test func companiesAndSkillsOfABroadSearchAreCountedOverItsBestThousand() async throws {
        try await SearchFixture.with { fixture in
            let start = Date(timeIntervalSince1970: 1_740_000_000)
            let sample = IndexedSearch.facetSampleSize
            // The ten oldest postings are the only ones of "Old Co" and the only Rust ones.
            let postings = (0..<(sample + 10)).map { index in
                let old = index < 10
                return PostingFixtures.posting(
                    externalId: "p\(index)", company: old ? "Old Co" : "Company \(index % 3)",
                    workplace: old ? .hybrid : .remote, requiredSkills: old ? ["rust"] : ["swift"],
                    postedAt: start.addingTimeInterval(Double(index)))
            }
            try await fixture.save(postings)
            let page = try await fixture.page([:])
            #expect(page.total == sample + 10)
            // Workplace and type count every match; companies and skills the newest thousand.
            #expect(
                page.facets.workplace == [.init(value: "remote", count: sample), .init(value: "hybrid", count: 10)])
            #expect(page.facets.company.map(\.value).sorted() == ["Company 0", "Company 1", "Company 2"])
            #expect(page.facets.company.map(\.count).reduce(0, +) == sample)
            #expect(page.facets.skills == [.init(value: "swift", count: sample)])
        }
    }

    private static let skillPool = [
        "swift", "python", "go", "rust", "java", "kotlin", "sql", "docker", "kubernetes", "aws", "terraform",
        "react", "typescript", "figma", "pandas", "airflow", "tableau",
    ]
}
