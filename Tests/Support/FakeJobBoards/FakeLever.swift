import Foundation
import Hummingbird

/// A wire-faithful fake of Lever's Postings API (github.com/lever/postings-api):
///
/// - `GET /v0/postings/{site}?mode=json&skip=N&limit=M` → a JSON array of
///   postings, `skip` and `limit` applied in order (no `limit`: all of them).
/// - A posting: `id`, `text` (the title), `categories` {`location`,
///   `commitment`, `team`, `department`, `allLocations`}, `country`,
///   `description`/`descriptionPlain`, `opening`, `descriptionBody`, `lists`
///   [{`text`, `content`: "<li>…</li>"}], `additional`/`additionalPlain`,
///   `hostedUrl`, `applyUrl`, `createdAt` (Unix milliseconds), `workplaceType`
///   ("remote", "hybrid", "on-site", "unspecified"), and `salaryRange`
///   {`min`, `max`, `currency`, `interval`} only when a salary is set.
/// - An unknown site: 404 `{"ok": false, "error": "Document not found"}`.
public final class FakeLever: FakeJobBoard {
    public let baseURL: String
    public let controls = FakeBoardControls()

    init(baseURL: String) {
        self.baseURL = baseURL
    }

    public static func run<T>(_ body: (FakeLever) async throws -> T) async throws -> T {
        try await serve(FakeLever.init(baseURL:), routes: { $0.routes($1) }, body)
    }

    private func routes(_ router: Router<BasicRequestContext>) {
        router.get("/v0/postings/:site") { request, context in
            let site = context.parameters.get("site") ?? ""
            guard let rows = self.controls.rows(of: site) else {
                return FakeBoardJSON.response(#"{"ok":false,"error":"Document not found"}"#, status: 404)
            }
            let query = request.uri.queryParameters
            let skip = max(0, query.get("skip").flatMap { Int($0) } ?? 0)
            let limit = query.get("limit").flatMap { Int($0) }.map { max(0, $0) } ?? rows.count
            let page = rows.dropFirst(skip).prefix(limit)
            let postings = FakeBoardJSON.rows(Array(page)) { self.posting($0, site: site) }
            return FakeBoardJSON.response(FakeBoardJSON.array(postings))
        }
    }

    private func posting(_ posting: FakeJobPosting, site: String) -> [String: Any] {
        let hosted = "https://jobs.lever.co/\(site)/\(posting.id)"
        let plain = Self.plainText(posting.descriptionHtml)
        var object: [String: Any] = [
            "id": posting.id, "text": posting.title,
            "categories": [
                "location": posting.locations.first ?? NSNull(), "commitment": posting.employmentType ?? NSNull(),
                "team": posting.team ?? NSNull(), "department": posting.department ?? NSNull(),
                "allLocations": posting.locations,
            ] as [String: Any],
            "country": "DE", "opening": "", "openingPlain": "", "description": posting.descriptionHtml,
            "descriptionPlain": plain, "descriptionBody": posting.descriptionHtml, "descriptionBodyPlain": plain,
            "lists": posting.sections.map { section in
                ["text": section.title, "content": section.items.map { "<li>\($0)</li>" }.joined()]
            },
            "additional": posting.closingHtml ?? "", "additionalPlain": Self.plainText(posting.closingHtml ?? ""),
            "hostedUrl": hosted, "applyUrl": hosted + "/apply",
            "createdAt": Int64(posting.postedAt.timeIntervalSince1970 * 1000),
            "workplaceType": posting.workplaceType ?? "unspecified",
        ]
        if let salary = posting.salary {
            object["salaryRange"] =
                [
                    "min": salary.min ?? NSNull(), "max": salary.max ?? NSNull(), "currency": salary.currency,
                    "interval": salary.interval,
                ] as [String: Any]
            object["salaryDescriptionPlain"] = salary.summary ?? NSNull()
        }
        return object
    }

    static func plainText(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
    }
}
