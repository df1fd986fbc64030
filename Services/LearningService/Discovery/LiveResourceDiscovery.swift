import Contracts
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Taxonomy

/// The live providers behind `ResourceDiscovery`: brings the stored finds for
/// some skills up to date, asking each provider only about skills whose last
/// answer is older than `LEARNING_LIVE_TTL_MS`.
///
/// When everything is fresh a refresh is one PostgreSQL query for all the
/// skills. Otherwise the due lookups are claimed in Redis (one replica per
/// lookup) and run. All of it runs in the background: the caller waits at
/// most `Timing.waitForFresh` and then reads what is stored, while slower
/// lookups (a provider backing off, searches paced by GitHub's rate limit)
/// finish on their own and serve later requests. Nothing here throws: a failing, rate
/// limited or exhausted provider leaves the stored finds and the catalogue.
///
/// A `Service`, so shutdown cancels lookups still running and waits for them.
final class LiveResourceDiscovery: ResourceDiscovery, Service {
    struct Timing: Sendable {
        /// The longest a refresh holds its caller.
        var waitForFresh: Duration = .milliseconds(2500)
        /// The longest a lookup may take in the background, waits for GitHub
        /// search slots included (a minute frees ten); claims last a little longer.
        var lookupBudget: Duration = .seconds(90)
        /// A failed lookup is tried again after this (or the TTL, if shorter).
        var retryAfterFailure: Duration = .seconds(900)
        /// Lookups of one provider running at once.
        var concurrencyPerProvider = 3
        /// Lookups one refresh may start, per provider: a request naming
        /// hundreds of skills must not spend a day's YouTube quota at once.
        var lookupsPerRefresh = 20
        /// How long a lookup seen fresh is taken as fresh without asking
        /// PostgreSQL again (at most the TTL): hot skills cost a request
        /// nothing, and a lookup falls due at most this much late.
        var freshnessMemo: Duration = .seconds(30)
    }

    let providers: [any LiveProvider]
    let store: LiveLookupStore
    let claims: LookupClaims
    let taxonomy: Taxonomy
    let ttl: Duration
    let timing: Timing
    let logger: Logger

    private struct Background {
        var tasks: [UUID: Task<Void, Never>] = [:]
        var stopped = false
    }

    private let background = Mutex(Background())
    /// Until when each lookup is known fresh in this process.
    private let knownFresh = Mutex<[LiveLookupStore.Pair: ContinuousClock.Instant]>([:])

    init(
        providers: [any LiveProvider], store: LiveLookupStore, claims: LookupClaims, taxonomy: Taxonomy,
        ttl: Duration, timing: Timing = Timing(), logger: Logger
    ) {
        self.providers = providers
        self.store = store
        self.claims = claims
        self.taxonomy = taxonomy
        self.ttl = ttl
        self.timing = timing
        self.logger = logger
    }

    func refresh(skills: [String]) async {
        guard !providers.isEmpty else { return }
        let now = ContinuousClock.now
        var seen = Set<String>()
        let known = skills.compactMap { taxonomy.skill($0) }.filter { seen.insert($0.id).inserted }
        let candidates = known.flatMap { skill in
            providers.filter { $0.serves(skill) }.map { LiveLookupStore.Pair(provider: $0.provenance, skill: skill.id) }
        }
        let unsure = knownFresh.withLock { fresh in candidates.filter { fresh[$0].map { $0 <= now } ?? true } }
        guard !unsure.isEmpty else { return }
        // Everything, the freshness query included, runs beside the caller: a
        // slow database or Redis holds it no longer than a slow provider would.
        guard let job = startInBackground({ await self.bringUpToDate(unsure) }) else { return }
        await Self.wait(for: job, until: now + timing.waitForFresh)
    }

    /// Finds the due lookups among `candidates` (one query for all), claims
    /// them, and runs them.
    private func bringUpToDate(_ candidates: [LiveLookupStore.Pair]) async {
        let due: [LiveLookupStore.Pair]
        do {
            due = try await store.due(candidates, ttl: ttl, retryAfterFailure: timing.retryAfterFailure)
        } catch {
            logger.warning("cannot tell which live lookups are due", metadata: ["error": "\(error)"])
            return
        }
        remember(Set(candidates).subtracting(due))
        guard !due.isEmpty else { return }
        var wanted: [LiveLookupStore.Pair] = []
        for provider in providers {
            let pairs = due.filter { $0.provider == provider.provenance }.prefix(timing.lookupsPerRefresh)
            if !pairs.isEmpty, await provider.isAvailable() { wanted += pairs }
        }
        let token = UUID().uuidString
        let claimed = await claims.claim(wanted, token: token)
        guard !claimed.isEmpty else { return }
        // Another replica may have stored a lookup between the query above and the claim.
        let stillDue: Set<LiveLookupStore.Pair>
        do {
            stillDue = Set(try await store.due(claimed, ttl: ttl, retryAfterFailure: timing.retryAfterFailure))
        } catch {
            logger.warning("cannot tell which live lookups are due", metadata: ["error": "\(error)"])
            stillDue = []
        }
        for pair in claimed where !stillDue.contains(pair) { await claims.release(pair, token: token) }
        await run(claimed.filter(stillDue.contains), token: token)
    }

    /// Notes `pairs` as fresh for the memo's while.
    private func remember(_ pairs: Set<LiveLookupStore.Pair>) {
        guard !pairs.isEmpty else { return }
        let until = ContinuousClock.now + min(timing.freshnessMemo, ttl)
        knownFresh.withLock { fresh in
            for pair in pairs { fresh[pair] = until }
        }
    }

    // MARK: - Service

    func run() async throws {
        try? await gracefulShutdown()
        await stop()
    }

    /// Cancels the lookups still running and waits for them; later refreshes start none.
    func stop() async {
        let tasks = background.withLock { state in
            state.stopped = true
            return Array(state.tasks.values)
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    /// Returns once every lookup started so far has been stored.
    func waitForBackgroundLookups() async {
        let tasks = background.withLock { Array($0.tasks.values) }
        for task in tasks { await task.value }
    }

    // MARK: - Lookups

    private func startInBackground(_ work: @escaping @Sendable () async -> Void) -> Task<Void, Never>? {
        let id = UUID()
        return background.withLock { state in
            guard !state.stopped else { return nil }
            let task = Task {
                await work()
                _ = self.background.withLock { $0.tasks.removeValue(forKey: id) }
            }
            state.tasks[id] = task
            return task
        }
    }

    private func run(_ pairs: [LiveLookupStore.Pair], token: String) async {
        guard !pairs.isEmpty else { return }
        let deadline = ContinuousClock.now + timing.lookupBudget
        await withTaskGroup(of: Void.self) { group in
            for provider in providers {
                let mine = pairs.filter { $0.provider == provider.provenance }
                guard !mine.isEmpty else { continue }
                group.addTask { await self.run(mine, on: provider, token: token, deadline: deadline) }
            }
        }
    }

    /// `pairs` of one provider, `concurrencyPerProvider` at a time.
    private func run(
        _ pairs: [LiveLookupStore.Pair], on provider: any LiveProvider, token: String,
        deadline: ContinuousClock.Instant
    ) async {
        await withTaskGroup(of: Void.self) { group in
            var next = pairs.makeIterator()
            for _ in 0..<max(1, timing.concurrencyPerProvider) {
                guard let pair = next.next() else { break }
                group.addTask { await self.lookUp(pair, on: provider, token: token, deadline: deadline) }
            }
            while await group.next() != nil {
                guard let pair = next.next() else { continue }
                group.addTask { await self.lookUp(pair, on: provider, token: token, deadline: deadline) }
            }
        }
    }

    private func lookUp(
        _ pair: LiveLookupStore.Pair, on provider: any LiveProvider, token: String, deadline: ContinuousClock.Instant
    ) async {
        let metadata: Logger.Metadata = ["provider": .string(pair.provider.rawValue), "skill": .string(pair.skill)]
        if let skill = taxonomy.skill(pair.skill) {
            let outcome =
                Task.isCancelled ? .deferred("shutting down") : await provider.lookup(skill, deadline: deadline)
            do {
                switch outcome {
                case .found(let finds):
                    try await store.recordSuccess(pair, finds: finds)
                    remember([pair])
                    logger.debug(
                        "live lookup stored", metadata: metadata.merging(["finds": "\(finds.count)"]) { $1 })
                case .failed(let reason):
                    try await store.recordFailure(pair, error: reason)
                    logger.warning(
                        "live lookup failed; stored finds kept",
                        metadata: metadata.merging(["reason": "\(reason)"]) { $1 })
                case .deferred(let reason):
                    logger.debug(
                        "live lookup deferred", metadata: metadata.merging(["reason": "\(reason)"]) { $1 })
                }
            } catch {
                logger.warning(
                    "cannot store a live lookup", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            }
        }
        await claims.release(pair, token: token)
    }

    /// Returns when `job` ends or at `deadline`, whichever is first; the job runs on either way.
    static func wait(for job: Task<Void, Never>, until deadline: ContinuousClock.Instant) async {
        guard ContinuousClock.now < deadline else { return }
        let gate = WaitGate()
        await withCheckedContinuation { continuation in
            gate.hold(continuation)
            let timer = Task {
                try? await Task.sleep(until: deadline, clock: .continuous)
                gate.open()
            }
            Task {
                await job.value
                timer.cancel()
                gate.open()
            }
        }
    }
}

/// A continuation resumed once, by whichever of two tasks gets there first.
private final class WaitGate: Sendable {
    private let continuation = Mutex<CheckedContinuation<Void, Never>?>(nil)

    func hold(_ continuation: CheckedContinuation<Void, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    func open() {
        continuation.withLock { $0.take() }?.resume()
    }
}
