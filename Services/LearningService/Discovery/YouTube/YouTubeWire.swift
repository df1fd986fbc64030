import Foundation

/// The parts of YouTube Data API v3 answers the provider reads, as documented:
/// `search.list`, `videos.list` and the error envelope. Everything else in
/// them is ignored; counts arrive as strings (they are unsigned 64-bit).
enum YouTubeWire {
    /// `search.list`: `items[].id.videoId` and its snippet.
    struct SearchList: Decodable {
        var items: [SearchResult]
    }

    struct SearchResult: Decodable {
        var id: ResultId
        var snippet: SearchSnippet?
    }

    struct ResultId: Decodable {
        var kind: String
        var videoId: String?
    }

    struct SearchSnippet: Decodable {
        var publishedAt: String?
        var title: String
        var description: String?
        var channelTitle: String?
        /// "none", or "live"/"upcoming" for broadcasts, which are not lessons.
        var liveBroadcastContent: String?
    }

    /// `videos.list?part=snippet,statistics,contentDetails`.
    struct VideoList: Decodable {
        var items: [Video]
    }

    struct Video: Decodable {
        var id: String
        var snippet: VideoSnippet?
        var statistics: Statistics?
        var contentDetails: ContentDetails?
    }

    struct VideoSnippet: Decodable {
        var defaultAudioLanguage: String?
        var defaultLanguage: String?
    }

    struct Statistics: Decodable {
        var viewCount: String?
    }

    struct ContentDetails: Decodable {
        /// ISO 8601, e.g. "PT1H2M3S"; "P0D" for a live stream.
        var duration: String?
    }

    /// `{"error": {"code": 403, "message": …, "errors": [{"reason": "quotaExceeded", …}], …}}`.
    struct ErrorEnvelope: Decodable {
        var error: ErrorBody
    }

    struct ErrorBody: Decodable {
        var code: Int?
        var message: String?
        var errors: [ErrorDetail]?
        /// google.rpc details; an invalid key says `"reason": "API_KEY_INVALID"` here.
        var details: [ErrorInfo]?
    }

    struct ErrorDetail: Decodable {
        var message: String?
        var domain: String?
        var reason: String?
    }

    struct ErrorInfo: Decodable {
        var reason: String?
    }

    /// Every reason an error body gives, from `errors[]` and `details[]`.
    static func reasons(in body: [UInt8]) -> [String] {
        guard let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: Data(body)) else { return [] }
        return (envelope.error.errors ?? []).compactMap(\.reason) + (envelope.error.details ?? []).compactMap(\.reason)
    }
}
