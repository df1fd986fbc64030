import Foundation
import ZIPFoundation

/// Reads a ZIP upload (DOCX, LinkedIn export) without trusting it: the entry
/// count, each entry's inflated size, the total inflated bytes and the
/// compression ratio are capped while inflating, so a zip bomb stops after at
/// most `maximumTotalBytes` of work instead of filling memory.
struct SafeZipArchive {
    struct Limits: Sendable {
        var maximumEntries = 2_000
        var maximumEntryBytes = 32 * 1_048_576
        var maximumTotalBytes = 64 * 1_048_576
        /// Inflated ÷ compressed size beyond which an entry is treated as a bomb.
        /// Real text XML and CSV compress 5–20×; bombs compress 1000× and more.
        var maximumRatio = 200
    }

    enum Failure: Error, Equatable, CustomStringConvertible {
        case notAZipArchive
        case tooManyEntries(Int)
        case entryTooLarge(String)
        case tooMuchData
        case suspiciousCompression(String)
        case corruptEntry(String)

        var description: String {
            switch self {
            case .notAZipArchive: "the file is not a readable ZIP archive"
            case .tooManyEntries(let count): "the archive holds too many entries (\(count))"
            case .entryTooLarge(let path): "the archive entry \(path) is too large"
            case .tooMuchData: "the archive inflates to more data than an upload may hold"
            case .suspiciousCompression(let path):
                "the archive entry \(path) is compressed suspiciously well (a zip bomb?)"
            case .corruptEntry(let path): "the archive entry \(path) is corrupt"
            }
        }
    }

    private let archive: Archive
    let limits: Limits
    /// Paths of the file entries (directories left out), in archive order.
    let paths: [String]
    private var inflatedSoFar = 0

    init(bytes: [UInt8], limits: Limits = Limits()) throws(Failure) {
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read, pathEncoding: nil)
        } catch {
            throw .notAZipArchive
        }
        var paths: [String] = []
        var count = 0
        for entry in archive {
            count += 1
            if count > limits.maximumEntries { throw .tooManyEntries(count) }
            if entry.type == .file { paths.append(entry.path) }
        }
        self.archive = archive
        self.limits = limits
        self.paths = paths
    }

    /// The inflated bytes of the entry at `path` (exact match), or nil when
    /// there is no such entry. Counts toward the archive's total budget.
    mutating func contents(of path: String) throws(Failure) -> [UInt8]? {
        guard let entry = archive[path], entry.type == .file else { return nil }
        let compressed = max(Int(entry.compressedSize), 1)
        var output: [UInt8] = []
        var failure: Failure?
        let budget = min(limits.maximumEntryBytes, limits.maximumTotalBytes - inflatedSoFar)
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                // The declared sizes may lie; the bytes actually inflated are what count.
                if output.count + chunk.count > budget {
                    failure = budget < limits.maximumEntryBytes ? .tooMuchData : .entryTooLarge(path)
                    throw CancellationError()
                }
                output.append(contentsOf: chunk)
                if output.count > 1_048_576, output.count / compressed > limits.maximumRatio {
                    failure = .suspiciousCompression(path)
                    throw CancellationError()
                }
            }
        } catch {
            throw failure ?? .corruptEntry(path)
        }
        inflatedSoFar += output.count
        return output
    }

    /// The first entry whose path matches `predicate` (for exports that nest
    /// their files in a folder), or nil.
    func path(where predicate: (String) -> Bool) -> String? {
        paths.first(where: predicate)
    }
}
