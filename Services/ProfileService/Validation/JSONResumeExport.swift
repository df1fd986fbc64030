import Contracts
import Foundation

/// A profile as a document the official JSON Resume schema accepts: the schema
/// names itself, `meta` says the version and when it last changed, and
/// CareerGini's own object moves under `meta` (the only place the schema lets
/// extra keys live at the top).
enum JSONResumeExport {
    static let schemaURL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
    static let version = "v1.2.1"

    static func document(_ stored: ProfileStore.Stored) -> JSONValue {
        var document = stored.document
        let careergini = document["x-careergini"]
        document.set(.null, at: "/x-careergini")
        document.set(.string(schemaURL), at: "/$schema")
        document.set(.string(version), at: "/meta/version")
        document.set(.string(lastModified(stored.updatedAt)), at: "/meta/lastModified")
        if let careergini { document.set(careergini, at: "/meta/x-careergini") }
        return document
    }

    /// "YYYY-MM-DDThh:mm:ss", as the schema describes `lastModified`.
    static func lastModified(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        return formatter.string(from: date)
    }
}
