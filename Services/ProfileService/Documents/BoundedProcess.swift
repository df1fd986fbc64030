import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a helper program (pdftotext) on an untrusted file without a shell and
/// without ever blocking the caller's thread: Foundation's `Process` with an
/// argument array, termination awaited through `terminationHandler`, stdout and
/// stderr drained at the same time on dispatch threads (so a full pipe never
/// stalls the child) and capped. A timeout, too much output or the calling
/// task's cancellation stop the child with SIGKILL: a child spawned from a Swift
/// concurrency or dispatch thread inherits that thread's blocked-signal mask, so
/// SIGTERM would stay pending for ever, and pdftotext has nothing to clean up.
enum BoundedProcess {
    struct Outcome: Sendable {
        enum Ending: Sendable, Equatable {
            case exited(Int32)
            case signalled(Int32)
            case timedOut
        }

        var ending: Ending
        var standardOutput: [UInt8]
        var standardError: [UInt8]
        /// Standard output went past its cap; the child was stopped and the rest discarded.
        var outputOverflowed: Bool
    }

    struct LaunchFailure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(
        _ executable: String, _ arguments: [String], timeout: Duration, outputLimit: Int, errorLimit: Int = 64 * 1024
    ) async throws(LaunchFailure) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // The child needs no secrets from our environment; UTF-8 for its messages.
        process.environment = ["LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"]
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let child = RunningChild(process)

        async let collectedOutput = drain(output.fileHandleForReading, limit: outputLimit) { child.kill() }
        async let collectedErrors = drain(errors.fileHandleForReading, limit: errorLimit) {}
        let ending: Outcome.Ending
        do {
            ending = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    process.terminationHandler = { finished in
                        let status = finished.terminationStatus
                        let signalled = finished.terminationReason == .uncaughtSignal
                        child.markFinished()
                        continuation.resume(returning: signalled ? .signalled(status) : .exited(status))
                    }
                    do {
                        try process.run()
                        child.startWatchdog(after: timeout)
                    } catch {
                        process.terminationHandler = nil
                        // Our copies of the write ends are still open: close them so the drains end.
                        try? output.fileHandleForWriting.close()
                        try? errors.fileHandleForWriting.close()
                        continuation.resume(throwing: error)
                    }
                }
            } onCancel: {
                child.kill()
            }
        } catch {
            _ = await (collectedOutput, collectedErrors)
            throw LaunchFailure(description: "\(executable) could not be started (\(error.localizedDescription))")
        }
        child.cancelWatchdog()
        let (stdout, stderr) = await (collectedOutput, collectedErrors)
        return Outcome(
            ending: child.timedOut ? .timedOut : ending, standardOutput: stdout.bytes, standardError: stderr.bytes,
            outputOverflowed: stdout.overflowed)
    }

    /// Reads a pipe to its end on a dispatch thread (a blocking read must not sit
    /// on a Swift concurrency or NIO thread), keeping at most `limit` bytes.
    private static func drain(
        _ handle: FileHandle, limit: Int, onOverflow: @escaping @Sendable () -> Void
    ) async -> (bytes: [UInt8], overflowed: Bool) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                var collected: [UInt8] = []
                var overflowed = false
                let descriptor = handle.fileDescriptor
                var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                    if count < 0, errno == EINTR { continue }
                    if count <= 0 { break }
                    if !overflowed, collected.count + count <= limit {
                        collected.append(contentsOf: buffer[0..<count])
                    } else if !overflowed {
                        overflowed = true
                        onOverflow()
                    }
                }
                try? handle.close()
                continuation.resume(returning: (collected, overflowed))
            }
        }
    }
}

/// The state shared by the termination handler, the watchdog and cancellation.
/// `finished` is set when Foundation reports the exit, and no signal is sent
/// after that, so a recycled process id is never signalled.
private final class RunningChild: @unchecked Sendable {
    private struct State {
        var finished = false
        var timedOut = false
        var watchdog: Task<Void, Never>?
    }

    // Process is not Sendable; it is only touched under `state`'s lock.
    private let process: Process
    private let state = Mutex(State())

    init(_ process: Process) {
        self.process = process
    }

    var timedOut: Bool { state.withLock { $0.timedOut } }

    func markFinished() {
        state.withLock { $0.finished = true }
    }

    /// SIGKILL, if the child still runs.
    func kill() {
        state.withLock { state in
            if !state.finished, process.isRunning { _ = sendSignal(process.processIdentifier, SIGKILL) }
        }
    }

    func startWatchdog(after timeout: Duration) {
        let watchdog = Task { [self] in
            do {
                try await Task.sleep(for: timeout)
            } catch {
                return  // cancelled: the child ended in time
            }
            state.withLock { $0.timedOut = !$0.finished }
            kill()
        }
        state.withLock { state in
            if state.finished { watchdog.cancel() } else { state.watchdog = watchdog }
        }
    }

    func cancelWatchdog() {
        state.withLock { state in
            state.finished = true
            state.watchdog?.cancel()
        }
    }
}

/// `kill(2)`, under a name that does not clash with `RunningChild.kill()`.
private func sendSignal(_ pid: pid_t, _ signal: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.kill(pid, signal)
    #else
    Darwin.kill(pid, signal)
    #endif
}
