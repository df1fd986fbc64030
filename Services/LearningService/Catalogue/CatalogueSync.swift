import Database
import Foundation
import Logging
import ServiceLifecycle

/// Writes the shipped catalogue into the resources table once per process:
/// at start, beside the server, and on the first request that needs it if
/// that comes sooner. A failed attempt (PostgreSQL restarting) is retried by
/// the next caller rather than remembered.
actor CatalogueSync: Service {
    private let catalogue: Catalogue
    private let store: ResourceStore
    private let logger: Logger
    private var loaded = false
    private var attempt: Task<ResourceStore.SaveCounts, any Error>?

    init(catalogue: Catalogue, store: ResourceStore, logger: Logger) {
        self.catalogue = catalogue
        self.store = store
        self.logger = logger
    }

    /// Returns once the table holds this catalogue.
    func ensureLoaded() async throws {
        if loaded { return }
        let task: Task<ResourceStore.SaveCounts, any Error>
        if let attempt {
            task = attempt
        } else {
            task = Task { [store, catalogue] in
                try await store.replaceCatalogue(catalogue.resources, hash: catalogue.hash)
            }
            attempt = task
        }
        do {
            let counts = try await task.value
            if !loaded {
                loaded = true
                logger.info(
                    "learning catalogue in place",
                    metadata: [
                        "entries": .stringConvertible(catalogue.entries.count),
                        "written": .stringConvertible(counts.written), "removed": .stringConvertible(counts.removed),
                    ])
            }
        } catch {
            attempt = nil
            throw error
        }
    }

    nonisolated func run() async throws {
        try? await cancelWhenGracefulShutdown {
            var delay = Duration.milliseconds(250)
            while !Task.isCancelled {
                do {
                    try await self.ensureLoaded()
                    break
                } catch {
                    self.logger.warning("learning catalogue not written yet, retrying", metadata: ["error": "\(error)"])
                    try await Task.sleep(for: delay)
                    delay = min(delay * 2, .seconds(30))
                }
            }
        }
        // Returning would stop the service group: wait for shutdown instead.
        try? await gracefulShutdown()
    }
}
