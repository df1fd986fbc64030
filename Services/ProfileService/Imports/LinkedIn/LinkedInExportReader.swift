import Contracts
import Foundation
import Taxonomy

/// Reads the ZIP LinkedIn's "Get a copy of your data" produces into a JSON
/// Resume fragment. Only the recognised CSVs are inflated (through
/// `SafeZipArchive`'s limits); each is read row by row, and a bad row is left
/// out with its reason rather than failing the import.
struct LinkedInExportReader: Sendable {
    let taxonomy: Taxonomy
    /// Today, for the month a current job counts as last using its skills.
    let now: @Sendable () -> Date

    init(taxonomy: Taxonomy, now: @escaping @Sendable () -> Date = { Date() }) {
        self.taxonomy = taxonomy
        self.now = now
    }

    /// The eight files of a real export come to kilobytes (a long career's
    /// Positions.csv is some 100 KiB); megabytes are a made-up file, and every
    /// byte of prose goes through the skill matcher (about 0.5 MB/s in release on
    /// a loaded 2-core machine), so the budget is tight: only Positions.csv and
    /// Projects.csv hold much prose, so a few seconds of work per upload at most.
    static let limits: SafeZipArchive.Limits = {
        var limits = SafeZipArchive.Limits()
        limits.maximumEntryBytes = 1_048_576
        limits.maximumTotalBytes = 3 * 1_048_576
        return limits
    }()

    func read(_ bytes: [UInt8]) throws(LinkedInExportError) -> LinkedInExport {
        var archive: SafeZipArchive
        do {
            archive = try SafeZipArchive(bytes: bytes, limits: Self.limits)
        } catch {
            throw LinkedInExportError(error)
        }
        var found: [(LinkedInFile, [UInt8])] = []
        var missing: [String] = []
        for file in LinkedInFile.allCases {
            guard let path = file.path(in: archive.paths) else {
                missing.append(file.name)
                continue
            }
            do {
                if let contents = try archive.contents(of: path) { found.append((file, contents)) }
            } catch {
                throw LinkedInExportError(error)
            }
        }
        guard !found.isEmpty else { throw .noRecognisedFiles }

        var builder = LinkedInResumeBuilder(
            taxonomy: taxonomy,
            currentMonth: PartialDate.text(ofMonth: PartialDate.month(of: now())))
        var reports: [ImportFileReport] = []
        for (file, contents) in found {
            var rows = LinkedInRows(file: file, bytes: contents)
            builder.read(&rows)
            reports.append(rows.report)
        }
        return LinkedInExport(resume: builder.resume, files: reports, missingFiles: missing)
    }
}
