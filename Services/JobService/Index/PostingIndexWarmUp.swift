import Logging
import ServiceLifecycle

/// Loads the posting index as the service starts, so the first search after a
/// restart doesn't wait for it (about 3 s at 100,000 postings). Until it is
/// loaded, requests load it themselves, as the first one would without this:
/// the index runs one load however many ask.
struct PostingIndexWarmUp: Service {
    let index: PostingIndex
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            do {
                _ = try await index.current()
            } catch is CancellationError {
                return
            } catch {
                // Not fatal: the next request tries again.
                logger.warning("cannot load the posting index at start", metadata: ["error": "\(error)"])
            }
        }
        // Returning would stop the service group: wait for shutdown instead.
        try? await gracefulShutdown()
    }
}
