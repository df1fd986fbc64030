import CurlHTTP
import Database
import Foundation
import ServiceKit
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The five real service binaries, started against the test PostgreSQL and
/// Redis on free ports, wired to each other as `scripts/careergini up` wires them.
final class RunningSuite: @unchecked Sendable {
    let ports: [String: Int]
    private var processes: [String: pid_t] = [:]
    private var exited: [String: Int32] = [:]
    private var environments: [String: [String: String]] = [:]
    let logs: URL

    static func binary(_ name: String) throws -> String {
        let directory = try TestEnvironment.require("CAREERGINI_BIN_DIR")
        let path = directory + "/" + name
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TestEnvironment.Missing(variable: "CAREERGINI_BIN_DIR (no executable \(path); run swift build)")
        }
        return path
    }

    init(
        databaseURL: String? = nil, services: [ServiceDescriptor] = ServiceDescriptor.all,
        extraEnvironment: [String: String] = [:]
    ) throws {
        var ports: [String: Int] = [:]
        for service in ServiceDescriptor.all { ports[service.name] = FreePort.find() }
        self.ports = ports
        logs = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("suite"))
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let database = try databaseURL ?? TestEnvironment.databaseURL()
        for service in services {
            var environment = ProcessInfo.processInfo.environment
            environment["PORT"] = String(ports[service.name]!)
            environment["HOST"] = "127.0.0.1"
            environment["DATABASE_URL"] = database
            environment["REDIS_URL"] = try TestEnvironment.redisURL()
            environment["DATABASE_POOL_MAX"] = "4"
            environment["INTERNAL_SECRET"] = TestEnvironment.internalSecret
            environment["JWT_SECRET"] = TestEnvironment.jwtSecret
            environment["COOKIE_SECURE"] = "false"
            environment["OLLAMA_URL"] = "http://127.0.0.1:\(FreePort.find())"
            // Real job boards are never called from tests, and the shared database
            // gets no sample postings unless a suite asks (with a database of its own).
            environment["JOB_INGEST_INTERVAL_MS"] = "0"
            environment["JOB_SAMPLE_DATA"] = "false"
            // Nor GitHub or YouTube: learning-service answers from its catalogue.
            environment["LEARNING_GITHUB_SEARCH"] = "false"
            environment.removeValue(forKey: "YOUTUBE_API_KEY")
            for other in ServiceDescriptor.all {
                environment[other.urlVariable] = "http://127.0.0.1:\(ports[other.name]!)"
            }
            environment.merge(extraEnvironment) { $1 }
            environments[service.name] = environment
            try start(service.name)
        }
    }

    /// Starts (or restarts, after `stop`) one service with its environment.
    func start(_ name: String) throws {
        let log = logs.appendingPathComponent("\(name).log").path
        processes[name] = try ChildProcess.spawn(
            try Self.binary(name), [], environment: environments[name] ?? [:], stdout: log, stderr: log)
        exited[name] = nil
    }

    /// Stops one service (SIGTERM) and waits for it to exit.
    func stop(_ name: String) {
        guard let pid = processes[name], exited[name] == nil else { return }
        kill(pid, SIGTERM)
        exited[name] = ChildProcess.wait(pid)
    }

    func url(_ service: String) -> String { "http://127.0.0.1:\(ports[service]!)" }

    /// Waits until every started service answers `path` (`/ready` by default) with 200.
    func waitUntilReady(_ http: CurlHTTPClient, path: String = "/ready", timeout: Duration = .seconds(60)) async throws
    {
        let deadline = ContinuousClock.now + timeout
        for name in processes.keys.sorted() {
            while true {
                let request = CurlRequest(url: url(name) + path, timeouts: .init(total: .seconds(3)))
                if let (response, _) = try? await http.data(for: request), response.status == 200 { break }
                guard ContinuousClock.now < deadline, isRunning(name) else {
                    throw SuiteFailure(message: "\(name) never answered \(path):\n" + log(name))
                }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    func log(_ service: String) -> String {
        (try? String(contentsOf: logs.appendingPathComponent("\(service).log"), encoding: .utf8)) ?? ""
    }

    /// True while the service's process has not exited.
    func isRunning(_ name: String) -> Bool {
        guard let pid = processes[name], exited[name] == nil else { return false }
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == 0
    }

    /// Sends SIGTERM to every service and returns their exit codes.
    func terminate() -> [String: Int32] {
        for (name, pid) in processes where exited[name] == nil { kill(pid, SIGTERM) }
        for (name, pid) in processes where exited[name] == nil { exited[name] = ChildProcess.wait(pid) }
        return exited
    }

    deinit {
        for (name, pid) in processes where exited[name] == nil {
            kill(pid, SIGKILL)
            ChildProcess.wait(pid)
        }
        try? FileManager.default.removeItem(at: logs)
    }
}

struct SuiteFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
