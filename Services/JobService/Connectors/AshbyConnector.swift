import Foundation

/// Ashby's public job posting API:
/// `GET /posting-api/job-board/{board}?includeCompensation=true`, the whole
/// board in one answer; 404 for an unknown board. Postings with
/// `isListed: false` are reachable by link only and are skipped.
struct AshbyConnector: JobBoardConnector {
    static let id = "ashby"

    let baseURL: String
    let http: JobBoardHTTP

    init(baseURL: String, http: JobBoardHTTP) {
        self.baseURL = baseURL
        self.http = http
    }

    var provider: String { Self.id }

    func fetch(_ source: JobSource) async throws -> ConnectorFetch {
        let url = BoardURL.make(
            baseURL, path: ["posting-api", "job-board", source.board], query: [("includeCompensation", "true")])
        let response = try await http.get(url, for: source)
        let board = try http.decode(AshbyWire.Board.self, from: response.body, for: source)
        var collector = PostingCollector()
        for row in board.jobs {
            collector.add(row) { job throws(RowRejection) in try Self.draft(job, source: source) }
        }
        return collector.fetch(requests: response.requests)
    }

    /// Nil for an unlisted posting.
    static func draft(_ job: AshbyWire.Job, source: JobSource) throws(RowRejection) -> PostingDraft? {
        if job.isListed == false { return nil }
        let jobURL = RowCheck.nonBlank(job.jobUrl)
        guard let id = RowCheck.nonBlank(job.id?.value) ?? jobURL.flatMap(lastPathComponent) else {
            throw RowRejection("has no id and no jobUrl")
        }
        let title = try RowCheck.required(job.title, "title")
        let secondary = (job.secondaryLocations ?? []).map(\.location)
        return PostingDraft(
            source: Self.id, externalId: id, title: title, company: source.name,
            locations: RowCheck.distinct([job.location] + secondary), remote: job.isRemote,
            workplaceHint: RowCheck.nonBlank(job.workplaceType),
            employmentTypeHint: RowCheck.nonBlank(job.employmentType), salary: salary(job.compensation),
            descriptionHtml: RowCheck.nonBlank(job.descriptionHtml) ?? job.descriptionPlain.map(BoardHTML.paragraphs),
            tags: RowCheck.distinct([job.department, job.team]), postedAt: BoardDates.parse(job.publishedAt),
            updatedAt: BoardDates.parse(job.updatedAt), applyUrl: RowCheck.nonBlank(job.applyUrl) ?? jobURL)
    }

    /// The salary components of every tier: the lowest minimum and highest
    /// maximum when the tiers agree on currency and interval, with Ashby's own
    /// summary as the text.
    static func salary(_ compensation: AshbyWire.Compensation?) -> PostingDraft.SalaryHint? {
        guard let compensation else { return nil }
        let text =
            RowCheck.nonBlank(compensation.scrapeableCompensationSalarySummary)
            ?? RowCheck.nonBlank(compensation.compensationTierSummary)
        let salaries = (compensation.compensationTiers ?? []).flatMap { $0.components ?? [] }
            .filter { $0.compensationType?.lowercased() == "salary" }
        let currencies = Set(salaries.compactMap { RowCheck.nonBlank($0.currencyCode) })
        let intervals = Set(salaries.compactMap { RowCheck.nonBlank($0.interval) })
        guard !salaries.isEmpty, currencies.count <= 1, intervals.count <= 1 else {
            return text.map { PostingDraft.SalaryHint(text: $0) }
        }
        let minimums = salaries.compactMap { $0.minValue?.value }
        let maximums = salaries.compactMap { $0.maxValue?.value }
        guard !minimums.isEmpty || !maximums.isEmpty || text != nil else { return nil }
        return PostingDraft.SalaryHint(
            min: minimums.min(), max: maximums.max(), currency: currencies.first, period: intervals.first, text: text)
    }

    private static func lastPathComponent(_ url: String) -> String? {
        let path = URLComponents(string: url)?.path ?? url
        return path.split(separator: "/").last.map(String.init).flatMap(RowCheck.nonBlank)
    }
}

/// Ashby's job board answer (developers.ashbyhq.com, "Job Postings API").
enum AshbyWire {
    struct Board: Decodable {
        var jobs: [BoardRow<Job>]
    }

    struct Job: Decodable {
        var id: BoardID?
        var title: String?
        var location: String?
        var secondaryLocations: [SecondaryLocation]?
        var department: String?
        var team: String?
        var isListed: Bool?
        var isRemote: Bool?
        /// "OnSite", "Remote", "Hybrid".
        var workplaceType: String?
        var descriptionHtml: String?
        var descriptionPlain: String?
        var publishedAt: String?
        var updatedAt: String?
        /// "FullTime", "PartTime", "Intern", "Contract", "Temporary".
        var employmentType: String?
        var jobUrl: String?
        var applyUrl: String?
        var compensation: Compensation?
    }

    struct SecondaryLocation: Decodable {
        var location: String?
    }

    struct Compensation: Decodable {
        var compensationTierSummary: String?
        var scrapeableCompensationSalarySummary: String?
        var compensationTiers: [Tier]?
    }

    struct Tier: Decodable {
        var components: [Component]?
    }

    struct Component: Decodable {
        /// "Salary", "EquityPercentage", "Bonus", "Commission", ...
        var compensationType: String?
        /// "1 YEAR", "1 HOUR", ...
        var interval: String?
        var currencyCode: String?
        var minValue: BoardNumber?
        var maxValue: BoardNumber?
    }
}
