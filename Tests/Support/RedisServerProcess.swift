import Foundation

/// A private redis-server for tests that stop, restart or pause Redis, so they
/// never disturb the shared test instance.
public final class RedisServerProcess: @unchecked Sendable {
    public let port: Int
    private let directory: URL
    private var process: Process?

    public var url: String { "redis://127.0.0.1:\(port)/0" }

    public init() throws {
        port = FreePort.find()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("redis-\(port)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    public func start() throws {
        let binary = ProcessInfo.processInfo.environment["REDIS_SERVER_BIN"] ?? "/usr/bin/redis-server"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", directory.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        try waitUntilAccepting()
    }

    public func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    private func waitUntilAccepting() throws {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            let result = try? ChildProcess.run("/usr/bin/env", ["redis-cli", "-p", String(port), "ping"])
            if result?.stdout.contains("PONG") == true { return }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw TestEnvironment.Missing(variable: "redis-server on port \(port) (did not start)")
    }
}
