import Foundation

/// Where a page of applications ended: the last item's `updated_at` (whole
/// microseconds, PostgreSQL's precision, so the next page starts exactly after
/// it) and id. Opaque to clients: base64url text.
struct ApplicationCursor: Sendable, Equatable {
    var updatedAt: Date
    var id: UUID

    init(updatedAt: Date, id: UUID) {
        self.updatedAt = Date(timeIntervalSince1970: Double(Self.microseconds(updatedAt)) / 1_000_000)
        self.id = id
    }

    init?(_ text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8) else {
            return nil
        }
        let parts = plain.split(separator: ":")
        guard parts.count == 2, let micros = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
            return nil
        }
        self.init(updatedAt: Date(timeIntervalSince1970: Double(micros) / 1_000_000), id: id)
    }

    var text: String {
        Data("\(Self.microseconds(updatedAt)):\(id.uuidString.lowercased())".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }
}
