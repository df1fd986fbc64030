import Foundation
import ServiceKit

/// The load `HTTPLoad` sends, sent by wrk instead when it is installed
/// (Debian's `wrk`): a C load generator costs the shared CPUs far less than
/// libcurl clients in a debug test process, so the service's own latency shows.
public enum WrkLoad {
    public struct Result: Sendable {
        public var requests: Int
        /// Requests a second over the whole run.
        public var rate: Double
        /// Answers other than 2xx and 3xx, and socket errors.
        public var failures: Int
        /// Latency by percentile, for 50, 95 and 99.
        public var percentiles: [Int: Duration]
    }

    /// wrk's path, or nil when it is not installed.
    public static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/wrk" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `clients` connections on two threads for `seconds`, asking for `paths`
    /// in turn from different offsets, with the internal token and
    /// `headers`; nil when wrk is not installed.
    public static func run(
        clients: Int, seconds: Int, base: String, token: String, paths: [String], headers: [(String, String)] = []
    ) async throws
        -> Result?
    {
        guard let wrk = executable else { return nil }
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("wrk-\(UUID().uuidString).lua")
        try luaScript(headers: [(InternalTokens.header, token)] + headers, paths: paths).write(
            to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = ["-t2", "-c\(clients)", "-d\(seconds)s", "--timeout", "60s", "-s", script.path, base]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let exitStatus = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return try parse(text, exitStatus: exitStatus)
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    /// The `done` lines of `luaScript`: "name value" pairs.
    static func parse(_ text: String, exitStatus: Int32) throws -> Result {
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let value = Double(parts[1]) { values[String(parts[0])] = value }
        }
        guard exitStatus == 0, let requests = values["requests"], let micros = values["duration_us"], micros > 0,
            let failures = values["errors"], let p50 = values["p50_us"], let p95 = values["p95_us"],
            let p99 = values["p99_us"]
        else { throw Failed(description: "wrk exited \(exitStatus): \(text)") }
        return Result(
            requests: Int(requests), rate: requests / (micros / 1e6), failures: Int(failures),
            percentiles: [50: .microseconds(p50), 95: .microseconds(p95), 99: .microseconds(p99)])
    }

    /// Each thread's connections take paths from their own offset, one after another.
    static func luaScript(headers: [(String, String)], paths: [String]) -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
        }
        return """
            local paths = {\(paths.map(quoted).joined(separator: ",\n"))}
            local next_id = 0
            function setup(thread)
              thread:set("id", next_id)
              next_id = next_id + 1
            end
            function init(args)
              counter = 0
            \(headers.map { "  wrk.headers[\(quoted($0.0))] = \(quoted($0.1))" }.joined(separator: "\n"))
            end
            function request()
              local n = counter * 2 + id
              counter = counter + 1
              return wrk.format("GET", paths[(n % #paths) + 1])
            end
            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("requests %d\\nduration_us %d\\nerrors %d\\n", summary.requests,
                summary.duration, e.status + e.connect + e.read + e.write + e.timeout))
              for _, p in ipairs({50, 95, 99}) do
                io.write(string.format("p%d_us %d\\n", p, latency:percentile(p)))
              end
            end

            """
    }
}
