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
    try await withTestServer(serving: { baseURL in (baseURL, router) }, body)
}

/// Runs a fake server on a free local port for the duration of `body`. The fake
/// is made for its address (its answers link back to itself), and `beforeStop`
/// lets it cut its own pauses short so shutdown never waits on a sleeping handler.
public func withTestServer<Fake, Result, Context: RequestContext>(
    serving make: (_ baseURL: String) -> (Fake, Router<Context>), beforeStop: (Fake) -> Void = { _ in },
    _ body: (Fake) async throws -> Result
) async throws -> Result where Context.Source == ApplicationRequestContextSource {
    var port = 0
    for _ in 1...5 {
        port = FreePort.find()
        let (fake, router) = make("http://127.0.0.1:\(port)")
        if let result = try await serveOnce(router, port: port, { try await body(fake) }, stop: { beforeStop(fake) }) {
            return result
        }
    }
    throw TestServerDidNotStart(port: port)
}

/// One attempt on one port: nil when the bind failed (a taken port).
private func serveOnce<Context: RequestContext, Result>(
    _ router: Router<Context>, port: Int, _ body: () async throws -> Result, stop: () -> Void
) async throws -> Result? where Context.Source == ApplicationRequestContextSource {
    let (started, continuation) = AsyncStream<Void>.makeStream()
    var logger = Logger(label: "test-server")
    logger.logLevel = .critical
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), backlog: 4096),
        onServerRunning: { _ in continuation.yield() }, logger: logger)
    let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask {
            // Ends the wait below if the server stops without running (a taken port).
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = started.makeAsyncIterator()
        guard await iterator.next() != nil else {
            try? await tasks.waitForAll()
            return nil
        }
        let result: Result
        do {
            result = try await body()
        } catch {
            stop()
            await group.triggerGracefulShutdown()
            throw error
        }
        stop()
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
        return result
    }
}

/// `withTestServer`'s server stopped before it was running.
public struct TestServerDidNotStart: Error, CustomStringConvertible {
    public let port: Int
    public var description: String { "the test server on port \(port) stopped before it was running" }
}
