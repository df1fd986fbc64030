import Contracts
import Foundation
import Logging
import RedisKit
import Security
import Taxonomy

/// Finds videos teaching a skill with the YouTube Data API v3: one
/// `search.list` (100 units) for "<skill> tutorial", then one `videos.list`
/// (1 unit) for the results' views, length and language. Every call is paid
/// for from `YouTubeQuota` first. The API key travels only in the query of
/// requests to `YOUTUBE_API_URL` and is blanked from every error and log.
struct YouTubeProvider: LiveProvider {
    struct Configuration: Sendable {
        var baseURL: String
        var apiKey: String
        var resultsPerSearch = 10
        var relevanceLanguage = "en"
        /// Shorter videos (YouTube Shorts, trailers) teach little.
        var minimumSeconds = 240
        /// Requests per call, the first included, for answers worth another try (5xx, per-second limits).
        var attempts = 3
        /// How long a rejected key is left alone before it is tried again.
        var keyRejectionPause: Duration = .seconds(3600)
    }

    let configuration: Configuration
    let http: ProviderHTTP
    let quota: YouTubeQuota
    let redis: RedisClient
    let logger: Logger

    var provenance: LearningResource.Provenance { .youtube }

    func serves(_ skill: Skill) -> Bool { true }

    /// Set while YouTube refuses this key; named by a fingerprint of the key, never the key.
    var keyRejectedKey: String {
        quota.namespace + "youtube:key-rejected:" + String(Digest.sha256Hex(configuration.apiKey).prefix(16))
    }

    func isAvailable() async -> Bool {
        let now = Date()
        do {
            let values = try await redis.mget([quota.counterKey(on: now), keyRejectedKey])
            let used = values.first.flatMap { $0 }.flatMap(Int.init) ?? 0
            let rejected = values.count > 1 && values[1] != nil
            return !rejected && used + YouTubeQuota.searchCost <= quota.dailyUnits
        } catch {
            return false
        }
    }

    func lookup(_ skill: Skill, deadline: ContinuousClock.Instant) async -> LookupOutcome {
        let results: [YouTubeWire.SearchResult]
        switch await call(searchURL(for: skill), cost: YouTubeQuota.searchCost, deadline: deadline) {
        case .answer(let body):
            guard let list = try? JSONDecoder().decode(YouTubeWire.SearchList.self, from: Data(body)) else {
                return .failed("YouTube search.list answered in an undocumented shape")
            }
            results = list.items
        case .stop(let outcome):
            return outcome
        }
        let videos = results.filter {
            $0.id.kind == "youtube#video" && $0.id.videoId != nil
                && ($0.snippet?.liveBroadcastContent ?? "none") == "none"
        }
        let details = await videoDetails(videos.compactMap(\.id.videoId), deadline: deadline)
        return .found(videos.compactMap { resource($0, details: details, skill: skill) })
    }

    // MARK: - Calls

    private enum CallResult {
        case answer([UInt8])
        case stop(LookupOutcome)
    }

    /// One API call, paid for before each attempt, retried while the deadline allows.
    private func call(_ url: String, cost: Int, deadline: ContinuousClock.Instant) async -> CallResult {
        let method = url.contains("/search?") ? "search.list" : "videos.list"
        var attempt = 0
        while true {
            attempt += 1
            guard await quota.spend(cost) else { return .stop(.deferred("YouTube quota for today is spent")) }
            let failure: String
            do {
                let answer = try await http.get(
                    url, headers: [(name: "Accept", value: "application/json")], secrets: [configuration.apiKey])
                switch classify(answer) {
                case .success:
                    return .answer(answer.body)
                case .quotaExceeded:
                    await quota.markExhausted()
                    logger.notice("YouTube says the daily quota is spent; using the catalogue until it resets")
                    return .stop(.deferred("YouTube quota exceeded"))
                case .keyRejected(let reason):
                    await rejectKey()
                    logger.error(
                        "YouTube rejected the API key; not searching YouTube for a while",
                        metadata: ["reason": .string(reason)])
                    return .stop(.failed("YouTube rejected the API key (\(reason))"))
                case .refused(let reason):
                    return .stop(.failed("YouTube refused \(method) (\(reason))"))
                case .retryable(let reason):
                    failure = reason
                }
            } catch is CancellationError {
                return .stop(.deferred("shutting down"))
            } catch {
                failure = "\(error)"
            }
            let delay = ProviderHTTP.backoff(afterAttempt: attempt)
            guard attempt < configuration.attempts, ContinuousClock.now + delay < deadline else {
                return .stop(.failed("YouTube \(method) failed: \(failure)"))
            }
            do { try await Task.sleep(for: delay) } catch { return .stop(.deferred("shutting down")) }
        }
    }

    private enum Verdict {
        case success
        case quotaExceeded
        case keyRejected(String)
        case refused(String)
        case retryable(String)
    }

    /// What an answer means, per YouTube's documented errors.
    private func classify(_ answer: ProviderHTTP.Answer) -> Verdict {
        let status = answer.status
        if (200..<300).contains(status) { return .success }
        let reasons = YouTubeWire.reasons(in: answer.body)
        let described = "HTTP \(status)" + (reasons.isEmpty ? "" : ": " + reasons.joined(separator: ", "))
        if reasons.contains(where: { $0 == "quotaExceeded" || $0 == "dailyLimitExceeded" }) { return .quotaExceeded }
        if reasons.contains(where: { $0 == "rateLimitExceeded" || $0 == "userRateLimitExceeded" }) || status == 429 {
            return .retryable(described)
        }
        let keyReasons: Set = [
            "keyInvalid", "API_KEY_INVALID", "keyExpired", "API_KEY_SERVICE_BLOCKED", "accessNotConfigured",
            "SERVICE_DISABLED", "ipRefererBlocked", "forbidden",
        ]
        if status == 400 || status == 401 || status == 403, reasons.contains(where: keyReasons.contains) {
            return .keyRejected(described)
        }
        if status >= 500 { return .retryable(described) }
        return .refused(described)
    }

    private func rejectKey() async {
        _ = try? await redis.set(keyRejectedKey, to: "1", expiresIn: configuration.keyRejectionPause)
    }

    /// Views, length and language per video id; empty when the quota or the call says no.
    private func videoDetails(_ ids: [String], deadline: ContinuousClock.Instant) async -> [String: YouTubeWire.Video] {
        guard !ids.isEmpty else { return [:] }
        let url =
            configuration.baseURL + "/videos?part=snippet,statistics,contentDetails&id="
            + ProviderHTTP.queryValue(ids.joined(separator: ",")) + "&maxResults=50&key="
            + ProviderHTTP.queryValue(configuration.apiKey)
        guard case .answer(let body) = await call(url, cost: YouTubeQuota.videosCost, deadline: deadline),
            let list = try? JSONDecoder().decode(YouTubeWire.VideoList.self, from: Data(body))
        else { return [:] }
        return Dictionary(list.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func searchURL(for skill: Skill) -> String {
        let parameters = [
            ("part", "snippet"), ("type", "video"), ("q", "\(skill.name) tutorial"),
            ("maxResults", String(configuration.resultsPerSearch)),
            ("relevanceLanguage", configuration.relevanceLanguage), ("videoEmbeddable", "true"),
            ("safeSearch", "strict"), ("key", configuration.apiKey),
        ]
        return configuration.baseURL + "/search?"
            + parameters.map { "\($0.0)=\(ProviderHTTP.queryValue($0.1))" }.joined(separator: "&")
    }

    // MARK: - Mapping

    private func resource(
        _ result: YouTubeWire.SearchResult, details: [String: YouTubeWire.Video], skill: Skill
    ) -> LearningResource? {
        guard let videoId = result.id.videoId, let snippet = result.snippet else { return nil }
        let video = details[videoId]
        let seconds = video?.contentDetails?.duration.flatMap(ISO8601Duration.seconds)
        if let seconds, seconds < configuration.minimumSeconds { return nil }
        let title = HTMLEntityText.decode(snippet.title)
        let description = HTMLEntityText.decode(snippet.description ?? "")
        let channel = snippet.channelTitle.map(HTMLEntityText.decode).flatMap { $0.isEmpty ? nil : $0 }
        return LearningResource(
            id: "youtube:\(videoId)", title: title, provider: channel ?? "YouTube",
            url: "https://www.youtube.com/watch?v=\(videoId)", type: .video,
            level: LevelGuess.level(from: [title, description]), free: true,
            estimatedHours: seconds.map { max(0.1, (Double($0) / 360).rounded() / 10) },
            language: Self.language(video?.snippet), skills: [skill.id], source: .youtube,
            views: video?.statistics?.viewCount.flatMap { Int($0) },
            publishedAt: snippet.publishedAt.flatMap { try? Date($0, strategy: .iso8601) })
    }

    /// The ISO 639-1 code of "en-US" or "en"; nil when the video declares none.
    static func language(_ snippet: YouTubeWire.VideoSnippet?) -> String? {
        guard let declared = snippet?.defaultAudioLanguage ?? snippet?.defaultLanguage else { return nil }
        let code = declared.prefix { $0 != "-" && $0 != "_" }.lowercased()
        return code.count == 2 && code.allSatisfy(\.isLetter) ? code : nil
    }
}
