import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Runs a Hummingbird router on a free local port for the duration of `body`.
/// A port another test takes between `FreePort.find()` and the bind is retried
/// on a new one.
public func withTestServer<Context: RequestContext>(
    _ router: Router<Context>, _ body: @Sendable (_ baseURL: String) async throws -> Void
) async throws where Context.Source == ApplicationRequestContextSource {
    for attempt in 1...5 {
        do {
            return try await withTestServerOnce(router, port: FreePort.find(), body)
        } catch let failure as TestServerDidNotStart where attempt < 5 {
            _ = failure
            continue
        }
    }
}

private func withTestServerOnce<Context: RequestContext>(
    _ router: Router<Context>, port: Int, _ body: @Sendable (_ baseURL: String) async throws -> Void
) async throws where Context.Source == ApplicationRequestContextSource {
    let (started, continuation) = AsyncStream<Void>.makeStream()
    var logger = Logger(label: "test-server")
    logger.logLevel = .warning
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), backlog: 4096),
        onServerRunning: { _ in continuation.yield() }, logger: logger)
    let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask {
            // Ends the wait below if the server stops without running (a taken port).
            defer { continuation.finish() }
            try await group.run()
        }
        var running = false
        for await _ in started {
            running = true
            break
        }
        guard running else {
            // The bind failed (a taken port): report it as such, so the caller retries.
            try? await tasks.waitForAll()
            throw TestServerDidNotStart(port: port)
        }
        do {
            try await body("http://127.0.0.1:\(port)")
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}

/// `withTestServer`'s server stopped before it was running.
public struct TestServerDidNotStart: Error, CustomStringConvertible {
    public let port: Int
    public var description: String { "the test server on port \(port) stopped before it was running" }
}
