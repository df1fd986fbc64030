import Logging

/// Lever's Postings API: `GET /v0/postings/{site}?mode=json&skip=N&limit=100`,
/// a JSON array per page, read until a page comes back short (at most
/// `maxPages`); 404 for an unknown site.
///
/// The description is Lever's styled `description`, then each of its `lists`
/// as a heading and a list, then the closing `additional`: the posting as its
/// hosted page shows it.
struct LeverConnector: JobBoardConnector {
    static let id = "lever"

    let baseURL: String
    let http: JobBoardHTTP
    /// Postings per request (Lever's `limit`).
    var pageSize: Int
    /// A bound on the requests one board costs.
    var maxPages: Int

    init(baseURL: String, http: JobBoardHTTP, pageSize: Int = 100, maxPages: Int = 50) {
        self.baseURL = baseURL
        self.http = http
        self.pageSize = max(1, pageSize)
        self.maxPages = max(1, maxPages)
    }

    var provider: String { Self.id }

    func fetch(_ source: JobSource) async throws -> ConnectorFetch {
        var collector = PostingCollector()
        var requests = 0
        for page in 0..<maxPages {
            let url = BoardURL.make(
                baseURL, path: ["v0", "postings", source.board],
                query: [("mode", "json"), ("skip", String(page * pageSize)), ("limit", String(pageSize))])
            let response = try await http.get(url, for: source)
            requests += response.requests
            let rows = try http.decode([BoardRow<LeverWire.Posting>].self, from: response.body, for: source)
            for row in rows {
                collector.add(row) { posting throws(RowRejection) in try Self.draft(posting, source: source) }
            }
            if rows.count < pageSize { return collector.fetch(requests: requests) }
        }
        http.logger.warning(
            "stopped reading a Lever site at the page cap",
            metadata: ["board": .string(source.board), "pages": .stringConvertible(maxPages)])
        return collector.fetch(requests: requests)
    }

    static func draft(_ posting: LeverWire.Posting, source: JobSource) throws(RowRejection) -> PostingDraft {
        let id = try RowCheck.required(posting.id?.value, "id")
        let title = try RowCheck.required(posting.text, "title")
        let categories = posting.categories
        let allLocations = RowCheck.distinct(categories?.allLocations ?? [])
        let workplace = RowCheck.nonBlank(posting.workplaceType).flatMap { $0 == "unspecified" ? nil : $0 }
        return PostingDraft(
            source: Self.id, externalId: id, title: title, company: source.name,
            locations: allLocations.isEmpty ? RowCheck.distinct([categories?.location]) : allLocations,
            workplaceHint: workplace, employmentTypeHint: RowCheck.nonBlank(categories?.commitment),
            salary: salary(posting), descriptionHtml: description(posting),
            tags: RowCheck.distinct([categories?.department, categories?.team]),
            postedAt: BoardDates.epochMilliseconds(posting.createdAt?.value),
            updatedAt: BoardDates.epochMilliseconds(posting.updatedAt?.value),
            applyUrl: RowCheck.nonBlank(posting.applyUrl) ?? RowCheck.nonBlank(posting.hostedUrl))
    }

    /// `description`, each list as `<h3>text</h3><ul>content</ul>`, then `additional`.
    static func description(_ posting: LeverWire.Posting) -> String? {
        var html = RowCheck.nonBlank(posting.description) ?? posting.descriptionPlain.map(BoardHTML.paragraphs) ?? ""
        for list in posting.lists ?? [] {
            let heading = RowCheck.nonBlank(list.text).map { "<h3>\(BoardHTML.escape($0))</h3>" } ?? ""
            let items = RowCheck.nonBlank(list.content).map { "<ul>\($0)</ul>" } ?? ""
            html += heading + items
        }
        html += RowCheck.nonBlank(posting.additional) ?? ""
        return html.isEmpty ? nil : html
    }

    static func salary(_ posting: LeverWire.Posting) -> PostingDraft.SalaryHint? {
        let range = posting.salaryRange
        let text = RowCheck.nonBlank(posting.salaryDescriptionPlain)
        guard range?.min?.value != nil || range?.max?.value != nil || text != nil else { return nil }
        return PostingDraft.SalaryHint(
            min: range?.min?.value, max: range?.max?.value, currency: RowCheck.nonBlank(range?.currency),
            period: RowCheck.nonBlank(range?.interval), text: text)
    }
}

/// A Lever posting, as documented (github.com/lever/postings-api).
enum LeverWire {
    struct Posting: Decodable {
        var id: BoardID?
        var text: String?
        var categories: Categories?
        var description: String?
        var descriptionPlain: String?
        var lists: [ListSection]?
        var additional: String?
        var hostedUrl: String?
        var applyUrl: String?
        var createdAt: BoardNumber?
        var updatedAt: BoardNumber?
        var workplaceType: String?
        var salaryRange: SalaryRange?
        var salaryDescriptionPlain: String?
    }

    struct Categories: Decodable {
        var location: String?
        var commitment: String?
        var team: String?
        var department: String?
        var allLocations: [String]?
    }

    struct ListSection: Decodable {
        var text: String?
        /// Unstyled HTML list items (`<li>…</li>`).
        var content: String?
    }

    struct SalaryRange: Decodable {
        var min: BoardNumber?
        var max: BoardNumber?
        var currency: String?
        /// "per-year-salary", "per-month-salary", "per-hour-wage", ...
        var interval: String?
    }
}
