/// RemoteOK's API: `GET /api`, one JSON array of every current job whose first
/// element is a legal notice (`{"legal": "..."}`), skipped here. RemoteOK
/// publishes one feed, so the source's board is only a label.
///
/// Every job is remote. RemoteOK's terms require linking back to the job on
/// RemoteOK, so its `url` is the posting's `attributionUrl`. A salary of 0
/// means none was given.
struct RemoteOKConnector: JobBoardConnector {
    static let id = "remoteok"

    let baseURL: String
    let http: JobBoardHTTP

    init(baseURL: String, http: JobBoardHTTP) {
        self.baseURL = baseURL
        self.http = http
    }

    var provider: String { Self.id }

    func fetch(_ source: JobSource) async throws -> ConnectorFetch {
        let response = try await http.get(BoardURL.make(baseURL, path: ["api"]), for: source)
        let rows = try http.decode([BoardRow<RemoteOKWire.Job>].self, from: response.body, for: source)
        var collector = PostingCollector()
        for row in rows {
            collector.add(row) { job throws(RowRejection) in try Self.draft(job, source: source) }
        }
        return collector.fetch(requests: response.requests)
    }

    /// Nil for the legal notice.
    static func draft(_ job: RemoteOKWire.Job, source: JobSource) throws(RowRejection) -> PostingDraft? {
        if job.legal != nil, job.id == nil, job.position == nil { return nil }
        let id = try RowCheck.required(job.id?.value ?? job.slug, "id")
        let title = try RowCheck.required(job.position, "position")
        let url = RowCheck.nonBlank(job.url)
        return PostingDraft(
            source: Self.id, externalId: id, title: title, company: RowCheck.nonBlank(job.company) ?? source.name,
            locations: RowCheck.distinct([job.location]), remote: true, workplaceHint: "Remote",
            salary: salary(min: job.salaryMin?.value, max: job.salaryMax?.value),
            descriptionHtml: RowCheck.nonBlank(job.description), tags: RowCheck.distinct(job.tags ?? []),
            postedAt: BoardDates.parse(job.date) ?? BoardDates.epochSeconds(job.epoch?.value),
            applyUrl: RowCheck.nonBlank(job.applyURL) ?? url, attributionUrl: url)
    }

    /// US dollars a year; 0 (or less) is "not given".
    static func salary(min: Double?, max: Double?) -> PostingDraft.SalaryHint? {
        let min = min.flatMap { $0 > 0 ? $0 : nil }
        let max = max.flatMap { $0 > 0 ? $0 : nil }
        guard min != nil || max != nil else { return nil }
        return PostingDraft.SalaryHint(min: min, max: max, currency: "USD", period: "year")
    }
}

/// One element of RemoteOK's feed: the legal notice or a job.
enum RemoteOKWire {
    struct Job: Decodable {
        var legal: String?
        var slug: String?
        var id: BoardID?
        var epoch: BoardNumber?
        var date: String?
        var company: String?
        var position: String?
        var tags: [String]?
        var description: String?
        var location: String?
        var salaryMin: BoardNumber?
        var salaryMax: BoardNumber?
        var applyURL: String?
        var url: String?

        enum CodingKeys: String, CodingKey {
            case legal, slug, id, epoch, date, company, position, tags, description, location, url
            case salaryMin = "salary_min"
            case salaryMax = "salary_max"
            case applyURL = "apply_url"
        }
    }
}
