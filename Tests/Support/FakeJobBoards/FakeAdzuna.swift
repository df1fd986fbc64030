import Foundation
import Hummingbird

/// A wire-faithful fake of Adzuna's search API (developer.adzuna.com):
///
/// - `GET /v1/api/jobs/{country}/search/{page}?app_id=&app_key=&results_per_page=&what=`
///   → `{"__CLASS__": "Adzuna::API::Response::JobSearchResults", "count": N,
///   "mean": …, "results": [...]}`, `results_per_page` (default 10, at most 50)
///   results of page `page` (1-based).
/// - A result: `id` (numeric text), `title` (search words wrapped in
///   `<strong>`, as Adzuna highlights them), `description` (a plain-text
///   snippet), `created` (ISO 8601, `Z`), `redirect_url`, `company`
///   {`display_name`}, `location` {`display_name`, `area`}, `salary_min`,
///   `salary_max`, `salary_is_predicted` ("0" or "1"), `contract_time`,
///   `contract_type`, `category` {`label`, `tag`}, `latitude`, `longitude`.
/// - Credentials other than `FakeAdzuna.appId`/`appKey`: 401
///   `{"exception": "AUTH_FAIL", "display": "Authorisation failed", …}`; a
///   country Adzuna has no site for: 404.
///
/// Every search is answered from the board named `FakeAdzuna.results`
/// (`setListings`), whatever its words: tests check the words in `lastRequest`.
public final class FakeAdzuna: FakeJobBoard {
    public static let appId = "fake-adzuna-app-id"
    public static let appKey = "fake-adzuna-app-key-0123456789abcdef"
    public static let results = "adzuna"
    static let countries: Set<String> = [
        "gb", "us", "at", "au", "be", "br", "ca", "ch", "de", "es", "fr", "in", "it", "mx", "nl", "nz", "pl", "sg",
        "za",
    ]

    public let baseURL: String
    public let controls = FakeBoardControls()

    init(baseURL: String) {
        self.baseURL = baseURL
        controls.setBoard(Self.results, [])
    }

    public static func run<T>(_ body: (FakeAdzuna) async throws -> T) async throws -> T {
        try await serve(FakeAdzuna.init(baseURL:), routes: { $0.routes($1) }, body)
    }

    public func setListings(_ rows: [FakeBoardRow]) { controls.setBoard(Self.results, rows) }

    private func routes(_ router: Router<BasicRequestContext>) {
        router.get("/v1/api/jobs/:country/search/:page") { request, context in
            let query = request.uri.queryParameters
            guard query.get("app_id") == Self.appId, query.get("app_key") == Self.appKey else {
                return FakeBoardJSON.response(
                    #"{"__CLASS__":"Adzuna::API::Response::Exception","display":"Authorisation failed","#
                        + #""exception":"AUTH_FAIL","doc":"http://api.adzuna.com/v1/doc"}"#, status: 401)
            }
            let country = context.parameters.get("country") ?? ""
            guard Self.countries.contains(country) else {
                return FakeBoardJSON.response(
                    #"{"__CLASS__":"Adzuna::API::Response::Exception","exception":"NOT_FOUND"}"#, status: 404)
            }
            let page = max(1, context.parameters.get("page").flatMap { Int($0) } ?? 1)
            let perPage = min(50, max(1, query.get("results_per_page").flatMap { Int($0) } ?? 10))
            let what = query.get("what") ?? ""
            let rows = self.controls.rows(of: Self.results) ?? []
            let start = min(rows.count, (page - 1) * perPage)
            let slice = Array(rows[start..<min(rows.count, start + perPage)])
            let results = FakeBoardJSON.rows(slice) { self.result($0, what: what, country: country) }
            return FakeBoardJSON.response(
                FakeBoardJSON.object(
                    ["__CLASS__": "Adzuna::API::Response::JobSearchResults", "count": rows.count, "mean": 52_000.0],
                    raw: ["results": FakeBoardJSON.array(results)]))
        }
    }

    private func result(_ posting: FakeJobPosting, what: String, country: String) -> [String: Any] {
        var object: [String: Any] = [
            "__CLASS__": "Adzuna::API::Response::Job", "id": posting.id,
            "adref": "eyJhbGciOiJIUzI1NiJ9.\(posting.id)", "title": Self.highlight(posting.title, what),
            "description": FakeLever.plainText(posting.descriptionHtml),
            "created": FakeBoardJSON.timestamp(posting.postedAt),
            "redirect_url": Self.redirectURL(of: posting, country: country),
            "company": [
                "__CLASS__": "Adzuna::API::Response::Company", "display_name": posting.company ?? "Example Ltd",
            ],
            "location": [
                "__CLASS__": "Adzuna::API::Response::Location",
                "display_name": posting.locations.first ?? "UK",
                "area": ["UK"] + posting.locations.prefix(1).map { $0 },
            ] as [String: Any],
            "category": [
                "__CLASS__": "Adzuna::API::Response::Category", "label": posting.department ?? "IT Jobs",
                "tag": "it-jobs",
            ],
            "latitude": 51.5072, "longitude": -0.1276,
        ]
        if let type = posting.employmentType { object["contract_time"] = type }
        if let salary = posting.salary {
            object["salary_min"] = salary.min ?? NSNull()
            object["salary_max"] = salary.max ?? NSNull()
            object["salary_is_predicted"] = salary.predicted ? "1" : "0"
        }
        return object
    }

    /// The `redirect_url` the fake gives `posting`.
    public static func redirectURL(of posting: FakeJobPosting, country: String = "gb") -> String {
        "https://www.adzuna.co.uk/jobs/land/ad/\(posting.id)?se=fake&utm_medium=api&utm_source=\(appId.prefix(4))&v=\(country)"
    }

    /// Adzuna wraps each search word found in the title in `<strong>`.
    static func highlight(_ title: String, _ what: String) -> String {
        var title = title
        for word in what.split(separator: " ") where !word.isEmpty {
            if let range = title.range(of: word, options: .caseInsensitive) {
                title.replaceSubrange(range, with: "<strong>\(title[range])</strong>")
            }
        }
        return title
    }
}
