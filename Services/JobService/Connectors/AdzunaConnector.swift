/// Adzuna's search API, a keyed aggregator: `GET /v1/api/jobs/{country}/search/{page}`
/// with `app_id`, `app_key`, `results_per_page`, `what` = the source's board
/// (its search words) and `content-type=application/json`; pages read until one
/// is short or `count` is reached, at most `maxPages`.
///
/// Salaries Adzuna estimated itself (`salary_is_predicted`) are ignored: they
/// are not the employer's. Amounts are per year in the country's currency.
/// Adzuna's terms require sending people through its `redirect_url`, which is
/// both the apply and the attribution link.
struct AdzunaConnector: JobBoardConnector {
    static let id = "adzuna"

    let baseURL: String
    let http: JobBoardHTTP
    let appId: String
    let appKey: String
    /// "gb", "us", "de", ...
    let country: String
    var resultsPerPage: Int
    var maxPages: Int

    /// The connector, or nil when either credential is missing or blank: Adzuna
    /// answers nothing without them.
    static func make(
        baseURL: String, appId: String?, appKey: String?, country: String, http: JobBoardHTTP,
        resultsPerPage: Int = 50, maxPages: Int = 5
    ) -> AdzunaConnector? {
        guard let appId = RowCheck.nonBlank(appId), let appKey = RowCheck.nonBlank(appKey) else { return nil }
        return AdzunaConnector(
            baseURL: baseURL, http: http, appId: appId, appKey: appKey, country: country,
            resultsPerPage: resultsPerPage, maxPages: maxPages)
    }

    private init(
        baseURL: String, http: JobBoardHTTP, appId: String, appKey: String, country: String, resultsPerPage: Int,
        maxPages: Int
    ) {
        self.baseURL = baseURL
        self.http = http
        self.appId = appId
        self.appKey = appKey
        self.country = (RowCheck.nonBlank(country) ?? "gb").lowercased()
        self.resultsPerPage = max(1, min(50, resultsPerPage))
        self.maxPages = max(1, maxPages)
    }

    var provider: String { Self.id }

    func fetch(_ source: JobSource) async throws -> ConnectorFetch {
        var collector = PostingCollector()
        var requests = 0
        let currency = Self.currency(ofCountry: country)
        for page in 1...maxPages {
            let url = BoardURL.make(
                baseURL, path: ["v1", "api", "jobs", country, "search", String(page)],
                query: [
                    ("app_id", appId), ("app_key", appKey), ("results_per_page", String(resultsPerPage)),
                    ("what", source.board), ("content-type", "application/json"),
                ])
            let response = try await http.get(url, for: source, secrets: [appId, appKey])
            requests += response.requests
            let answer = try http.decode(AdzunaWire.Page.self, from: response.body, for: source)
            for row in answer.results {
                collector.add(row) { job throws(RowRejection) in
                    try Self.draft(job, source: source, currency: currency)
                }
            }
            let total = answer.count?.value.map { Int($0) } ?? Int.max
            if answer.results.count < resultsPerPage || collector.rowCount >= total { break }
        }
        return collector.fetch(requests: requests)
    }

    static func draft(
        _ job: AdzunaWire.Job, source: JobSource, currency: String?
    ) throws(RowRejection) -> PostingDraft {
        let id = try RowCheck.required(job.id?.value, "id")
        let title = try RowCheck.required(job.title.map(BoardHTML.stripTags), "title")
        let redirect = RowCheck.nonBlank(job.redirectURL)
        var salary: PostingDraft.SalaryHint?
        if job.salaryIsPredicted?.value != true, job.salaryMin?.value != nil || job.salaryMax?.value != nil {
            salary = PostingDraft.SalaryHint(
                min: job.salaryMin?.value, max: job.salaryMax?.value, currency: currency, period: "year")
        }
        return PostingDraft(
            source: Self.id, externalId: id, title: title,
            company: RowCheck.nonBlank(job.company?.displayName) ?? source.name,
            locations: RowCheck.distinct([job.location?.displayName]),
            employmentTypeHint: employmentType(job),
            salary: salary, descriptionHtml: RowCheck.nonBlank(job.description),
            tags: RowCheck.distinct([job.category?.label]), postedAt: BoardDates.parse(job.created),
            applyUrl: redirect, attributionUrl: redirect)
    }

    /// A contract says more than its hours; otherwise the hours ("full_time"), then "permanent".
    static func employmentType(_ job: AdzunaWire.Job) -> String? {
        let type = RowCheck.nonBlank(job.contractType)
        if type?.lowercased() == "contract" { return type }
        return RowCheck.nonBlank(job.contractTime) ?? type
    }

    /// The currency Adzuna's amounts are in, per country site.
    static func currency(ofCountry country: String) -> String? {
        switch country.lowercased() {
        case "gb": "GBP"
        case "us": "USD"
        case "ca": "CAD"
        case "au": "AUD"
        case "nz": "NZD"
        case "in": "INR"
        case "sg": "SGD"
        case "za": "ZAR"
        case "br": "BRL"
        case "mx": "MXN"
        case "pl": "PLN"
        case "ch": "CHF"
        case "at", "be", "de", "es", "fr", "it", "nl": "EUR"
        default: nil
        }
    }
}

/// One page of Adzuna's search results (developer.adzuna.com, "search").
enum AdzunaWire {
    struct Page: Decodable {
        var count: BoardNumber?
        var results: [BoardRow<Job>]
    }

    struct Job: Decodable {
        var id: BoardID?
        var title: String?
        var description: String?
        var created: String?
        var redirectURL: String?
        var company: Company?
        var location: Location?
        var salaryMin: BoardNumber?
        var salaryMax: BoardNumber?
        /// "1" when Adzuna estimated the salary.
        var salaryIsPredicted: BoardFlag?
        /// "full_time", "part_time".
        var contractTime: String?
        /// "permanent", "contract".
        var contractType: String?
        var category: Category?

        enum CodingKeys: String, CodingKey {
            case id, title, description, created, company, location, category
            case redirectURL = "redirect_url"
            case salaryMin = "salary_min"
            case salaryMax = "salary_max"
            case salaryIsPredicted = "salary_is_predicted"
            case contractTime = "contract_time"
            case contractType = "contract_type"
        }
    }

    struct Company: Decodable {
        var displayName: String?

        enum CodingKeys: String, CodingKey { case displayName = "display_name" }
    }

    struct Location: Decodable {
        var displayName: String?
        var area: [String]?

        enum CodingKeys: String, CodingKey {
            case area
            case displayName = "display_name"
        }
    }

    struct Category: Decodable {
        var label: String?
    }
}
