import Logging
import RedisKit

/// The validator and body of each GitHub URL we fetched, kept in Redis so the
/// next import asks with `If-None-Match` and a `304 Not Modified` (which GitHub
/// does not count against an authorised token's rate limit) reuses the body.
///
/// The cache only saves requests, it is never needed: a Redis failure is logged
/// and the request goes out unconditionally.
struct GitHubETagCache: Sendable {
    static let keyPrefix = "profile:github:etag:"
    static let timeToLive: Duration = .seconds(7 * 24 * 3600)

    /// What a 304 stands for: the ETag GitHub sent, the page's `Link` header (a
    /// 304 need not repeat it, and paging goes on from it), and the body.
    struct Entry: Sendable, Equatable {
        var etag: String
        var link: String?
        var body: [UInt8]
    }

    let redis: RedisClient
    let logger: Logger

    static func key(for url: String) -> String { keyPrefix + url }

    func entry(for url: String) async -> Entry? {
        do {
            guard let bytes = try await redis.getBytes(Self.key(for: url)) else { return nil }
            return Self.decode(bytes)
        } catch {
            logger.warning("GitHub ETag cache unreadable, asking unconditionally", metadata: ["error": "\(error)"])
            return nil
        }
    }

    func store(_ entry: Entry, for url: String) async {
        do {
            try await redis.set(Self.key(for: url), to: Self.encode(entry), expiresIn: Self.timeToLive)
        } catch {
            logger.warning("GitHub ETag cache not written", metadata: ["error": "\(error)"])
        }
    }

    func remove(_ url: String) async {
        _ = try? await redis.delete(Self.key(for: url))
    }

    /// `etag \n link \n body`: header values never hold a newline, the body may.
    static func encode(_ entry: Entry) -> [UInt8] {
        Array(entry.etag.utf8) + [10] + Array((entry.link ?? "").utf8) + [10] + entry.body
    }

    static func decode(_ bytes: [UInt8]) -> Entry? {
        guard let first = bytes.firstIndex(of: 10),
            let second = bytes[(first + 1)...].firstIndex(of: 10)
        else { return nil }
        let etag = String(decoding: bytes[..<first], as: UTF8.self)
        let link = String(decoding: bytes[(first + 1)..<second], as: UTF8.self)
        guard !etag.isEmpty else { return nil }
        return Entry(etag: etag, link: link.isEmpty ? nil : link, body: Array(bytes[(second + 1)...]))
    }
}
