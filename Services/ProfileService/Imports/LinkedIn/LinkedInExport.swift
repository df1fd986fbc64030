import Contracts

/// What a LinkedIn data export holds for the profile: a JSON Resume fragment,
/// and per file what was read and what was left out.
struct LinkedInExport: Sendable {
    var resume: Resume
    /// One per recognised CSV found, in `LinkedInFile` order.
    var files: [ImportFileReport]
    /// Recognised file names the archive lacks.
    var missingFiles: [String]
}

/// Why an upload can't be read as a LinkedIn export at all (a 422 for the client).
/// Problems inside a file never end up here: they skip rows.
enum LinkedInExportError: Error, Equatable {
    /// Not a readable ZIP archive, or an entry of it is corrupt.
    case notAZip(reason: String)
    /// A ZIP refused for its shape: too many entries, too large, a zip bomb.
    case unsafeArchive(reason: String)
    /// A ZIP, but none of the files an export has.
    case noRecognisedFiles

    var reason: String {
        switch self {
        case .notAZip(let reason): "this is not a readable ZIP archive: \(reason)"
        case .unsafeArchive(let reason): "the archive was refused: \(reason)"
        case .noRecognisedFiles:
            "this doesn't look like a LinkedIn data export: none of "
                + LinkedInFile.allCases.map(\.name).joined(separator: ", ") + " were found"
        }
    }

    init(_ failure: SafeZipArchive.Failure) {
        switch failure {
        case .notAZipArchive, .corruptEntry: self = .notAZip(reason: failure.description)
        case .tooManyEntries, .entryTooLarge, .tooMuchData, .suspiciousCompression:
            self = .unsafeArchive(reason: failure.description)
        }
    }
}
