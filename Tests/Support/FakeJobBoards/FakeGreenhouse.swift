import Foundation
import Hummingbird

/// A wire-faithful fake of Greenhouse's Job Board API
/// (developers.greenhouse.io/job-board.html):
///
/// - `GET /v1/boards/{board_token}/jobs` → `{"jobs": [...], "meta": {"total": N}}`,
///   every job of the board in one answer (Greenhouse does not page this list);
///   with `?content=true` each job also carries `content` (the description as
///   entity-ESCAPED HTML: `&lt;p&gt;…`), `departments` and `offices`.
/// - A job: `id` and `internal_job_id` (numbers), `title`, `updated_at` and
///   `first_published` (ISO 8601 with an offset), `requisition_id`,
///   `location: {"name"}` (the locations joined with "; "), `absolute_url`,
///   `company_name`, and `metadata` (null, or custom fields: "Workplace Type",
///   "Employment Type", and a "Salary Range" `currency_range` with string amounts).
/// - An unknown token: 404 `{"status": 404, "error": "Job not found"}`.
public final class FakeGreenhouse: FakeJobBoard {
    public let baseURL: String
    public let controls = FakeBoardControls()

    init(baseURL: String) {
        self.baseURL = baseURL
    }

    public static func run<T>(_ body: (FakeGreenhouse) async throws -> T) async throws -> T {
        try await serve(FakeGreenhouse.init(baseURL:), routes: { $0.routes($1) }, body)
    }

    private func routes(_ router: Router<BasicRequestContext>) {
        router.get("/v1/boards/:token/jobs") { request, context in
            let token = context.parameters.get("token") ?? ""
            guard let rows = self.controls.rows(of: token) else {
                return FakeBoardJSON.response(#"{"status":404,"error":"Job not found"}"#, status: 404)
            }
            let content = request.uri.queryParameters.get("content") == "true"
            let jobs = FakeBoardJSON.rows(rows) { self.job($0, token: token, content: content) }
            return FakeBoardJSON.response(
                FakeBoardJSON.object(["meta": ["total": rows.count]], raw: ["jobs": FakeBoardJSON.array(jobs)]))
        }
    }

    private func job(_ posting: FakeJobPosting, token: String, content: Bool) -> [String: Any] {
        var job: [String: Any] = [
            "id": posting.numericId, "internal_job_id": posting.numericId + 7_000_000, "title": posting.title,
            "updated_at": Self.timestamp(posting.updatedAt), "first_published": Self.timestamp(posting.postedAt),
            "requisition_id": "REQ-\(posting.id)", "location": ["name": posting.locations.joined(separator: "; ")],
            "absolute_url": "https://job-boards.greenhouse.io/\(token)/jobs/\(posting.numericId)",
            "company_name": posting.company ?? NSNull(), "language": "en",
            "data_compliance": [["type": "gdpr", "requires_consent": false, "retention_period": NSNull()]],
        ]
        var metadata: [[String: Any]] = []
        if let workplace = posting.workplaceType {
            metadata.append(["id": 4_101, "name": "Workplace Type", "value": workplace, "value_type": "single_select"])
        }
        if let type = posting.employmentType {
            metadata.append(["id": 4_102, "name": "Employment Type", "value": type, "value_type": "single_select"])
        }
        if let salary = posting.salary {
            let range: [String: Any] = [
                "min_value": salary.min.map { String(format: "%.1f", $0) } ?? NSNull(),
                "max_value": salary.max.map { String(format: "%.1f", $0) } ?? NSNull(), "unit": salary.currency,
            ]
            metadata.append(["id": 4_103, "name": "Salary Range", "value": range, "value_type": "currency_range"])
        }
        job["metadata"] = metadata.isEmpty ? NSNull() : metadata
        if content {
            job["content"] = Self.escape(posting.descriptionHtml)
            job["departments"] =
                posting.department.map { [["id": 13_583, "name": $0, "parent_id": NSNull(), "child_ids": []]] } ?? []
            job["offices"] = posting.locations.enumerated().map { index, location in
                ["id": 8_304 + index, "name": location, "location": location, "parent_id": NSNull(), "child_ids": []]
                    as [String: Any]
            }
        }
        return job
    }

    /// Greenhouse's timestamps: local time with an offset ("2016-01-14T10:55:28-05:00").
    static func timestamp(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: TimeZone(secondsFromGMT: -5 * 3600)!))
    }

    /// HTML as Greenhouse escapes it into `content`.
    static func escape(_ html: String) -> String {
        html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
