/// USAJobs' search API, keyed: `GET /api/search?Keyword={board}&ResultsPerPage=500&Page=N`
/// with `User-Agent: {the e-mail the key was issued to}` and
/// `Authorization-Key: {key}`. USAJobs also requires `Host: data.usajobs.gov`,
/// which curl sends from the URL itself for the real base URL. Pages are read up
/// to `UserArea.NumberOfPages` (which USAJobs sends as text), at most `maxPages`.
///
/// The description is assembled from the announcement's summary, major duties
/// and qualifications; `PositionURI` is the attribution link.
struct USAJobsConnector: JobBoardConnector {
    static let id = "usajobs"

    let baseURL: String
    let http: JobBoardHTTP
    let apiKey: String
    let email: String
    var resultsPerPage: Int
    var maxPages: Int

    /// The connector, or nil when the key or the e-mail is missing or blank.
    static func make(
        baseURL: String, apiKey: String?, email: String?, http: JobBoardHTTP, resultsPerPage: Int = 500,
        maxPages: Int = 10
    ) -> USAJobsConnector? {
        guard let apiKey = RowCheck.nonBlank(apiKey), let email = RowCheck.nonBlank(email) else { return nil }
        return USAJobsConnector(
            baseURL: baseURL, http: http, apiKey: apiKey, email: email, resultsPerPage: resultsPerPage,
            maxPages: maxPages)
    }

    private init(
        baseURL: String, http: JobBoardHTTP, apiKey: String, email: String, resultsPerPage: Int, maxPages: Int
    ) {
        self.baseURL = baseURL
        self.http = http
        self.apiKey = apiKey
        self.email = email
        self.resultsPerPage = max(1, min(500, resultsPerPage))
        self.maxPages = max(1, maxPages)
    }

    var provider: String { Self.id }

    func fetch(_ source: JobSource) async throws -> ConnectorFetch {
        var collector = PostingCollector()
        var requests = 0
        let headers = [(name: "User-Agent", value: email), (name: "Authorization-Key", value: apiKey)]
        var page = 1
        while page <= maxPages {
            let url = BoardURL.make(
                baseURL, path: ["api", "search"],
                query: [("Keyword", source.board), ("ResultsPerPage", String(resultsPerPage)), ("Page", String(page))])
            let response = try await http.get(url, headers: headers, for: source, secrets: [apiKey])
            requests += response.requests
            let answer = try http.decode(USAJobsWire.Answer.self, from: response.body, for: source)
            let items = answer.searchResult.items
            for row in items {
                collector.add(row) { item throws(RowRejection) in try Self.draft(item, source: source) }
            }
            let pages = answer.searchResult.userArea?.numberOfPages?.value.map { Int($0) } ?? page
            if items.isEmpty || page >= pages { break }
            page += 1
        }
        return collector.fetch(requests: requests)
    }

    static func draft(_ item: USAJobsWire.Item, source: JobSource) throws(RowRejection) -> PostingDraft {
        guard let job = item.descriptor else { throw RowRejection("has no MatchedObjectDescriptor") }
        let id = try RowCheck.required(item.matchedObjectId?.value ?? job.positionID, "MatchedObjectId")
        let title = try RowCheck.required(job.positionTitle, "PositionTitle")
        let details = job.userArea?.details
        let positionURI = RowCheck.nonBlank(job.positionURI)
        return PostingDraft(
            source: Self.id, externalId: id, title: title,
            company: RowCheck.nonBlank(job.organizationName) ?? RowCheck.nonBlank(job.departmentName) ?? source.name,
            locations: RowCheck.distinct((job.positionLocation ?? []).map(\.locationName)),
            remote: details?.remoteIndicator,
            workplaceHint: details?.teleworkEligible == true ? "Telework eligible" : nil,
            employmentTypeHint: RowCheck.distinct((job.positionSchedule ?? []).map(\.name)).first,
            salary: salary(job.positionRemuneration?.first), descriptionHtml: description(job),
            tags: RowCheck.distinct([job.departmentName] + (job.jobCategory ?? []).map(\.name)),
            postedAt: BoardDates.parse(job.publicationStartDate),
            applyUrl: RowCheck.distinct(job.applyURI ?? []).first ?? positionURI, attributionUrl: positionURI)
    }

    static func salary(_ pay: USAJobsWire.Remuneration?) -> PostingDraft.SalaryHint? {
        guard let pay, pay.minimumRange?.value != nil || pay.maximumRange?.value != nil else { return nil }
        return PostingDraft.SalaryHint(
            min: pay.minimumRange?.value, max: pay.maximumRange?.value, currency: "USD",
            period: RowCheck.nonBlank(pay.rateIntervalCode), text: RowCheck.nonBlank(pay.description))
    }

    /// Summary, "Major duties" as a list, then "Qualifications": USAJobs sends plain text.
    static func description(_ job: USAJobsWire.Descriptor) -> String? {
        let details = job.userArea?.details
        var html = details?.jobSummary.map(BoardHTML.paragraphs) ?? ""
        let duties = RowCheck.distinct(details?.majorDuties?.values ?? [])
        if !duties.isEmpty {
            html += "<h3>Major duties</h3><ul>" + duties.map { "<li>\(BoardHTML.escape($0))</li>" }.joined() + "</ul>"
        }
        if let qualifications = RowCheck.nonBlank(job.qualificationSummary) {
            html += "<h3>Qualifications</h3>" + BoardHTML.paragraphs(qualifications)
        }
        return html.isEmpty ? nil : html
    }
}

/// USAJobs' search answer (developer.usajobs.gov, "GET /api/Search").
enum USAJobsWire {
    struct Answer: Decodable {
        var searchResult: SearchResult

        enum CodingKeys: String, CodingKey { case searchResult = "SearchResult" }
    }

    struct SearchResult: Decodable {
        var items: [BoardRow<Item>]
        var userArea: ResultUserArea?

        enum CodingKeys: String, CodingKey {
            case items = "SearchResultItems"
            case userArea = "UserArea"
        }
    }

    struct ResultUserArea: Decodable {
        var numberOfPages: BoardNumber?

        enum CodingKeys: String, CodingKey { case numberOfPages = "NumberOfPages" }
    }

    struct Item: Decodable {
        var matchedObjectId: BoardID?
        var descriptor: Descriptor?

        enum CodingKeys: String, CodingKey {
            case matchedObjectId = "MatchedObjectId"
            case descriptor = "MatchedObjectDescriptor"
        }
    }

    struct Descriptor: Decodable {
        var positionID: String?
        var positionTitle: String?
        var positionURI: String?
        var applyURI: [String]?
        var positionLocation: [Location]?
        var organizationName: String?
        var departmentName: String?
        var jobCategory: [Named]?
        var positionSchedule: [Named]?
        var positionRemuneration: [Remuneration]?
        var publicationStartDate: String?
        var userArea: DescriptorUserArea?
        var qualificationSummary: String?

        enum CodingKeys: String, CodingKey {
            case positionID = "PositionID"
            case positionTitle = "PositionTitle"
            case positionURI = "PositionURI"
            case applyURI = "ApplyURI"
            case positionLocation = "PositionLocation"
            case organizationName = "OrganizationName"
            case departmentName = "DepartmentName"
            case jobCategory = "JobCategory"
            case positionSchedule = "PositionSchedule"
            case positionRemuneration = "PositionRemuneration"
            case publicationStartDate = "PublicationStartDate"
            case userArea = "UserArea"
            case qualificationSummary = "QualificationSummary"
        }
    }

    struct Location: Decodable {
        var locationName: String?

        enum CodingKeys: String, CodingKey { case locationName = "LocationName" }
    }

    struct Named: Decodable {
        var name: String?

        enum CodingKeys: String, CodingKey { case name = "Name" }
    }

    struct Remuneration: Decodable {
        var minimumRange: BoardNumber?
        var maximumRange: BoardNumber?
        /// "PA" (per year), "PH" (per hour), "PM", "BW", "WC" (without compensation).
        var rateIntervalCode: String?
        var description: String?

        enum CodingKeys: String, CodingKey {
            case minimumRange = "MinimumRange"
            case maximumRange = "MaximumRange"
            case rateIntervalCode = "RateIntervalCode"
            case description = "Description"
        }
    }

    struct DescriptorUserArea: Decodable {
        var details: Details?

        enum CodingKeys: String, CodingKey { case details = "Details" }
    }

    struct Details: Decodable {
        var jobSummary: String?
        var majorDuties: BoardStrings?
        var teleworkEligible: Bool?
        var remoteIndicator: Bool?

        enum CodingKeys: String, CodingKey {
            case jobSummary = "JobSummary"
            case majorDuties = "MajorDuties"
            case teleworkEligible = "TeleworkEligible"
            case remoteIndicator = "RemoteIndicator"
        }
    }
}
