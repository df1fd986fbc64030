import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A private redis-server for tests that stop, restart or pause Redis, so they
/// never disturb the shared test instance.
public final class RedisServerProcess: @unchecked Sendable {
    public let port: Int
    private let directory: String
    private var pid: pid_t?

    public var url: String { "redis://127.0.0.1:\(port)/0" }

    public init() throws {
        port = FreePort.find()
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("redis-\(port)-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    public func start() throws {
        let binary = ProcessInfo.processInfo.environment["REDIS_SERVER_BIN"] ?? "/usr/bin/redis-server"
        pid = try ChildProcess.spawn(
            binary,
            ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory],
            stdout: directory + "/redis.log", stderr: directory + "/redis.log")
        try waitUntilAccepting()
    }

    /// SIGTERM and reap: the port is closed when this returns.
    public func stop() {
        guard let pid else { return }
        kill(pid, SIGTERM)
        ChildProcess.wait(pid)
        self.pid = nil
    }

    private func waitUntilAccepting() throws {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if let fd = LoopbackSocket.connect(port: port) {
                close(fd)
                return
            }
            usleep(20_000)
        }
        throw TestEnvironment.Missing(variable: "redis-server on port \(port) (did not start)")
    }
}
