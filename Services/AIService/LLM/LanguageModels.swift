import Contracts
import Foundation
import Logging
import Synchronization

/// The AI service's one door to a language model: picks the task's model and
/// fixed options from the routing table, waits for a slot in that model's
/// bounded queue, and knows whether a model is there at all, so features can
/// fall back to their deterministic answer at once instead of waiting on a
/// runtime that is down.
final class LanguageModels: Sendable {
    let backend: any LanguageModelBackend
    let routing: ModelRouting
    let queues: ModelQueues
    let logger: Logger
    private let state = Mutex(RuntimeState())
    /// How long a failed probe (runtime down) is believed before asking again.
    private let downRecheck: Duration

    struct RuntimeState {
        var installed: Set<String>?
        var checkedAt: ContinuousClock.Instant?
        var lastError: String?
        var version: String?
    }

    /// Why a model can't serve a task right now; becomes `llm.reason`.
    struct Unavailable: Error, Sendable {
        var reason: String
    }

    init(
        backend: any LanguageModelBackend, routing: ModelRouting, queues: ModelQueues, logger: Logger,
        downRecheck: Duration = .seconds(10)
    ) {
        self.backend = backend
        self.routing = routing
        self.queues = queues
        self.logger = logger
        self.downRecheck = downRecheck
    }

    /// Reads the runtime's model list (at start, and again when stale).
    @discardableResult
    func refresh() async -> Result<Set<String>, Unavailable> {
        do {
            let version = try await backend.version()
            let models = try await backend.installedModels()
            let names = Set(models.flatMap { Self.names(for: $0.name) })
            state.withLock {
                $0 = RuntimeState(installed: names, checkedAt: .now, lastError: nil, version: version)
            }
            return .success(names)
        } catch {
            let reason = Self.describe(error, backend: backend.kind)
            state.withLock {
                $0 = RuntimeState(installed: nil, checkedAt: .now, lastError: reason, version: nil)
            }
            return .failure(Unavailable(reason: reason))
        }
    }

    /// Ollama lists "all-minilm:latest" for a model asked for as "all-minilm".
    static func names(for listed: String) -> [String] {
        listed.hasSuffix(":latest") ? [listed, String(listed.dropLast(":latest".count))] : [listed]
    }

    /// What `/ready` and `GET /models` report.
    struct Status: Codable, Sendable {
        struct Model: Codable, Sendable {
            var name: String
            var tasks: [String]
            var installed: Bool
            var options: ModelOptions
            var keepAlive: String
            var running: Int
            var waiting: Int
            var rejected: Int
        }

        var backend: String
        var reachable: Bool
        var version: String?
        var error: String?
        var models: [Model]
        var missing: [String]
    }

    func status() async -> Status {
        let snapshot = state.withLock { $0 }
        let installed = snapshot.installed ?? []
        let stats = queues.statistics()
        let models = routing.models.map { name in
            let tasks = ModelTask.allCases.filter { routing.route(for: $0).model == name }
            let route = routing.route(for: tasks[0])
            let queue = stats[name]
            return Status.Model(
                name: name, tasks: tasks.map(\.rawValue), installed: installed.contains(name), options: route.options,
                keepAlive: route.keepAlive, running: queue?.running ?? 0, waiting: queue?.waiting ?? 0,
                rejected: queue?.rejected ?? 0)
        }
        return Status(
            backend: backend.kind, reachable: snapshot.installed != nil, version: snapshot.version,
            error: snapshot.lastError, models: models,
            missing: snapshot.installed == nil ? [] : models.filter { !$0.installed }.map(\.name))
    }

    /// The route for `task` if its model can answer now, else why not. Never
    /// waits longer than one probe of the runtime.
    func availableRoute(for task: ModelTask) async -> Result<ModelRoute, Unavailable> {
        let route = routing.route(for: task)
        let snapshot = state.withLock { $0 }
        var installed = snapshot.installed
        let stale = snapshot.checkedAt.map { ContinuousClock.now - $0 > downRecheck } ?? true
        if installed == nil || stale {
            switch await refresh() {
            case .success(let names): installed = names
            case .failure(let unavailable): return .failure(unavailable)
            }
        }
        guard let installed, installed.contains(route.model) else {
            return .failure(
                Unavailable(reason: "model \(route.model) is not pulled (POST /models/pull fetches it)"))
        }
        return .success(route)
    }

    /// One complete answer from the task's model, through its queue.
    func complete(
        task: ModelTask, messages: [ChatMessage], format: JSONValue? = nil, route: ModelRoute? = nil
    ) async throws -> ChatCompletion {
        let route = route ?? routing.route(for: task)
        let request = ChatRequest(
            model: route.model, messages: messages, options: route.options, format: format,
            keepAlive: route.keepAlive)
        do {
            return try await queues.withSlot(model: route.model) { try await backend.chat(request) }
        } catch let error as LanguageModelError {
            noteFailure(error)
            throw error
        }
    }

    /// A streamed answer from the task's model. The queue slot is held until the
    /// stream ends or is dropped, so streams count against the model's concurrency.
    func stream(task: ModelTask, messages: [ChatMessage]) async throws -> ChatStream {
        let route = routing.route(for: task)
        let request = ChatRequest(
            model: route.model, messages: messages, options: route.options, keepAlive: route.keepAlive)
        let slot = try await queues.acquire(model: route.model)
        do {
            let upstream = try await backend.streamChat(request)
            let reader = StreamReader(upstream: upstream, slot: slot)
            return ChatStream { try await reader.next() }
        } catch {
            slot.release()
            if let error = error as? LanguageModelError { noteFailure(error) }
            throw error
        }
    }

    /// Holds the queue slot while a stream is read; gives it back at the end,
    /// on error, or when the reader is dropped.
    private final class StreamReader: Sendable {
        private let iterator: Mutex<ChatStream.AsyncIterator?>
        private let slot: ModelQueues.Slot

        init(upstream: ChatStream, slot: ModelQueues.Slot) {
            iterator = Mutex(upstream.makeAsyncIterator())
            self.slot = slot
        }

        func next() async throws -> ChatChunk? {
            guard var current = iterator.withLock({ $0.take() }) else { return nil }
            do {
                let chunk = try await current.next()
                if chunk == nil || chunk?.done == true {
                    slot.release()
                    if chunk == nil { return nil }
                } else {
                    iterator.withLock { $0 = current }
                }
                return chunk
            } catch {
                slot.release()
                throw error
            }
        }

        deinit { slot.release() }
    }

    /// Embeddings through the embedding model's queue.
    func embed(_ inputs: [String]) async throws -> (model: String, vectors: [[Float]]) {
        let route = routing.route(for: .embeddings)
        let request = EmbeddingRequest(
            model: route.model, inputs: inputs, options: route.options, keepAlive: route.keepAlive)
        let vectors = try await queues.withSlot(model: route.model) { try await backend.embed(request) }
        return (route.model, vectors)
    }

    /// Reads the runtime's model list once at start and says what is missing, so
    /// an operator sees it in the log as well as in `/ready` and `GET /models`.
    func logStartupState() async {
        switch await refresh() {
        case .failure(let unavailable):
            logger.warning(
                "no model runtime: AI features answer deterministically", metadata: ["reason": "\(unavailable.reason)"])
        case .success:
            let missing = await status().missing
            if missing.isEmpty {
                logger.info("model runtime ready", metadata: ["backend": "\(backend.kind)"])
            } else {
                logger.warning(
                    "routed models missing (POST /models/pull fetches them)",
                    metadata: ["missing": "\(missing.joined(separator: ", "))"])
            }
        }
    }

    /// Loads the most-used model with an empty chat so the first user doesn't
    /// pay the cold load. Best effort: logged, never fatal.
    func warmUp() async {
        let model = routing.mostUsedModel
        guard let task = ModelTask.allCases.first(where: { routing.route(for: $0).model == model }) else { return }
        guard case .success(let route) = await availableRoute(for: task) else {
            logger.info("model warm-up skipped", metadata: ["model": "\(model)"])
            return
        }
        do {
            let started = ContinuousClock.now
            _ = try await complete(task: task, messages: [], route: route)
            logger.info(
                "model warmed", metadata: ["model": "\(model)", "elapsed": "\(ContinuousClock.now - started)"])
        } catch {
            logger.warning("model warm-up failed", metadata: ["model": "\(model)", "error": "\(error)"])
        }
    }

    /// A model that vanished or a runtime that went away is noticed at once.
    private func noteFailure(_ error: LanguageModelError) {
        switch error.code {
        case .unreachable:
            state.withLock {
                $0 = RuntimeState(installed: nil, checkedAt: .now, lastError: error.message, version: nil)
            }
        case .modelNotFound:
            if let model = error.model { _ = state.withLock { $0.installed?.remove(model) } }
        default: break
        }
    }

    /// A short reason for `llm.reason` and `/ready`.
    static func describe(_ error: any Error, backend: String) -> String {
        guard let error = error as? LanguageModelError else { return "\(backend): \(error)" }
        switch error.code {
        case .unreachable: return "no \(backend) runtime reachable (\(error.message))"
        case .modelNotFound: return "model \(error.model ?? "") is not pulled"
        case .busy: return "the \(backend) runtime is busy"
        case .overloaded: return "too many requests are waiting for the model"
        case .timeout: return "the model did not answer in time"
        // The runtime's own text can carry tracebacks and paths: it goes to the log, not to clients.
        case .runtimeError: return "the \(backend) runtime reported an error (details in the ai-service log)"
        case .invalidResponse: return "the model runtime answered something unreadable"
        case .cancelled: return "the request was cancelled"
        }
    }
}
