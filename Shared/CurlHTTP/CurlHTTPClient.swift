import Logging
import Synchronization

/// An HTTP client on libcurl's multi interface, driven by one dedicated thread.
///
/// `execute` returns when the response headers arrive; the body then streams as
/// chunks or lines with backpressure. Cancelling the calling task (or dropping
/// the body unread) aborts the transfer and closes its connection. Connections
/// are kept and reused across requests to the same host.
public final class CurlHTTPClient: Sendable {
    public struct Configuration: Sendable {
        /// Parallel connections to one host; 0 means unlimited.
        public var maxConnectionsPerHost: Int
        /// Idle connections kept for reuse.
        public var maxCachedConnections: Int

        public init(maxConnectionsPerHost: Int = 0, maxCachedConnections: Int = 64) {
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.maxCachedConnections = maxCachedConnections
        }
    }

    private let loop: CurlMultiLoop

    public init(configuration: Configuration = Configuration()) {
        loop = CurlMultiLoop(
            maxConnectionsPerHost: configuration.maxConnectionsPerHost,
            maxCachedConnections: configuration.maxCachedConnections)
    }

    /// Aborts every transfer and stops the loop thread.
    public func shutdown() {
        loop.shutdown()
    }

    /// Sends the request; returns once the final response headers arrived.
    public func execute(_ request: CurlRequest) async throws -> CurlResponse {
        let transfer = try CurlTransfer(request: request)
        let loop = self.loop
        let (status, headers) = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CurlTransfer.HeadContinuation) in
                transfer.state.withLock { $0.headContinuation = continuation }
                if case .stream(let stream) = request.body { startUpload(stream, for: transfer) }
                if !loop.submit(.add(transfer)) {
                    transfer.complete(with: CurlHTTPError(.shutdown, "HTTP client shut down"))
                }
            }
        } onCancel: {
            cancel(transfer)
        }
        return CurlResponse(status: status, headers: headers, body: CurlResponseBody(transfer: transfer, loop: loop))
    }

    /// Sends the request and collects the whole body (bounded by `maxResponseBytes`).
    public func data(for request: CurlRequest) async throws -> (response: CurlResponse, body: [UInt8]) {
        let response = try await execute(request)
        let body = try await response.body.collect(upTo: request.maxResponseBytes)
        return (response, body)
    }

    private func cancel(_ transfer: CurlTransfer) {
        transfer.state.withLock { $0.cancelled = true }
        loop.submit(.cancel(transfer, CurlHTTPError(.cancelled, "transfer cancelled")))
    }

    /// Feeds a streamed request body into the transfer, waiting while curl's side
    /// holds more than `uploadHighWater` bytes.
    private func startUpload(_ stream: AsyncThrowingStream<[UInt8], any Error>, for transfer: CurlTransfer) {
        let loop = self.loop
        let task = Task {
            do {
                for try await chunk in stream where !chunk.isEmpty {
                    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                        let mustWait = transfer.state.withLock { state -> Bool in
                            if state.finished || state.cancelled { return false }
                            state.upload.append(chunk)
                            state.uploadBuffered += chunk.count
                            if state.uploadBuffered >= CurlTransfer.uploadHighWater {
                                state.uploadWaiter = continuation
                                return true
                            }
                            return false
                        }
                        if !mustWait { continuation.resume() }
                    }
                    if transfer.state.withLock({ $0.finished }) { return }
                    loop.submit(.resume(transfer))
                }
                transfer.state.withLock { $0.uploadFinished = true }
                loop.submit(.resume(transfer))
            } catch {
                transfer.state.withLock {
                    $0.cancelled = true
                    $0.failure = CurlHTTPError(.requestBodyFailed, "request body stream failed: \(error)")
                }
                loop.submit(
                    .cancel(transfer, CurlHTTPError(.requestBodyFailed, "request body stream failed: \(error)")))
            }
        }
        transfer.state.withLock { $0.uploadTask = task }
    }
}
