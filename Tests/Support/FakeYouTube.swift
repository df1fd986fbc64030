import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// A wire-faithful fake of the two YouTube Data API v3 methods learning-service
/// calls, built from Google's documentation:
///
/// - `GET /search` (`search.list`, 100 quota units): `part=snippet` required,
///   `type=video` required with `videoEmbeddable`, `maxResults` 0…50 (default 5),
///   `q` matched against titles and descriptions (every word of two letters or
///   more), newest first. A `youtube#searchListResponse` whose snippet titles
///   and descriptions are HTML-escaped, as YouTube's are ("&#39;", "&amp;").
/// - `GET /videos` (`videos.list`, 1 unit): `part` among snippet, statistics,
///   contentDetails; `id` a comma-separated list of at most 50; unknown ids
///   are left out. Counts are strings, durations ISO 8601.
/// - The key: missing → 403 `forbidden` ("The request is missing a valid API
///   key."), other than `acceptedKey` → 400 `badRequest` with `API_KEY_INVALID`
///   in `details`. Neither is charged.
/// - Quota: each answered call is charged its cost; one that would pass
///   `dailyQuota` is refused with 403 `quotaExceeded` (domain `youtube.quota`).
///   `resetQuota()` is midnight Pacific time.
/// - Faults queued with `failNext`: 500 `backendError`, 503, and 403
///   `rateLimitExceeded` — charged like any call, as on YouTube.
///
/// Every request is recorded (path and query, decoded).
public final class FakeYouTube: Sendable {
    public struct Video: Sendable, Equatable {
        public var id: String
        public var title: String
        public var description: String
        public var channelTitle: String
        public var publishedAt: Date
        public var viewCount: Int
        /// ISO 8601, e.g. "PT25M10S".
        public var duration: String
        public var defaultAudioLanguage: String?
        /// "none", "live" or "upcoming".
        public var liveBroadcastContent: String

        public init(
            id: String, title: String, description: String = "", channelTitle: String = "Teaching Channel",
            publishedAt: Date = Date(timeIntervalSince1970: 1_700_000_000), viewCount: Int = 1000,
            duration: String = "PT20M", defaultAudioLanguage: String? = "en", liveBroadcastContent: String = "none"
        ) {
            self.id = id
            self.title = title
            self.description = description
            self.channelTitle = channelTitle
            self.publishedAt = publishedAt
            self.viewCount = viewCount
            self.duration = duration
            self.defaultAudioLanguage = defaultAudioLanguage
            self.liveBroadcastContent = liveBroadcastContent
        }
    }

    public enum Fault: Sendable, Equatable {
        /// 500 with reason `backendError`.
        case backendError
        /// 503 with reason `backendError`.
        case unavailable
        /// 403 with reason `rateLimitExceeded` (too many requests a second).
        case rateLimitExceeded
    }

    public struct RecordedRequest: Sendable {
        public var path: String
        public var query: [String: String]
        public var rawQuery: String
        public var status: Int
    }

    public static let searchCost = 100
    public static let videosCost = 1

    public let baseURL: String
    public let acceptedKey: String

    private struct State {
        var videos: [Video] = []
        var dailyQuota: Int
        var unitsUsed = 0
        var faults: [Fault] = []
        var delay: Duration = .zero
        var requests: [RecordedRequest] = []
        var stopping = false
    }

    private let state: Mutex<State>

    init(baseURL: String, acceptedKey: String, dailyQuota: Int) {
        self.baseURL = baseURL
        self.acceptedKey = acceptedKey
        self.state = Mutex(State(dailyQuota: dailyQuota))
    }

    /// Starts a fake on a free port, runs `body`, then stops it.
    public static func run<T>(
        acceptedKey: String = "fake-youtube-key", dailyQuota: Int = 10_000, _ body: (FakeYouTube) async throws -> T
    ) async throws -> T {
        try await withTestServer(
            serving: { baseURL in
                let fake = FakeYouTube(baseURL: baseURL, acceptedKey: acceptedKey, dailyQuota: dailyQuota)
                return (fake, fake.router())
            }, beforeStop: { $0.state.withLock { $0.stopping = true } }, body)
    }

    // MARK: - Knobs and observations

    public func addVideos(_ videos: [Video]) {
        state.withLock { $0.videos += videos }
    }

    public var dailyQuota: Int {
        get { state.withLock { $0.dailyQuota } }
        set { state.withLock { $0.dailyQuota = newValue } }
    }

    public var unitsUsed: Int { state.withLock { $0.unitsUsed } }

    /// Midnight Pacific time: the day's quota starts afresh.
    public func resetQuota() {
        state.withLock { $0.unitsUsed = 0 }
    }

    /// The next requests get these faults, in order.
    public func failNext(_ faults: [Fault]) {
        state.withLock { $0.faults += faults }
    }

    /// How long every answer takes.
    public var delay: Duration {
        get { state.withLock { $0.delay } }
        set { state.withLock { $0.delay = newValue } }
    }

    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    public func requestCount(path: String) -> Int { state.withLock { $0.requests.filter { $0.path == path }.count } }

    public func resetRequests() {
        state.withLock { $0.requests.removeAll() }
    }

    // MARK: - Routes

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/search") { request, _ in
            try await self.pause()
            return self.answer(request, cost: Self.searchCost) { self.searchBody($0) }
        }
        router.get("/videos") { request, _ in
            try await self.pause()
            return self.answer(request, cost: Self.videosCost) { self.videosBody($0) }
        }
        return router
    }

    private func pause() async throws {
        let delay = state.withLock { $0.delay }
        guard delay > .zero else { return }
        let deadline = ContinuousClock.now + delay
        while !state.withLock({ $0.stopping }), ContinuousClock.now < deadline {
            try await Task.sleep(for: min(deadline - .now, .milliseconds(10)))
        }
    }

    /// A method's answer or error.
    private enum Outcome {
        case ok([String: Any])
        case error(status: Int, reason: String, message: String, domain: String)
    }

    /// Checks the key, the quota and queued faults in YouTube's order, then
    /// runs the method and charges it.
    private func answer(
        _ request: Request, cost: Int, _ method: ([String: String]) -> Outcome
    ) -> Response {
        let query = Self.decodedQuery(request.uri.query ?? "")
        let response: Response
        if query["key"] == nil {
            response = Self.error(
                status: 403, reason: "forbidden", message: "The request is missing a valid API key.",
                domain: "global", status: "PERMISSION_DENIED")
        } else if query["key"] != acceptedKey {
            response = Self.invalidKey()
        } else {
            response = charged(cost: cost, query: query, method)
        }
        state.withLock {
            $0.requests.append(
                RecordedRequest(
                    path: request.uri.path, query: query, rawQuery: request.uri.query ?? "",
                    status: Int(response.status.code)))
        }
        return response
    }

    private func charged(cost: Int, query: [String: String], _ method: ([String: String]) -> Outcome) -> Response {
        enum Admission {
            case overQuota
            case fault(Fault)
            case admitted
        }
        let admission: Admission = state.withLock { state in
            if state.unitsUsed + cost > state.dailyQuota { return .overQuota }
            state.unitsUsed += cost
            if !state.faults.isEmpty { return .fault(state.faults.removeFirst()) }
            return .admitted
        }
        switch admission {
        case .overQuota:
            return Self.error(
                status: 403, reason: "quotaExceeded",
                message: "The request cannot be completed because you have exceeded your"
                    + " <a href=\"/youtube/v3/getting-started#quota\">quota</a>.",
                domain: "youtube.quota")
        case .fault(.backendError):
            return Self.error(status: 500, reason: "backendError", message: "Backend Error", domain: "global")
        case .fault(.unavailable):
            return Self.error(
                status: 503, reason: "backendError", message: "The service is currently unavailable.",
                domain: "global")
        case .fault(.rateLimitExceeded):
            return Self.error(
                status: 403, reason: "rateLimitExceeded",
                message: "The request cannot be completed because you have exceeded your quota per second.",
                domain: "youtube.quota")
        case .admitted:
            switch method(query) {
            case .ok(let object):
                return Response(
                    status: .ok, headers: [.contentType: "application/json; charset=UTF-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: Self.serialize(object))))
            case .error(let status, let reason, let message, let domain):
                return Self.error(status: status, reason: reason, message: message, domain: domain)
            }
        }
    }

    // MARK: - search.list

    private func searchBody(_ query: [String: String]) -> Outcome {
        guard query["part"] == "snippet" || query["part"]?.split(separator: ",").contains("snippet") == true,
            query["part"]?.split(separator: ",").allSatisfy({ $0 == "id" || $0 == "snippet" }) == true
        else {
            return .error(
                status: 400, reason: "invalidPart", message: "'\(query["part"] ?? "")'", domain: "youtube.part")
        }
        if query["videoEmbeddable"] != nil || query["videoDuration"] != nil, query["type"] != "video" {
            return .error(
                status: 400, reason: "invalidSearchFilter",
                message: "The request contains an invalid combination of search filters and/or restrictions.",
                domain: "youtube.search")
        }
        let maxResults = query["maxResults"].map { Int($0) ?? -1 } ?? 5
        guard (0...50).contains(maxResults) else {
            return .error(
                status: 400, reason: "invalidParameter",
                message: "Invalid value '\(query["maxResults"] ?? "")'. Values must be within the range: [0, 50]",
                domain: "youtube.parameter")
        }
        let words = (query["q"] ?? "").lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "+" && $0 != "#" }
            .filter { $0.count >= 2 }
        let matching = state.withLock { $0.videos }.filter { video in
            let text = (video.title + " " + video.description).lowercased()
            return words.allSatisfy { text.contains($0) }
        }.sorted { $0.publishedAt > $1.publishedAt }
        let items: [[String: Any]] = matching.prefix(maxResults).map { video in
            [
                "kind": "youtube#searchResult", "etag": Self.etag(video.id),
                "id": ["kind": "youtube#video", "videoId": video.id],
                "snippet": [
                    "publishedAt": Self.timestamp(video.publishedAt), "channelId": Self.channelId(video.channelTitle),
                    "title": Self.htmlEscaped(video.title), "description": Self.htmlEscaped(video.description),
                    "thumbnails": Self.thumbnails(video.id), "channelTitle": Self.htmlEscaped(video.channelTitle),
                    "liveBroadcastContent": video.liveBroadcastContent,
                    "publishTime": Self.timestamp(video.publishedAt),
                ] as [String: Any],
            ]
        }
        var object: [String: Any] = [
            "kind": "youtube#searchListResponse", "etag": Self.etag(query["q"] ?? ""), "regionCode": "US",
            "pageInfo": ["totalResults": matching.count, "resultsPerPage": maxResults], "items": items,
        ]
        if matching.count > maxResults { object["nextPageToken"] = "CAoQAA" }
        return .ok(object)
    }

    // MARK: - videos.list

    private func videosBody(_ query: [String: String]) -> Outcome {
        let allowed: Set<Substring> = ["id", "snippet", "statistics", "contentDetails"]
        let parts = Set((query["part"] ?? "").split(separator: ","))
        guard !parts.isEmpty, parts.isSubset(of: allowed) else {
            return .error(
                status: 400, reason: "invalidPart", message: "'\(query["part"] ?? "")'", domain: "youtube.part")
        }
        let ids = (query["id"] ?? "").split(separator: ",").map(String.init)
        guard ids.count <= 50 else {
            return .error(
                status: 400, reason: "invalidParameter", message: "Too many video ids.", domain: "youtube.parameter")
        }
        let videos = state.withLock { $0.videos }
        let items: [[String: Any]] = ids.compactMap { id in
            guard let video = videos.first(where: { $0.id == id }) else { return nil }
            var item: [String: Any] = ["kind": "youtube#video", "etag": Self.etag(id + "v"), "id": id]
            if parts.contains("snippet") {
                var snippet: [String: Any] = [
                    "publishedAt": Self.timestamp(video.publishedAt), "channelId": Self.channelId(video.channelTitle),
                    "title": video.title, "description": video.description, "thumbnails": Self.thumbnails(id),
                    "channelTitle": video.channelTitle, "categoryId": "27",
                    "liveBroadcastContent": video.liveBroadcastContent,
                    "localized": ["title": video.title, "description": video.description],
                ]
                if let language = video.defaultAudioLanguage { snippet["defaultAudioLanguage"] = language }
                item["snippet"] = snippet
            }
            if parts.contains("statistics") {
                item["statistics"] = [
                    "viewCount": String(video.viewCount), "likeCount": String(video.viewCount / 40),
                    "favoriteCount": "0", "commentCount": String(video.viewCount / 500),
                ]
            }
            if parts.contains("contentDetails") {
                item["contentDetails"] =
                    [
                        "duration": video.duration, "dimension": "2d", "definition": "hd", "caption": "false",
                        "licensedContent": true, "contentRating": [String: Any](), "projection": "rectangular",
                    ] as [String: Any]
            }
            return item
        }
        return .ok([
            "kind": "youtube#videoListResponse", "etag": Self.etag(ids.joined()), "items": items,
            "pageInfo": ["totalResults": items.count, "resultsPerPage": items.count],
        ])
    }

    // MARK: - Encoding

    static func error(
        status: Int, reason: String, message: String, domain: String, status text: String? = nil
    )
        -> Response
    {
        var body: [String: Any] = [
            "code": status, "message": message,
            "errors": [["message": message, "domain": domain, "reason": reason]],
        ]
        if let text { body["status"] = text }
        return Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json; charset=UTF-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: serialize(["error": body]))))
    }

    /// What Google answers a key it does not know.
    static func invalidKey() -> Response {
        let message = "API key not valid. Please pass a valid API key."
        let body: [String: Any] = [
            "code": 400, "message": message, "status": "INVALID_ARGUMENT",
            "errors": [["message": message, "domain": "global", "reason": "badRequest"]],
            "details": [
                [
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID",
                    "domain": "googleapis.com", "metadata": ["service": "youtube.googleapis.com"],
                ] as [String: Any]
            ],
        ]
        return Response(
            status: .badRequest, headers: [.contentType: "application/json; charset=UTF-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: serialize(["error": body]))))
    }

    /// YouTube's escaping of snippet text.
    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    static func decodedQuery(_ raw: String) -> [String: String] {
        var query: [String: String] = [:]
        for pair in raw.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            guard let name = parts.first, query[name] == nil else { continue }
            query[name] = parts.count > 1 ? parts[1] : ""
        }
        return query
    }

    static func thumbnails(_ id: String) -> [String: Any] {
        [
            "default": ["url": "https://i.ytimg.com/vi/\(id)/default.jpg", "width": 120, "height": 90],
            "medium": ["url": "https://i.ytimg.com/vi/\(id)/mqdefault.jpg", "width": 320, "height": 180],
            "high": ["url": "https://i.ytimg.com/vi/\(id)/hqdefault.jpg", "width": 480, "height": 360],
        ]
    }

    static func channelId(_ title: String) -> String {
        "UC" + String(FakeGitHub.stableNumber(title), radix: 36).prefix(22)
    }

    static func etag(_ seed: String) -> String { String(FakeGitHub.stableNumber(seed), radix: 36) }

    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    static func serialize(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data(#"{"error":{"code":500,"message":"the fake could not encode its answer"}}"#.utf8)
    }
}
