/// Arbeitnow's job board API: `GET /api/job-board-api?page=N`, pages followed
/// while `links.next` is non-null, at most `maxPages`. Arbeitnow publishes one
/// feed, so the source's board is only a label. Its `next` link is read as
/// "there is more", and the next page asked of our own base URL: a link never
/// takes us to another host.
struct ArbeitnowConnector: JobBoardConnector {
    static let id = "arbeitnow"

    let baseURL: String
    let http: JobBoardHTTP
    var maxPages: Int

    init(baseURL: String, http: JobBoardHTTP, maxPages: Int = 5) {
        self.baseURL = baseURL
        self.http = http
        self.maxPages = max(1, maxPages)
    }

    var provider: String { Self.id }

    func fetch(_ source: JobSource) async throws -> ConnectorFetch {
        var collector = PostingCollector()
        var requests = 0
        for page in 1...maxPages {
            let url = BoardURL.make(baseURL, path: ["api", "job-board-api"], query: [("page", String(page))])
            let response = try await http.get(url, for: source)
            requests += response.requests
            let answer = try http.decode(ArbeitnowWire.Page.self, from: response.body, for: source)
            for row in answer.data {
                collector.add(row) { job throws(RowRejection) in try Self.draft(job, source: source) }
            }
            if answer.data.isEmpty || RowCheck.nonBlank(answer.links?.next) == nil { break }
        }
        return collector.fetch(requests: requests)
    }

    static func draft(_ job: ArbeitnowWire.Job, source: JobSource) throws(RowRejection) -> PostingDraft {
        let slug = try RowCheck.required(job.slug, "slug")
        let title = try RowCheck.required(job.title, "title")
        let url = RowCheck.nonBlank(job.url)
        let types = RowCheck.distinct(job.jobTypes ?? [])
        return PostingDraft(
            source: Self.id, externalId: slug, title: title,
            company: RowCheck.nonBlank(job.companyName) ?? source.name, locations: RowCheck.distinct([job.location]),
            remote: job.remote, employmentTypeHint: types.isEmpty ? nil : types.joined(separator: ", "),
            descriptionHtml: RowCheck.nonBlank(job.description), tags: RowCheck.distinct(job.tags ?? []),
            postedAt: BoardDates.epochSeconds(job.createdAt?.value), applyUrl: url, attributionUrl: url)
    }
}

/// One page of Arbeitnow's feed (a Laravel paginator).
enum ArbeitnowWire {
    struct Page: Decodable {
        var data: [BoardRow<Job>]
        var links: Links?
    }

    struct Links: Decodable {
        var next: String?
    }

    struct Job: Decodable {
        var slug: String?
        var companyName: String?
        var title: String?
        var description: String?
        var remote: Bool?
        var url: String?
        var tags: [String]?
        var jobTypes: [String]?
        var location: String?
        /// Unix seconds.
        var createdAt: BoardNumber?

        enum CodingKeys: String, CodingKey {
            case slug, title, description, remote, url, tags, location
            case companyName = "company_name"
            case jobTypes = "job_types"
            case createdAt = "created_at"
        }
    }
}
