import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// PDF text through poppler's `pdftotext`, run as a child process on a private
/// copy of the upload (mode 0600, removed afterwards).
///
/// Limits: a wall-clock timeout (`BoundedProcess`), and, where util-linux's
/// `prlimit` exists (every Linux image we ship), an address-space cap and a CPU
/// cap (the timeout plus a second) set on the child itself before it execs
/// pdftotext, with core dumps off. Without prlimit (macOS development) only the
/// timeout applies. prlimit over `ulimit` because it needs no shell.
///
/// Reading order: `-raw`, the order the producer wrote the text in. On résumés
/// that is the reading order: Word, Google Docs, LaTeX and browsers write a
/// layout table or sidebar column by column and a right-aligned date on its
/// line. poppler's default "physical" order, measured on the fixtures, moves a
/// right-aligned date below the entry's bullets (or to the end of the page) and
/// interleaves side-by-side headings ("CONTACT", "PROFILE") of two columns;
/// `-layout` keeps lines whole but prints the two columns side by side.
struct PDFTextReader: Sendable {
    enum ReadingOrder: String, Sendable {
        /// Content-stream order (`-raw`).
        case raw
        /// poppler's default physical reading order.
        case physical
        /// Columns kept side by side with spaces (`-layout`).
        case layout
    }

    static let readingOrder = ReadingOrder.raw
    /// More text than any résumé has: 4 MiB.
    static let outputLimit = 4 * 1_048_576

    let pdftotext: String
    let timeout: Duration
    let memoryLimitBytes: Int
    /// Where the private copy of an upload is written.
    var temporaryDirectory = FileManager.default.temporaryDirectory

    /// The text and the page count (pdftotext ends every page with a form feed).
    func text(of bytes: [UInt8]) async throws(DocumentError) -> (text: String, pages: Int) {
        guard let executable = Self.executablePath(pdftotext) else {
            throw .extractorUnavailable("\(pdftotext) (poppler-utils) was not found")
        }
        let input: String
        do {
            input = try await Self.privateCopy(of: bytes, in: temporaryDirectory)
        } catch {
            throw .extractorUnavailable("the upload could not be written to a temporary file (\(error))")
        }
        defer { unlink(input) }
        var arguments = ["-enc", "UTF-8", "-eol", "unix"]
        switch Self.readingOrder {
        case .raw: arguments.append("-raw")
        case .physical: break
        case .layout: arguments.append("-layout")
        }
        arguments += [input, "-"]  // the input path is absolute: never read as an option
        var program = executable
        if let prlimit = Self.executablePath("prlimit") {
            let cpuSeconds = Int(timeout.components.seconds) + 1
            arguments = ["--as=\(memoryLimitBytes)", "--cpu=\(cpuSeconds)", "--core=0", "--", executable] + arguments
            program = prlimit
        }
        let outcome: BoundedProcess.Outcome
        do {
            outcome = try await BoundedProcess.run(program, arguments, timeout: timeout, outputLimit: Self.outputLimit)
        } catch {
            throw .extractorUnavailable(error.description)
        }
        let messages = String(decoding: outcome.standardError, as: UTF8.self)
        if outcome.outputOverflowed { throw .extractionFailed("it holds more text than any résumé (over 4 MiB)") }
        switch outcome.ending {
        case .timedOut:
            throw .timedOut
        case .signalled(SIGXCPU):
            throw .timedOut
        case .signalled(let signal):
            throw .extractionFailed("the reader stopped on it (signal \(signal)); it may need more memory than allowed")
        case .exited(0):
            let text = String(decoding: outcome.standardOutput, as: UTF8.self)
            let pages = text.utf8.reduce(0) { $1 == 0x0C ? $0 + 1 : $0 }
            return (text, max(pages, 1))
        case .exited(let status):
            throw Self.failure(status: status, messages: messages)
        }
    }

    /// pdftotext's exit status 1 covers both a wrong password and a damaged
    /// file; its messages tell them apart. 3 is a permissions refusal (older
    /// poppler honoured "no copying").
    static func failure(status: Int32, messages: String) -> DocumentError {
        let lowered = messages.lowercased()
        if status == 3 || lowered.contains("incorrect password") || lowered.contains("encrypted") {
            return .encrypted
        }
        if lowered.contains("out of memory") || lowered.contains("bad_alloc") || lowered.contains("cannot allocate")
            || lowered.contains("error while loading shared libraries")
        {
            return .extractionFailed("it needs more memory than allowed")
        }
        if status == 1 {
            return .corrupt("it is not a readable PDF (\(lastMessage(messages) ?? "pdftotext could not open it"))")
        }
        return .extractionFailed("pdftotext exited with status \(status)")
    }

    /// poppler's last message without its "Syntax Error (1234): " prefix, short.
    static func lastMessage(_ messages: String) -> String? {
        guard
            var line = messages.split(separator: "\n").last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        else { return nil }
        if let colon = line.firstIndex(of: ":"), line[..<colon].contains("Error") {
            line = line[line.index(after: colon)...]
        }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return String(trimmed.prefix(160))
    }

    /// `name` itself when it holds a slash, else the first executable of that
    /// name on PATH or in the usual system directories.
    static func executablePath(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories =
            path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        for directory in directories where !directory.isEmpty {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Writes the upload to a new file only we can read, on a dispatch thread.
    static func privateCopy(of bytes: [UInt8], in directory: URL) async throws -> String {
        let path = directory.appendingPathComponent("careergini-upload-\(UUID().uuidString).pdf").path
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global(qos: .userInitiated).async {
                let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
                guard descriptor >= 0 else {
                    continuation.resume(throwing: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
                    return
                }
                var written = 0
                var failure: Int32 = 0
                bytes.withUnsafeBytes { buffer in
                    guard let base = buffer.baseAddress else { return }
                    while written < buffer.count {
                        let count = write(descriptor, base + written, buffer.count - written)
                        if count < 0 {
                            if errno == EINTR { continue }
                            failure = errno
                            return
                        }
                        written += count
                    }
                }
                close(descriptor)
                if failure != 0 {
                    unlink(path)
                    continuation.resume(throwing: POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO))
                } else {
                    continuation.resume()
                }
            }
        }
        return path
    }
}
