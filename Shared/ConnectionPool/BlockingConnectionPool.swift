import DequeModule
import Logging
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A pool of blocking C connections with threads of its own: every blocking call
/// runs on one of `maxConnections` reserved threads, never on an event loop or
/// the cooperative thread pool.
///
/// Leasing is FIFO-fair with an acquire timeout. An idle connection is checked
/// (without a round trip) before it is lent; a broken one is replaced. Opening a
/// connection retries with jittered backoff until the caller's deadline, so a
/// restarting server is waited for rather than reported after one try.
public final class BlockingConnectionPool<Connection: PooledConnection>: Sendable {
    public struct Configuration: Sendable {
        public var name: String
        public var minConnections: Int
        public var maxConnections: Int
        public var acquireTimeout: Duration
        /// Idle connections above the minimum close after this long.
        public var idleTimeout: Duration

        public init(
            name: String, minConnections: Int, maxConnections: Int, acquireTimeout: Duration,
            idleTimeout: Duration = .seconds(300)
        ) {
            self.name = name
            self.minConnections = max(0, minConnections)
            self.maxConnections = max(1, maxConnections, minConnections)
            self.acquireTimeout = acquireTimeout
            self.idleTimeout = idleTimeout
        }
    }

    public let configuration: Configuration
    private let logger: Logger
    private let threadPool: NIOThreadPool
    private let openConnection: @Sendable (Int) throws -> Connection
    private let state = Mutex(State())

    private struct State {
        var idle: [(connection: Connection, releasedAt: ContinuousClock.Instant)] = []
        /// Connections that exist or are being opened: idle + leased.
        var open = 0
        var leased = 0
        var waiters: Deque<Waiter> = []
        /// Acquire-timeout timers of queued waiters, cancelled when a waiter is served.
        var timers: [Int: Task<Void, Never>] = [:]
        var closed = false
        var threadsStopped = false
        var nextID = 0

        /// The longest-waiting caller, its timer cancelled.
        mutating func popWaiter() -> Waiter? {
            guard let waiter = waiters.popFirst() else { return nil }
            timers.removeValue(forKey: waiter.id)?.cancel()
            return waiter
        }

        mutating func makeID() -> Int {
            nextID += 1
            return nextID
        }
    }

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Grant, any Error>
    }

    /// What an acquirer receives: a live connection, or the right to open one.
    private enum Grant {
        case connection(Connection)
        case openNew(id: Int)
    }

    /// - Parameter open: opens a connection (blocking; runs on the pool's threads).
    public init(
        configuration: Configuration, logger: Logger, open: @escaping @Sendable (Int) throws -> Connection
    ) {
        self.configuration = configuration
        self.logger = logger
        self.openConnection = open
        self.threadPool = NIOThreadPool(numberOfThreads: configuration.maxConnections)
        threadPool.start()
    }

    deinit {
        let mustStop = state.withLock { !$0.threadsStopped }
        if mustStop { threadPool.shutdownGracefully { _ in } }
    }

    public var statistics: PoolStatistics {
        state.withLock {
            PoolStatistics(
                open: $0.open, idle: $0.idle.count, leased: $0.leased, waiting: $0.waiters.count,
                max: configuration.maxConnections)
        }
    }

    /// Runs blocking work on the pool's reserved threads.
    public func runBlocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await threadPool.runIfActive(work)
        } catch let error as NIOThreadPoolError.ThreadPoolInactive {
            throw PoolError(code: .closed, message: "\(configuration.name) pool is closed (\(error))")
        }
    }

    // MARK: Leasing

    /// Leases a connection; pair every lease with `release`.
    public func lease() async throws -> Connection {
        let deadline = ContinuousClock.now + configuration.acquireTimeout
        var grant = try await waitForGrant(deadline: deadline)
        while true {
            switch grant {
            case .connection(let connection):
                if connection.isUsable { return connection }
                // The server dropped it while idle (restart, kill): open a fresh one in its place.
                logger.debug("replacing dead idle connection", metadata: ["pool": "\(configuration.name)"])
                grant = .openNew(id: state.withLock { $0.makeID() })
            case .openNew(let id):
                do {
                    return try await open(id: id, deadline: deadline)
                } catch {
                    forfeitSlot()
                    throw error
                }
            }
        }
    }

    /// Returns a connection; a broken one is dropped and its slot handed on.
    public func release(_ connection: Connection) {
        let broken = connection.isBroken
        let handoff = state.withLock { state -> (Waiter, Grant)? in
            state.leased -= 1
            if state.closed || broken {
                state.open -= 1
                guard !state.closed, let waiter = state.popWaiter() else { return nil }
                state.open += 1
                state.leased += 1
                return (waiter, .openNew(id: state.makeID()))
            }
            if let waiter = state.popWaiter() {
                state.leased += 1
                return (waiter, .connection(connection))
            }
            state.idle.append((connection, .now))
            return nil
        }
        if let (waiter, grant) = handoff { waiter.continuation.resume(returning: grant) }
        if broken { logger.info("dropped broken connection", metadata: ["pool": "\(configuration.name)"]) }
    }

    private func waitForGrant(deadline: ContinuousClock.Instant) async throws -> Grant {
        let waiterID = state.withLock { $0.makeID() }
        let configuration = self.configuration
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Grant, any Error>) in
                let immediate = state.withLock { state -> Result<Grant, any Error>? in
                    if state.closed {
                        return .failure(PoolError(code: .closed, message: "\(configuration.name) pool is closed"))
                    }
                    if let entry = state.idle.popLast() {
                        state.leased += 1
                        return .success(.connection(entry.connection))
                    }
                    if state.open < configuration.maxConnections {
                        state.open += 1
                        state.leased += 1
                        return .success(.openNew(id: state.makeID()))
                    }
                    state.waiters.append(Waiter(id: waiterID, continuation: continuation))
                    return nil
                }
                if let immediate {
                    continuation.resume(with: immediate)
                    return
                }
                let timer = Task { [weak self] in
                    guard (try? await Task.sleep(until: deadline)) != nil else { return }
                    self?.failWaiter(
                        waiterID,
                        with: PoolError(
                            code: .acquireTimeout,
                            message: "no \(configuration.name) connection free within \(configuration.acquireTimeout)"
                        ))
                }
                // The waiter may already have been served while the timer was being made.
                let stillWaiting = state.withLock { state -> Bool in
                    guard state.waiters.contains(where: { $0.id == waiterID }) else { return false }
                    state.timers[waiterID] = timer
                    return true
                }
                if !stillWaiting { timer.cancel() }
            }
        } onCancel: {
            failWaiter(waiterID, with: CancellationError())
        }
    }

    private func failWaiter(_ id: Int, with error: any Error) {
        let waiter = state.withLock { state -> Waiter? in
            state.timers.removeValue(forKey: id)?.cancel()
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        waiter?.continuation.resume(throwing: error)
    }

    /// Opening failed: the slot goes to the next waiter, who may try again.
    private func forfeitSlot() {
        let handoff = state.withLock { state -> (Waiter, Grant)? in
            state.leased -= 1
            guard !state.closed, let waiter = state.popWaiter() else {
                state.open -= 1
                return nil
            }
            state.leased += 1
            return (waiter, .openNew(id: state.makeID()))
        }
        if let (waiter, grant) = handoff { waiter.continuation.resume(returning: grant) }
    }

    private func open(id: Int, deadline: ContinuousClock.Instant) async throws -> Connection {
        let openConnection = self.openConnection
        var delay = Duration.milliseconds(50)
        while true {
            do {
                return try await runBlocking { try openConnection(id) }
            } catch let error as PoolError {
                throw error
            } catch {
                let jittered = delay * Double.random(in: 0.5...1.0)
                guard ContinuousClock.now + jittered < deadline, !Task.isCancelled else {
                    logger.warning(
                        "cannot open connection", metadata: ["pool": "\(configuration.name)", "error": "\(error)"])
                    throw error
                }
                try await Task.sleep(for: jittered)
                delay = min(delay * 2, .seconds(1))
            }
        }
    }

    // MARK: Lifecycle

    /// Opens the minimum connections, then every 10 s closes idle extras and dead
    /// idle connections, until graceful shutdown; then closes the pool.
    public func run() async throws {
        await openMinimumConnections()
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(10))
                self.closeStaleIdleConnections()
            }
        }
        await close()
    }

    /// Stops lending, fails waiters, closes idle connections, waits up to 10 s for
    /// leased ones to come back, then stops the threads. Idempotent.
    public func close() async {
        let waiters = state.withLock { state -> [Waiter] in
            state.closed = true
            let waiters = Array(state.waiters)
            state.waiters.removeAll()
            state.timers.values.forEach { $0.cancel() }
            state.timers.removeAll()
            state.open -= state.idle.count
            state.idle.removeAll()
            return waiters
        }
        for waiter in waiters {
            waiter.continuation.resume(
                throwing: PoolError(code: .closed, message: "\(configuration.name) pool is closed"))
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while state.withLock({ $0.leased > 0 }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        let mustStop = state.withLock { state -> Bool in
            defer { state.threadsStopped = true }
            return !state.threadsStopped
        }
        if mustStop { try? await threadPool.shutdownGracefully() }
    }

    private func openMinimumConnections() async {
        while true {
            let id = state.withLock { state -> Int? in
                guard !state.closed, state.open < configuration.minConnections else { return nil }
                state.open += 1
                state.leased += 1
                return state.makeID()
            }
            guard let id else { return }
            do {
                release(try await open(id: id, deadline: .now + configuration.acquireTimeout))
            } catch {
                forfeitSlot()
                logger.warning(
                    "could not open the minimum connections",
                    metadata: ["pool": "\(configuration.name)", "error": "\(error)"])
                return
            }
        }
    }

    private func closeStaleIdleConnections() {
        let now = ContinuousClock.now
        state.withLock { state in
            var keep: [(connection: Connection, releasedAt: ContinuousClock.Instant)] = []
            var dropped = 0
            for entry in state.idle {
                let expired = now - entry.releasedAt > configuration.idleTimeout
                if !entry.connection.isUsable || (expired && state.open - dropped > configuration.minConnections) {
                    dropped += 1
                } else {
                    keep.append(entry)
                }
            }
            state.idle = keep
            state.open -= dropped
        }
    }
}
