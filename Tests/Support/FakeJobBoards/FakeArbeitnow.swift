import Foundation
import Hummingbird
import Synchronization

/// A wire-faithful fake of Arbeitnow's job board API:
///
/// - `GET /api/job-board-api?page=N` → a Laravel paginator:
///   `{"data": [...], "links": {"first", "last": null, "prev", "next"},
///   "meta": {"current_page", "from", "path", "per_page", "to", "terms", "info"}}`,
///   `pageSize` jobs a page (100 at Arbeitnow), `links.next` null on the last page.
/// - A job: `slug`, `company_name`, `title`, `description` (HTML), `remote`,
///   `url` (the job's page on Arbeitnow), `tags`, `job_types`, `location`,
///   `created_at` (Unix seconds).
///
/// The feed is the board named `FakeArbeitnow.feed`; `setListings` fills it.
public final class FakeArbeitnow: FakeJobBoard {
    public static let feed = "arbeitnow"

    public let baseURL: String
    public let controls = FakeBoardControls()
    private let size = Mutex(100)

    init(baseURL: String) {
        self.baseURL = baseURL
        controls.setBoard(Self.feed, [])
    }

    public static func run<T>(_ body: (FakeArbeitnow) async throws -> T) async throws -> T {
        try await serve(FakeArbeitnow.init(baseURL:), routes: { $0.routes($1) }, body)
    }

    /// Jobs per page.
    public var pageSize: Int {
        get { size.withLock { $0 } }
        set { size.withLock { $0 = max(1, newValue) } }
    }

    public func setListings(_ rows: [FakeBoardRow]) { controls.setBoard(Self.feed, rows) }

    private func routes(_ router: Router<BasicRequestContext>) {
        router.get("/api/job-board-api") { request, _ in
            let rows = self.controls.rows(of: Self.feed) ?? []
            let page = max(1, request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 1)
            let perPage = self.pageSize
            let start = min(rows.count, (page - 1) * perPage)
            let slice = Array(rows[start..<min(rows.count, start + perPage)])
            let path = self.baseURL + "/api/job-board-api"
            let hasNext = start + perPage < rows.count
            let links: [String: Any] = [
                "first": path + "?page=1", "last": NSNull(),
                "prev": page > 1 ? path + "?page=\(page - 1)" : NSNull(),
                "next": hasNext ? path + "?page=\(page + 1)" : NSNull(),
            ]
            let meta: [String: Any] = [
                "current_page": page, "from": slice.isEmpty ? NSNull() : start + 1, "path": path,
                "per_page": perPage, "to": slice.isEmpty ? NSNull() : start + slice.count,
                "terms": "This is a free public API for jobs, please do not abuse. By using this API you agree to the"
                    + " terms of service.",
                "info": "Jobs are updated every hour and order by the newest.",
            ]
            let jobs = FakeBoardJSON.rows(slice) { self.job($0) }
            return FakeBoardJSON.response(
                FakeBoardJSON.object(["links": links, "meta": meta], raw: ["data": FakeBoardJSON.array(jobs)]))
        }
    }

    /// The `slug` the fake gives `posting`: title, company and id.
    public static func slug(of posting: FakeJobPosting) -> String {
        "\(FakeJobPosting.slug(posting.title))-\(FakeJobPosting.slug(posting.company ?? defaultCompany))-\(posting.id)"
    }

    /// The company of postings that name none.
    public static let defaultCompany = "Example GmbH"

    private func job(_ posting: FakeJobPosting) -> [String: Any] {
        let company = posting.company ?? Self.defaultCompany
        let slug = Self.slug(of: posting)
        return [
            "slug": slug, "company_name": company, "title": posting.title, "description": posting.descriptionHtml,
            "remote": posting.remote ?? false,
            "url": "https://www.arbeitnow.com/jobs/companies/\(FakeJobPosting.slug(company))/\(slug)",
            "tags": posting.tags, "job_types": posting.employmentType.map { [$0] } ?? [],
            "location": posting.locations.first ?? "", "created_at": Int(posting.postedAt.timeIntervalSince1970),
        ]
    }
}
