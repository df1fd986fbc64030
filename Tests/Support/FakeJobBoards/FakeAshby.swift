import Foundation
import Hummingbird

/// A wire-faithful fake of Ashby's public job posting API:
///
/// - `GET /posting-api/job-board/{board}` → `{"apiVersion": "1", "jobs": [...]}`,
///   the whole board in one answer (no paging). `compensation` is present only
///   with `?includeCompensation=true`.
/// - A job: `id`, `title`, `department`, `team`, `employmentType` ("FullTime",
///   "PartTime", "Intern", "Contract", "Temporary"), `location`,
///   `secondaryLocations` [{`location`, `address`}], `isRemote`, `workplaceType`
///   ("OnSite", "Remote", "Hybrid"), `isListed`, `publishedAt` (ISO 8601 with
///   milliseconds and an offset), `jobUrl`, `applyUrl`, `descriptionHtml`,
///   `descriptionPlain`, `shouldDisplayCompensationOnJobPostings`.
/// - `compensation`: `compensationTierSummary`,
///   `scrapeableCompensationSalarySummary`, `compensationTiers` [{`components`:
///   [{`compensationType`: "Salary", `interval`: "1 YEAR", `currencyCode`,
///   `minValue`, `maxValue`}]}] and `summaryComponents`.
/// - An unknown board: 404.
public final class FakeAshby: FakeJobBoard {
    public let baseURL: String
    public let controls = FakeBoardControls()

    init(baseURL: String) {
        self.baseURL = baseURL
    }

    public static func run<T>(_ body: (FakeAshby) async throws -> T) async throws -> T {
        try await serve(FakeAshby.init(baseURL:), routes: { $0.routes($1) }, body)
    }

    private func routes(_ router: Router<BasicRequestContext>) {
        router.get("/posting-api/job-board/:board") { request, context in
            let board = context.parameters.get("board") ?? ""
            guard let rows = self.controls.rows(of: board) else {
                return FakeBoardJSON.response(
                    #"{"success":false,"errors":["Job board not found"],"errorInfo":{"code":"not_found"}}"#,
                    status: 404)
            }
            let compensation = request.uri.queryParameters.get("includeCompensation") == "true"
            let jobs = FakeBoardJSON.rows(rows) { self.job($0, board: board, compensation: compensation) }
            return FakeBoardJSON.response(
                FakeBoardJSON.object(["apiVersion": "1"], raw: ["jobs": FakeBoardJSON.array(jobs)]))
        }
    }

    private func job(_ posting: FakeJobPosting, board: String, compensation: Bool) -> [String: Any] {
        let jobURL = "https://jobs.ashbyhq.com/\(board)/\(posting.id)"
        var job: [String: Any] = [
            "id": posting.id, "title": posting.title, "department": posting.department ?? NSNull(),
            "team": posting.team ?? NSNull(), "employmentType": posting.employmentType ?? "FullTime",
            "location": posting.locations.first ?? NSNull(),
            "secondaryLocations": posting.locations.dropFirst().map { location in
                ["location": location, "address": ["postalAddress": ["addressLocality": location]]]
            },
            "isRemote": posting.remote ?? false, "workplaceType": posting.workplaceType ?? NSNull(),
            "isListed": posting.listed, "publishedAt": FakeBoardJSON.timestampWithFraction(posting.postedAt),
            "jobUrl": jobURL, "applyUrl": jobURL + "/application", "descriptionHtml": posting.descriptionHtml,
            "descriptionPlain": FakeLever.plainText(posting.descriptionHtml),
            "shouldDisplayCompensationOnJobPostings": posting.salary != nil,
        ]
        if compensation {
            job["compensation"] = Self.compensation(posting.salary)
        }
        return job
    }

    private static func compensation(_ salary: FakeJobPosting.Salary?) -> [String: Any] {
        guard let salary else {
            return [
                "compensationTierSummary": NSNull(), "scrapeableCompensationSalarySummary": NSNull(),
                "compensationTiers": [], "summaryComponents": [],
            ]
        }
        let component: [String: Any] = [
            "id": "c-\(FakeBoardJSON.stableNumber(salary.summary ?? "salary"))", "summary": salary.summary ?? NSNull(),
            "compensationType": "Salary", "interval": salary.interval, "currencyCode": salary.currency,
            "minValue": salary.min ?? NSNull(), "maxValue": salary.max ?? NSNull(),
        ]
        let equity: [String: Any] = [
            "id": "c-equity", "summary": "Offers Equity", "compensationType": "EquityPercentage",
            "interval": "NONE", "currencyCode": NSNull(), "minValue": NSNull(), "maxValue": NSNull(),
        ]
        return [
            "compensationTierSummary": salary.summary.map { $0 + " • Offers Equity" } ?? NSNull(),
            "scrapeableCompensationSalarySummary": salary.summary ?? NSNull(),
            "compensationTiers": [
                [
                    "id": "tier-1", "title": "Zone A", "additionalInformation": NSNull(),
                    "tierSummary": salary.summary ?? NSNull(), "components": [component, equity],
                ] as [String: Any]
            ],
            "summaryComponents": [component, equity],
        ]
    }
}
