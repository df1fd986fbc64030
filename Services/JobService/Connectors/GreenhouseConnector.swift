import Contracts

/// Greenhouse's Job Board API: `GET /v1/boards/{board_token}/jobs?content=true`,
/// the whole board in one answer (no paging), 404 for an unknown token.
///
/// Greenhouse names no company per job (newer answers carry `company_name`;
/// otherwise `JobSource.name`), and its `content` is entity-escaped HTML, which
/// is unescaped once here so `descriptionHtml` is real HTML.
struct GreenhouseConnector: JobBoardConnector {
    static let id = "greenhouse"

    let baseURL: String
    let http: JobBoardHTTP

    init(baseURL: String, http: JobBoardHTTP) {
        self.baseURL = baseURL
        self.http = http
    }

    var provider: String { Self.id }

    func fetch(_ source: JobSource) async throws -> ConnectorFetch {
        let url = BoardURL.make(baseURL, path: ["v1", "boards", source.board, "jobs"], query: [("content", "true")])
        let response = try await http.get(url, for: source)
        let board = try http.decode(GreenhouseWire.Board.self, from: response.body, for: source)
        var collector = PostingCollector()
        for row in board.jobs {
            collector.add(row) { job throws(RowRejection) in try Self.draft(job, source: source) }
        }
        return collector.fetch(requests: response.requests)
    }

    static func draft(_ job: GreenhouseWire.Job, source: JobSource) throws(RowRejection) -> PostingDraft {
        let id = try RowCheck.required(job.id?.value, "id")
        let title = try RowCheck.required(job.title, "title")
        let metadata = GreenhouseMetadata(job.metadata ?? [])
        let officeLocations = (job.offices ?? []).map { $0.locationName ?? $0.name }
        let location = RowCheck.nonBlank(job.location?.name)
        return PostingDraft(
            source: Self.id, externalId: id, title: title,
            company: RowCheck.nonBlank(job.companyName) ?? source.name,
            locations: location.map { [$0] } ?? RowCheck.distinct(officeLocations),
            remote: metadata.remote, workplaceHint: metadata.workplace, employmentTypeHint: metadata.employmentType,
            salary: metadata.salary, descriptionHtml: job.content.map(BoardHTML.unescapeOnce),
            tags: RowCheck.distinct((job.departments ?? []).map(\.name)),
            postedAt: BoardDates.parse(job.firstPublished), updatedAt: BoardDates.parse(job.updatedAt),
            applyUrl: RowCheck.nonBlank(job.absoluteURL))
    }
}

/// Greenhouse's answer, as documented (developers.greenhouse.io/job-board.html).
enum GreenhouseWire {
    struct Board: Decodable {
        var jobs: [BoardRow<Job>]
    }

    struct Job: Decodable {
        var id: BoardID?
        var title: String?
        var updatedAt: String?
        var firstPublished: String?
        var companyName: String?
        var location: Named?
        var absoluteURL: String?
        var metadata: [Metadata]?
        var content: String?
        var departments: [Named]?
        var offices: [Office]?

        enum CodingKeys: String, CodingKey {
            case id, title, location, metadata, content, departments, offices
            case updatedAt = "updated_at"
            case firstPublished = "first_published"
            case companyName = "company_name"
            case absoluteURL = "absolute_url"
        }
    }

    struct Named: Decodable {
        var name: String?
    }

    struct Office: Decodable {
        var name: String?
        /// A string in the documentation; an object with a `name` has been seen too.
        var location: JSONValue?

        var locationName: String? {
            switch location {
            case .string(let text): text
            case .object(let object): if case .string(let text)? = object["name"] { text } else { nil }
            default: nil
            }
        }
    }

    /// A custom field the employer exposes: `{"name", "value", "value_type"}`,
    /// the value a string, a list, or for money `{"min_value","max_value","unit"}`.
    struct Metadata: Decodable {
        var name: String?
        var value: JSONValue?
        var valueType: String?

        enum CodingKeys: String, CodingKey {
            case name, value
            case valueType = "value_type"
        }
    }
}

/// What Greenhouse's free-form metadata says about workplace, type and pay,
/// read from the field names employers commonly use.
struct GreenhouseMetadata {
    var remote: Bool?
    var workplace: String?
    var employmentType: String?
    var salary: PostingDraft.SalaryHint?

    init(_ fields: [GreenhouseWire.Metadata]) {
        for field in fields {
            guard let name = field.name?.lowercased(), let value = field.value else { continue }
            if name.contains("workplace") || name.contains("remote") || name.contains("location type") {
                switch value {
                case .string(let text): workplace = workplace ?? RowCheck.nonBlank(text)
                case .bool(let flag) where name.contains("remote"): remote = flag
                default: break
                }
            } else if name.contains("employment") || name.contains("job type") || name.contains("time type") {
                if case .string(let text) = value { employmentType = employmentType ?? RowCheck.nonBlank(text) }
            } else if name.contains("salary") || name.contains("compensation") || name.contains("pay") {
                salary = salary ?? Self.salary(value)
            }
        }
    }

    private static func salary(_ value: JSONValue) -> PostingDraft.SalaryHint? {
        switch value {
        case .string(let text):
            return RowCheck.nonBlank(text).map { PostingDraft.SalaryHint(text: $0) }
        case .object(let object):
            let min = number(object["min_value"]) ?? number(object["value"])
            let max = number(object["max_value"]) ?? number(object["value"])
            guard min != nil || max != nil else { return nil }
            var currency: String?
            if case .string(let unit)? = object["unit"] { currency = RowCheck.nonBlank(unit) }
            return PostingDraft.SalaryHint(min: min, max: max, currency: currency)
        default:
            return nil
        }
    }

    private static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .number(let number): number
        case .string(let text): BoardNumber.parse(text)
        default: nil
        }
    }
}
