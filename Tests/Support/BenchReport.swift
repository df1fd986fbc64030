import Foundation
import Synchronization

/// One service's benchmark report: sections printed as each benchmark ends and
/// rewritten to `bench-results/<file>` in a fixed order, whichever ran.
public final class BenchReport: Sendable {
    private let file: String
    private let title: String
    private let started = Date()
    private let sections = Mutex<[Int: String]>([:])

    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// - Parameters:
    ///   - file: the report's name under `bench-results/`, e.g. "jobs.txt".
    ///   - title: the header's subject, e.g. "job-service".
    public init(file: String, title: String) {
        self.file = file
        self.title = title
    }

    public func record(order: Int, title sectionTitle: String, lines: [String]) {
        let section = (["## \(sectionTitle)"] + lines).joined(separator: "\n") + "\n"
        print("\n" + section)
        let all = sections.withLock {
            $0[order] = section
            return $0.sorted { $0.key < $1.key }.map(\.value)
        }
        #if DEBUG
        let build = "debug build"
        #else
        let build = "release build"
        #endif
        let header =
            "CareerGini \(title) benchmarks — \(started.formatted(.iso8601)) — "
            + "\(ProcessInfo.processInfo.activeProcessorCount) CPUs — \(build)\n"
        let folder = Self.repositoryRoot.appendingPathComponent("bench-results", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try ([header] + all).joined(separator: "\n").write(
                to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        } catch {
            print("cannot write bench-results/\(file): \(error)")
        }
    }

    public static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.2f ms", (Double(seconds) + Double(attoseconds) / 1e18) * 1e3)
    }

    /// The nearest-rank percentiles of `samples`, formatted as milliseconds.
    public static func percentiles(_ samples: [Duration], _ ranks: [Double] = [50, 99]) -> [String] {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return ranks.map { _ in "-" } }
        return ranks.map { percent in
            milliseconds(
                sorted[min(max(Int((percent / 100 * Double(sorted.count)).rounded(.up)), 1), sorted.count) - 1])
        }
    }

    /// A table row: the first column left-aligned, the rest right-aligned.
    public static func row(_ cells: [String], firstWidth: Int = 36, width: Int = 13) -> String {
        cells.enumerated().map { index, cell in
            let padding = String(repeating: " ", count: max(0, (index == 0 ? firstWidth : width) - cell.count))
            return index == 0 ? cell + padding : padding + cell
        }.joined()
    }
}
