import CCurl
import DequeModule
import Foundation
import Synchronization

/// The one thread that drives every transfer of a client through libcurl's multi
/// interface: a thousand concurrent streams cost one thread and a poll set, not a
/// thousand threads. Other threads talk to it only through `submit`, which
/// queues a command and wakes the poll.
final class CurlMultiLoop: @unchecked Sendable {
    enum Command {
        case add(CurlTransfer)
        case cancel(CurlTransfer, CurlHTTPError)
        /// Re-evaluate pause state after the reader drained or the producer refilled.
        case resume(CurlTransfer)
        case shutdown
    }

    private let multi: UnsafeMutableRawPointer
    private let commands = Mutex<(queue: Deque<Command>, stopped: Bool)>(([], false))
    private let exited = Mutex<Bool>(false)
    private let exitSignal = DispatchSemaphore(value: 0)
    // Loop-thread state.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    /// First-byte deadlines of transfers still waiting for headers; only these are
    /// scanned each turn, never the whole active set.
    private var awaitingHeaders: [UnsafeMutableRawPointer: ContinuousClock.Instant] = [:]

    private static let globalInit: Void = { _ = curl_global_init(cg_curl_global_all) }()

    init(maxConnectionsPerHost: Int, maxCachedConnections: Int) {
        _ = CurlMultiLoop.globalInit
        multi = curl_multi_init()
        _ = cg_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnectionsPerHost)
        _ = cg_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maxCachedConnections)
        let thread = Thread { [self] in run() }
        thread.name = "curl-multi"
        thread.start()
    }

    deinit { curl_multi_cleanup(multi) }

    /// Queues a command for the loop thread; false once the loop has stopped.
    @discardableResult
    func submit(_ command: Command) -> Bool {
        let accepted = commands.withLock { state -> Bool in
            guard !state.stopped else { return false }
            state.queue.append(command)
            return true
        }
        if accepted { _ = curl_multi_wakeup(multi) }
        return accepted
    }

    /// Aborts every transfer and stops the thread; waits until it has.
    func shutdown() {
        guard submit(.shutdown) else { return }
        exitSignal.wait()
    }

    // MARK: Loop thread

    private func run() {
        var running: Int32 = 0
        while true {
            if !drainCommands() { break }
            _ = curl_multi_perform(multi, &running)
            collectFinished()
            let nextDeadline = enforceFirstByteDeadlines()
            var timeout: Int = 1000
            _ = curl_multi_timeout(multi, &timeout)
            if timeout < 0 || timeout > 1000 { timeout = 1000 }
            if let nextDeadline {
                let wait = nextDeadline - .now
                timeout = min(
                    timeout,
                    max(
                        1, Int(wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000) + 1
                    ))
            }
            _ = curl_multi_poll(multi, nil, 0, Int32(timeout), nil)
        }
        let shutdownError = CurlHTTPError(.shutdown, "HTTP client shut down")
        for (easy, transfer) in active {
            curl_multi_remove_handle(multi, easy)
            transfer.complete(with: shutdownError)
        }
        active.removeAll()
        awaitingHeaders.removeAll()
        let leftovers = commands.withLock { state -> [Command] in
            state.stopped = true
            defer { state.queue.removeAll() }
            return Array(state.queue)
        }
        for case .add(let transfer) in leftovers { transfer.complete(with: shutdownError) }
        exitSignal.signal()
    }

    /// Applies queued commands; false when asked to shut down.
    private func drainCommands() -> Bool {
        let batch = commands.withLock { state -> Deque<Command> in
            defer { state.queue.removeAll(keepingCapacity: true) }
            if state.queue.contains(where: { if case .shutdown = $0 { true } else { false } }) { state.stopped = true }
            return state.queue
        }
        for command in batch {
            switch command {
            case .add(let transfer):
                if transfer.state.withLock({ $0.cancelled }) {
                    transfer.complete(with: CurlHTTPError(.cancelled, "transfer cancelled"))
                    continue
                }
                let code = curl_multi_add_handle(multi, transfer.easy)
                if code == CURLM_OK {
                    active[transfer.easy] = transfer
                    if let firstByte = transfer.request.timeouts.firstByte {
                        awaitingHeaders[transfer.easy] = .now + firstByte
                    }
                } else {
                    transfer.complete(
                        with: CurlHTTPError(.transferFailed, String(cString: curl_multi_strerror(code))))
                }
            case .cancel(let transfer, let error):
                guard active.removeValue(forKey: transfer.easy) != nil else { continue }
                awaitingHeaders[transfer.easy] = nil
                // Removing a handle mid-transfer closes its connection: the server sees the disconnect.
                curl_multi_remove_handle(multi, transfer.easy)
                transfer.complete(with: error)
            case .resume(let transfer):
                guard active[transfer.easy] != nil else { continue }
                let mask = transfer.state.withLock { state -> Int32 in
                    if state.receivePaused && state.buffered < CurlTransfer.lowWater { state.receivePaused = false }
                    if state.sendPaused && (!state.upload.isEmpty || state.uploadFinished || state.cancelled) {
                        state.sendPaused = false
                    }
                    return (state.receivePaused ? CURLPAUSE_RECV : 0) | (state.sendPaused ? CURLPAUSE_SEND : 0)
                }
                _ = curl_easy_pause(transfer.easy, mask)
            case .shutdown:
                return false
            }
        }
        return true
    }

    private func collectFinished() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            curl_multi_remove_handle(multi, easy)
            awaitingHeaders[easy] = nil
            guard let transfer = active.removeValue(forKey: easy) else { continue }
            transfer.complete(with: transfer.error(for: code))
        }
    }

    /// Aborts transfers whose headers are late; returns the earliest deadline left.
    private func enforceFirstByteDeadlines() -> ContinuousClock.Instant? {
        guard !awaitingHeaders.isEmpty else { return nil }
        let now = ContinuousClock.now
        var earliest: ContinuousClock.Instant?
        for (easy, deadline) in awaitingHeaders {
            guard let transfer = active[easy] else {
                awaitingHeaders[easy] = nil
                continue
            }
            if transfer.state.withLock({ $0.headDelivered }) {
                awaitingHeaders[easy] = nil
            } else if now >= deadline {
                awaitingHeaders[easy] = nil
                active[easy] = nil
                curl_multi_remove_handle(multi, easy)
                transfer.complete(
                    with: CurlHTTPError(
                        .firstByteTimeout, "no response within \(transfer.request.timeouts.firstByte ?? .zero)"))
            } else {
                earliest = min(earliest ?? deadline, deadline)
            }
        }
        return earliest
    }
}
