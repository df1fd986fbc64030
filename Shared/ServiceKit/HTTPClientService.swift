import CurlHTTP
import ServiceLifecycle

/// Keeps the HTTP client's loop thread for the application's lifetime and stops
/// it after the server has drained.
struct HTTPClientService: Service {
    let client: CurlHTTPClient

    func run() async throws {
        try? await gracefulShutdown()
        client.shutdown()
    }
}
