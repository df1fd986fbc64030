import Foundation
import Logging
import ServiceLifecycle

/// Retries "learning" evidence that could not reach profile-service when its
/// step was finished, beside the server, until the outbox is empty.
struct EvidenceRetryWorker: Service {
    let outbox: EvidenceOutbox
    let interval: Duration
    let logger: Logger

    func run() async throws {
        // Shutdown cancels the wait (and a delivery in flight, whose claim then lapses and is retried).
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    while try await outbox.deliverDue() == EvidenceOutbox.batchSize {}
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("learning evidence pass failed", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
