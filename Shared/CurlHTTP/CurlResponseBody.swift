import DequeModule
import Synchronization

/// A response body as it arrives: an `AsyncSequence` of byte chunks, with `lines`
/// for NDJSON and server-sent events. Read it once. Dropping it unread aborts the
/// transfer, so an abandoned stream never keeps a connection busy.
public struct CurlResponseBody: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    private let owner: Owner

    init(transfer: CurlTransfer, loop: CurlMultiLoop) {
        owner = Owner(transfer: transfer, loop: loop)
    }

    /// Aborts the transfer when the last copy of the body goes away.
    final class Owner: Sendable {
        let transfer: CurlTransfer
        let loop: CurlMultiLoop

        init(transfer: CurlTransfer, loop: CurlMultiLoop) {
            self.transfer = transfer
            self.loop = loop
        }

        deinit {
            let unfinished = transfer.state.withLock { state -> Bool in
                guard !state.finished else { return false }
                state.cancelled = true
                return true
            }
            if unfinished { loop.submit(.cancel(transfer, CurlHTTPError(.cancelled, "response body abandoned"))) }
        }

        func next() async throws -> [UInt8]? {
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation {
                    (continuation: CheckedContinuation<[UInt8]?, any Error>) in
                    let (result, resume) = transfer.state.withLock {
                        state -> (Result<[UInt8]?, any Error>?, Bool) in
                        if let chunk = state.chunks.popFirst() {
                            state.buffered -= chunk.count
                            return (.success(chunk), state.receivePaused && state.buffered < CurlTransfer.lowWater)
                        }
                        if let failure = state.failure { return (.failure(failure), false) }
                        if state.finished { return (.success(nil), false) }
                        if state.cancelled { return (.failure(CurlHTTPError(.cancelled, "transfer cancelled")), false) }
                        state.bodyWaiter = continuation
                        return (nil, state.receivePaused)
                    }
                    if resume { loop.submit(.resume(transfer)) }
                    if let result { continuation.resume(with: result) }
                }
            } onCancel: {
                transfer.state.withLock { $0.cancelled = true }
                loop.submit(.cancel(transfer, CurlHTTPError(.cancelled, "transfer cancelled")))
            }
        }
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let owner: Owner

        public mutating func next() async throws -> [UInt8]? {
            try await owner.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(owner: owner) }

    /// All of the body, failing with `.responseTooLarge` past `limit` bytes.
    public func collect(upTo limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in self {
            guard bytes.count + chunk.count <= limit else {
                throw CurlHTTPError(.responseTooLarge, "response larger than \(limit) bytes")
            }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }

    /// The body split at `\n` (a trailing `\r` dropped), however the chunks fell.
    /// A line longer than `maxLineBytes` fails instead of growing without bound.
    public func lines(maxLineBytes: Int = 1024 * 1024) -> CurlLineSequence {
        CurlLineSequence(body: self, maxLineBytes: maxLineBytes)
    }

    public var lines: CurlLineSequence { lines() }
}

public struct CurlLineSequence: AsyncSequence, Sendable {
    public typealias Element = String

    let body: CurlResponseBody
    let maxLineBytes: Int

    public struct AsyncIterator: AsyncIteratorProtocol {
        var chunks: CurlResponseBody.AsyncIterator
        let maxLineBytes: Int
        var pending: [UInt8] = []
        var pendingStart = 0
        var finished = false

        public mutating func next() async throws -> String? {
            while true {
                if let newline = pending[pendingStart...].firstIndex(of: UInt8(ascii: "\n")) {
                    var end = newline
                    if end > pendingStart, pending[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                    let line = String(decoding: pending[pendingStart..<end], as: UTF8.self)
                    pendingStart = newline + 1
                    return line
                }
                if finished {
                    guard pendingStart < pending.count else { return nil }
                    let line = String(decoding: pending[pendingStart...], as: UTF8.self)
                    pending.removeAll()
                    pendingStart = 0
                    return line
                }
                // Compact what was consumed before reading more.
                if pendingStart > 0 {
                    pending.removeFirst(pendingStart)
                    pendingStart = 0
                }
                guard pending.count <= maxLineBytes else {
                    throw CurlHTTPError(.lineTooLong, "line longer than \(maxLineBytes) bytes")
                }
                if let chunk = try await chunks.next() {
                    pending.append(contentsOf: chunk)
                } else {
                    finished = true
                }
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(chunks: body.makeAsyncIterator(), maxLineBytes: maxLineBytes)
    }
}
