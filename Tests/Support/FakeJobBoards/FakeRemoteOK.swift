import Foundation
import Hummingbird

/// A wire-faithful fake of RemoteOK's API:
///
/// - `GET /api` → one JSON array: first the legal notice
///   `{"last_updated": …, "legal": "API Terms of Service: …"}`, then every job
///   (no paging; RemoteOK serves one feed).
/// - A job: `slug`, `id` (numeric text), `epoch` (Unix seconds), `date`
///   (ISO 8601), `company`, `company_logo`, `logo`, `position` (the title),
///   `tags`, `description` (HTML), `location`, `salary_min`/`salary_max` (0
///   when not given), `apply_url`, `url` (the job's page on RemoteOK), `original`.
///
/// The feed is the board named `FakeRemoteOK.feed`; `setListings` fills it.
public final class FakeRemoteOK: FakeJobBoard {
    public static let feed = "remoteok"
    public static let legalNotice =
        "API Terms of Service: Please link back (with follow, and without nofollow!) to the URL on Remote OK and"
        + " mention Remote OK as a source, so we get traffic back from your site."

    public let baseURL: String
    public let controls = FakeBoardControls()

    init(baseURL: String) {
        self.baseURL = baseURL
        controls.setBoard(Self.feed, [])
    }

    public static func run<T>(_ body: (FakeRemoteOK) async throws -> T) async throws -> T {
        try await serve(FakeRemoteOK.init(baseURL:), routes: { $0.routes($1) }, body)
    }

    /// What the feed lists after the legal notice.
    public func setListings(_ rows: [FakeBoardRow]) { controls.setBoard(Self.feed, rows) }

    private func routes(_ router: Router<BasicRequestContext>) {
        router.get("/api") { _, _ in
            let legal = FakeBoardJSON.serialize(["last_updated": 1_767_225_600, "legal": Self.legalNotice])
            let jobs = FakeBoardJSON.rows(self.controls.rows(of: Self.feed) ?? []) { self.job($0) }
            return FakeBoardJSON.response(FakeBoardJSON.array([legal] + jobs))
        }
    }

    /// The job's page on RemoteOK, its `url`.
    public static func url(of posting: FakeJobPosting) -> String {
        "https://remoteOK.com/remote-jobs/\(slug(of: posting))"
    }

    static func slug(of posting: FakeJobPosting) -> String {
        "remote-\(FakeJobPosting.slug(posting.title))-\(FakeJobPosting.slug(posting.company ?? "company"))-\(posting.id)"
    }

    private func job(_ posting: FakeJobPosting) -> [String: Any] {
        let slug = Self.slug(of: posting)
        let logo = "https://remoteok.com/assets/img/jobs/\(posting.id).png"
        return [
            "slug": slug, "id": posting.id, "epoch": Int(posting.postedAt.timeIntervalSince1970),
            "date": FakeBoardJSON.timestamp(posting.postedAt).replacingOccurrences(of: "Z", with: "+00:00"),
            "company": posting.company ?? "", "company_logo": logo, "logo": logo, "position": posting.title,
            "tags": posting.tags, "description": posting.descriptionHtml,
            "location": posting.locations.first ?? "", "salary_min": Int(posting.salary?.min ?? 0),
            "salary_max": Int(posting.salary?.max ?? 0),
            "apply_url": "https://remoteOK.com/remote-jobs/l/\(posting.id)",
            "url": Self.url(of: posting), "original": true, "verified": true,
        ]
    }
}
