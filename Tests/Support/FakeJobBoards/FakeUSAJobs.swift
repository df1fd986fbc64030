import Foundation
import HTTPTypes
import Hummingbird

/// A wire-faithful fake of USAJobs' search API (developer.usajobs.gov):
///
/// - `GET /api/search?Keyword=&ResultsPerPage=&Page=` (the path is matched
///   case-insensitively, as USAJobs does) with `User-Agent: {e-mail}` and
///   `Authorization-Key: {key}`, else 401.
/// - Answer: `{"LanguageCode": "EN", "SearchParameters": {}, "SearchResult":
///   {"SearchResultCount", "SearchResultCountAll", "SearchResultItems": [...],
///   "UserArea": {"NumberOfPages": "3", "IsRadialSearch": false}}}`; like
///   USAJobs, `NumberOfPages` is text. `ResultsPerPage` defaults to 250, at most 500.
/// - An item: `MatchedObjectId`, `MatchedObjectDescriptor` {`PositionID`,
///   `PositionTitle`, `PositionURI`, `ApplyURI` [..], `PositionLocation`
///   [{`LocationName`, …}], `OrganizationName` (the posting's company),
///   `DepartmentName` (its department), `JobCategory` [{`Name`, `Code`}],
///   `PositionSchedule` [{`Name`, `Code`}] (its employment type),
///   `PositionRemuneration` [{`MinimumRange`, `MaximumRange` (text),
///   `RateIntervalCode` (its salary interval), `Description`}],
///   `PublicationStartDate` ("2026-01-01T00:00:00.0000", no zone),
///   `UserArea.Details` {`JobSummary` (the description), `MajorDuties` (the
///   first section's items), `TeleworkEligible` (a workplace type is set),
///   `RemoteIndicator`}, `QualificationSummary` (the closing)}.
///
/// Every search is answered from the board named `FakeUSAJobs.results` (`setListings`).
public final class FakeUSAJobs: FakeJobBoard {
    public static let apiKey = "fake-usajobs-key-ZmFrZS1rZXk="
    public static let email = "jobs-ingest@careergini.example"
    public static let results = "usajobs"

    public let baseURL: String
    public let controls = FakeBoardControls()

    init(baseURL: String) {
        self.baseURL = baseURL
        controls.setBoard(Self.results, [])
    }

    public static func run<T>(_ body: (FakeUSAJobs) async throws -> T) async throws -> T {
        try await serve(FakeUSAJobs.init(baseURL:), routes: { $0.routes($1) }, body)
    }

    public func setListings(_ rows: [FakeBoardRow]) { controls.setBoard(Self.results, rows) }

    private func routes(_ router: Router<BasicRequestContext>) {
        for path in ["/api/search", "/api/Search"] {
            router.get(RouterPath(path)) { request, _ in self.search(request) }
        }
    }

    private func search(_ request: Request) -> Response {
        guard request.headers[.userAgent] == Self.email,
            request.headers[HTTPField.Name("Authorization-Key")!] == Self.apiKey
        else {
            return FakeBoardJSON.response(
                #"{"Message":"Authorization has been denied for this request."}"#, status: 401)
        }
        let query = request.uri.queryParameters
        let page = max(1, query.get("Page").flatMap { Int($0) } ?? 1)
        let perPage = min(500, max(1, query.get("ResultsPerPage").flatMap { Int($0) } ?? 250))
        let rows = controls.rows(of: Self.results) ?? []
        let start = min(rows.count, (page - 1) * perPage)
        let slice = Array(rows[start..<min(rows.count, start + perPage)])
        let pages = max(1, (rows.count + perPage - 1) / perPage)
        let items = FakeBoardJSON.rows(slice) { self.item($0) }
        let result = FakeBoardJSON.object(
            [
                "SearchResultCount": slice.count, "SearchResultCountAll": rows.count,
                "UserArea": ["NumberOfPages": String(pages), "IsRadialSearch": false] as [String: Any],
            ], raw: ["SearchResultItems": FakeBoardJSON.array(items)])
        return FakeBoardJSON.response(
            FakeBoardJSON.object(
                ["LanguageCode": "EN", "SearchParameters": [String: Any]()], raw: ["SearchResult": result]))
    }

    private func item(_ posting: FakeJobPosting) -> [String: Any] {
        let uri = Self.positionURI(of: posting)
        var descriptor: [String: Any] = [
            "PositionID": "VA-\(posting.id)", "PositionTitle": posting.title, "PositionURI": uri,
            "ApplyURI": [uri + "?apply=1"],
            "PositionLocationDisplay": posting.locations.joined(separator: "; "),
            "PositionLocation": posting.locations.map { location in
                ["LocationName": location, "CountryCode": "United States", "Longitude": -77.0, "Latitude": 38.9]
                    as [String: Any]
            },
            "OrganizationName": posting.company ?? "Department of Examples",
            "DepartmentName": posting.department ?? NSNull(),
            "JobCategory": [["Name": "Information Technology Management", "Code": "2210"]],
            "JobGrade": [["Code": "GS"]],
            "PositionSchedule": posting.employmentType.map { [["Name": $0, "Code": "1"]] } ?? [],
            "PositionOfferingType": [["Name": "Permanent", "Code": "15317"]],
            "QualificationSummary": posting.closingHtml ?? NSNull(),
            "PublicationStartDate": Self.timestamp(posting.postedAt),
            "ApplicationCloseDate": Self.timestamp(posting.postedAt.addingTimeInterval(30 * 86_400)),
            "UserArea": [
                "Details": [
                    "JobSummary": posting.descriptionHtml,
                    "MajorDuties": posting.sections.first?.items ?? [],
                    "TeleworkEligible": posting.workplaceType != nil,
                    "RemoteIndicator": posting.remote ?? false,
                ] as [String: Any],
                "IsRadialSearch": false,
            ] as [String: Any],
        ]
        if let salary = posting.salary {
            descriptor["PositionRemuneration"] = [
                [
                    "MinimumRange": salary.min.map { String(format: "%.1f", $0) } ?? NSNull(),
                    "MaximumRange": salary.max.map { String(format: "%.1f", $0) } ?? NSNull(),
                    "RateIntervalCode": salary.interval, "Description": salary.summary ?? "Per Year",
                ] as [String: Any]
            ]
        }
        return ["MatchedObjectId": posting.id, "MatchedObjectDescriptor": descriptor, "RelevanceRank": 0]
    }

    /// The announcement's page, its `PositionURI`.
    public static func positionURI(of posting: FakeJobPosting) -> String {
        "https://www.usajobs.gov:443/GetJob/ViewDetails/\(posting.id)"
    }

    /// USAJobs' timestamps: no zone, four fraction digits.
    static func timestamp(_ date: Date) -> String {
        String(FakeBoardJSON.timestamp(date).dropLast()) + ".0000"
    }
}
