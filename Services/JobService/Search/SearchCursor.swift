import Foundation
import Security

/// Where a page of search results ended: the last item's rank (with a text
/// query), ordering date (whole microseconds, PostgreSQL's precision) and id,
/// and which search it belongs to. The next page starts strictly after that
/// key, so postings arriving meanwhile never shift it: a posting's rank
/// depends on its own text only, so each one lands either before the cursor
/// (not shown again) or after it (shown in order). Opaque to clients: base64url.
struct SearchCursor: Sendable, Equatable {
    /// `ts_rank` of the last item (a `real`, exact as a Double); nil without a text query.
    var rank: Double?
    var sortMicros: Int64
    var id: UUID
    /// The start of the search's filter fingerprint: a cursor from another search is refused.
    var fingerprint: String

    static let fingerprintLength = 16
    private static let version = "s1"

    init(rank: Double?, sortMicros: Int64, id: UUID, fingerprint: String) {
        self.rank = rank
        self.sortMicros = sortMicros
        self.id = id
        self.fingerprint = String(fingerprint.prefix(Self.fingerprintLength))
    }

    init?(_ text: String) {
        guard text.utf8.count <= 256, let bytes = Base64URL.decode(text),
            let plain = String(bytes: bytes, encoding: .utf8)
        else { return nil }
        let parts = plain.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == Self.version, let micros = Int64(parts[2]),
            let id = UUID(uuidString: String(parts[3])), parts[4].count == Self.fingerprintLength
        else { return nil }
        if parts[1].isEmpty {
            rank = nil
        } else {
            guard let rank = Double(parts[1]), rank.isFinite else { return nil }
            self.rank = rank
        }
        sortMicros = micros
        self.id = id
        fingerprint = String(parts[4])
    }

    var text: String {
        let rankText = rank.map { String($0) } ?? ""
        let plain = [Self.version, rankText, String(sortMicros), id.uuidString.lowercased(), fingerprint]
        return Base64URL.encode(Array(plain.joined(separator: "|").utf8))
    }
}
