import CCurl
import DequeModule
import Foundation
import Synchronization

/// One exchange: owns its easy handle and the state shared between the loop
/// thread (libcurl callbacks) and the Swift tasks awaiting headers and body.
///
/// The easy handle is touched only on the loop thread; everything else sits
/// behind `state`. Backpressure: when the body buffer passes `highWater`, the
/// write callback pauses the transfer, and the reader resumes it below `lowWater`.
final class CurlTransfer: @unchecked Sendable {
    static let highWater = 256 * 1024
    static let lowWater = 64 * 1024
    static let uploadHighWater = 256 * 1024

    let easy: UnsafeMutableRawPointer
    let request: CurlRequest
    private var headerList: UnsafeMutablePointer<curl_slist>?
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    let state = Mutex(State())

    typealias Head = (status: Int, headers: [(name: String, value: String)])
    typealias HeadContinuation = CheckedContinuation<Head, any Error>

    struct State {
        // Response head.
        var status = 0
        var headers: [(name: String, value: String)] = []
        var headContinuation: HeadContinuation?
        var headDelivered = false
        // Response body.
        var chunks: Deque<[UInt8]> = []
        var buffered = 0
        var received = 0
        var receivePaused = false
        var bodyWaiter: CheckedContinuation<[UInt8]?, any Error>?
        var finished = false
        var failure: CurlHTTPError?
        var tooLarge = false
        // Request body.
        var upload: Deque<[UInt8]> = []
        var uploadBuffered = 0
        var uploadFinished = false
        var sendPaused = false
        var uploadWaiter: CheckedContinuation<Void, Never>?
        var uploadTask: Task<Void, Never>?
        var cancelled = false
    }

    init(request: CurlRequest) throws {
        guard let easy = curl_easy_init() else {
            throw CurlHTTPError(.transferFailed, "curl_easy_init failed")
        }
        self.easy = easy
        self.request = request
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        // Every stored property is set, so a throw here still runs `deinit`, which frees the handle.
        try configure()
    }

    deinit {
        curl_easy_cleanup(easy)
        if let headerList { curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
    }

    // MARK: Options

    private func configure() throws {
        func check(_ code: CURLcode, _ what: String) throws {
            guard code == CURLE_OK else {
                throw CurlHTTPError(.invalidRequest, "\(what): \(String(cString: curl_easy_strerror(code)))")
            }
        }
        let method = request.method.uppercased()
        guard !method.isEmpty, method.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
            throw CurlHTTPError(.invalidRequest, "invalid method '\(request.method)'")
        }
        guard request.url.hasPrefix("http://") || request.url.hasPrefix("https://") else {
            throw CurlHTTPError(.invalidRequest, "only http and https URLs are allowed: '\(request.url)'")
        }
        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(cg_easy_setopt_string(easy, CURLOPT_URL, request.url), "URL")
        try check(cg_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        try check(cg_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
        try check(cg_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1)), "HTTP_VERSION")
        try check(cg_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, ""), "ACCEPT_ENCODING")
        try check(cg_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1), "TCP_KEEPALIVE")
        try check(cg_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION, curlWriteCallback), "WRITEFUNCTION")
        try check(cg_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me), "WRITEDATA")
        try check(cg_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION, curlHeaderCallback), "HEADERFUNCTION")
        try check(cg_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me), "HEADERDATA")
        try check(cg_easy_setopt_pointer(easy, CURLOPT_PRIVATE, me), "PRIVATE")

        let timeouts = request.timeouts
        try check(
            cg_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int(max(1, timeouts.connect.milliseconds))),
            "CONNECTTIMEOUT")
        if let total = timeouts.total {
            try check(cg_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Int(max(1, total.milliseconds))), "TIMEOUT")
        }
        if let lowSpeed = timeouts.lowSpeed {
            try check(cg_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, lowSpeed.bytesPerSecond), "LOW_SPEED_LIMIT")
            try check(
                cg_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, Int(max(1, lowSpeed.window.components.seconds))),
                "LOW_SPEED_TIME")
        }
        try check(
            cg_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.maxResponseBytes)), "MAXFILESIZE")
        if request.followRedirects {
            try check(cg_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1), "FOLLOWLOCATION")
            try check(cg_easy_setopt_long(easy, CURLOPT_MAXREDIRS, 5), "MAXREDIRS")
        }

        var headers = request.headers
        for header in headers {
            guard !header.name.isEmpty, !header.name.contains(where: { $0 == ":" || $0.isNewline || $0 == " " }),
                !header.value.contains(where: \.isNewline)
            else { throw CurlHTTPError(.invalidRequest, "invalid header '\(header.name)'") }
        }
        if !headers.contains(where: { $0.name.lowercased() == "user-agent" }) {
            headers.append(("User-Agent", "CareerGini/1.0"))
        }
        // curl would send `Expect: 100-continue` for large or unsized bodies and
        // wait a second for a server that never answers it.
        headers.append(("Expect", ""))

        switch request.body {
        case nil:
            switch method {
            case "GET": try check(cg_easy_setopt_long(easy, CURLOPT_HTTPGET, 1), "HTTPGET")
            case "HEAD": try check(cg_easy_setopt_long(easy, CURLOPT_NOBODY, 1), "NOBODY")
            default: try check(cg_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method), "CUSTOMREQUEST")
            }
        case .bytes(let bytes):
            try check(cg_easy_setopt_long(easy, CURLOPT_POST, 1), "POST")
            try check(cg_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count)), "POSTFIELDSIZE")
            // COPYPOSTFIELDS copies, so the Swift array need not outlive this call.
            try bytes.withUnsafeBufferPointer { buffer in
                let pointer = buffer.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) } ?? emptyBody
                try check(cg_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, pointer), "COPYPOSTFIELDS")
            }
            if method != "POST" {
                try check(cg_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method), "CUSTOMREQUEST")
            }
        case .stream:
            try check(cg_easy_setopt_long(easy, CURLOPT_POST, 1), "POST")
            try check(cg_easy_setopt_data_callback(easy, CURLOPT_READFUNCTION, curlReadCallback), "READFUNCTION")
            try check(cg_easy_setopt_pointer(easy, CURLOPT_READDATA, me), "READDATA")
            headers.append(("Transfer-Encoding", "chunked"))
            if method != "POST" {
                try check(cg_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method), "CUSTOMREQUEST")
            }
        }
        for header in headers {
            let line = header.value.isEmpty ? "\(header.name):" : "\(header.name): \(header.value)"
            guard let list = curl_slist_append(headerList, line) else {
                throw CurlHTTPError(.invalidRequest, "cannot allocate header list")
            }
            headerList = list
        }
        try check(cg_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList), "HTTPHEADER")
    }

    // MARK: Callbacks (loop thread)

    /// Parses one header line at the byte level: this runs for every header of
    /// every response, and Foundation's `trimmingCharacters` costs microseconds each.
    func receiveHeader(_ line: UnsafeBufferPointer<UInt8>) {
        let bytes = Self.trimmed(line[...])
        if bytes.starts(with: Self.httpPrefix) {
            // "HTTP/1.1 200 OK": the status is the second field.
            let fields = bytes.split(separator: UInt8(ascii: " "), maxSplits: 2)
            let status = fields.count > 1 ? Int(String(decoding: fields[1], as: UTF8.self)) ?? 0 : 0
            state.withLock {
                $0.status = status
                $0.headers = []
            }
            return
        }
        if bytes.isEmpty {
            deliverHeadIfFinal()
            return
        }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = String(decoding: Self.trimmed(bytes[..<colon]), as: UTF8.self)
        let value = String(decoding: Self.trimmed(bytes[(colon + 1)...]), as: UTF8.self)
        state.withLock { $0.headers.append((name, value)) }
    }

    private static let httpPrefix = Array("HTTP/".utf8)

    /// Drops leading and trailing spaces, tabs, CR and LF.
    private static func trimmed(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    /// The blank line ends a header block.
    private func deliverHeadIfFinal() {
        let delivery = state.withLock { takeFinalHead(&$0) }
        if let (continuation, head) = delivery { continuation.resume(returning: head) }
    }

    /// The head's continuation and value when the headers seen so far are final:
    /// interim (1xx) responses and followed redirects are not.
    private func takeFinalHead(_ state: inout State) -> (HeadContinuation, Head)? {
        guard !state.headDelivered, let continuation = state.headContinuation, state.status >= 200 else { return nil }
        if request.followRedirects, (300..<400).contains(state.status),
            state.headers.contains(where: { $0.name.lowercased() == "location" })
        {
            return nil
        }
        state.headDelivered = true
        state.headContinuation = nil
        return (continuation, (state.status, state.headers))
    }

    /// Returns the bytes taken, `CURL_WRITEFUNC_PAUSE` to push back, or 0 to abort.
    func receiveBody(_ data: UnsafeBufferPointer<UInt8>) -> Int {
        let limit = request.maxResponseBytes
        let (result, head, waiter, chunk) = state.withLock {
            state -> (Int, (HeadContinuation, Head)?, CheckedContinuation<[UInt8]?, any Error>?, [UInt8]?) in
            // Normally the head went out at the blank line; this covers servers that skip it.
            let head = takeFinalHead(&state)
            if state.cancelled { return (0, head, nil, nil) }
            if state.received + data.count > limit {
                state.tooLarge = true
                return (0, head, nil, nil)
            }
            if state.buffered >= CurlTransfer.highWater {
                state.receivePaused = true
                return (Int(cg_curl_writefunc_pause), head, nil, nil)
            }
            state.received += data.count
            let chunk = Array(data)
            if let waiter = state.bodyWaiter {
                state.bodyWaiter = nil
                return (data.count, head, waiter, chunk)
            }
            state.chunks.append(chunk)
            state.buffered += chunk.count
            return (data.count, head, nil, nil)
        }
        if let (continuation, value) = head { continuation.resume(returning: value) }
        if let waiter { waiter.resume(returning: chunk) }
        return result
    }

    /// Fills curl's upload buffer; pauses when the producer is behind.
    func sendBody(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let (result, waiter) = state.withLock { state -> (Int, CheckedContinuation<Void, Never>?) in
            if state.cancelled { return (Int(cg_curl_readfunc_abort), nil) }
            var written = 0
            while written < buffer.count, var chunk = state.upload.popFirst() {
                let count = min(chunk.count, buffer.count - written)
                for index in 0..<count { buffer[written + index] = chunk[index] }
                written += count
                state.uploadBuffered -= count
                if count < chunk.count {
                    chunk.removeFirst(count)
                    state.upload.prepend(chunk)
                }
            }
            let waiter = state.uploadBuffered < CurlTransfer.uploadHighWater ? state.uploadWaiter : nil
            if waiter != nil { state.uploadWaiter = nil }
            if written > 0 { return (written, waiter) }
            if state.uploadFinished { return (0, waiter) }
            state.sendPaused = true
            return (Int(cg_curl_readfunc_pause), waiter)
        }
        waiter?.resume()
        return result
    }

    // MARK: Completion (loop thread)

    /// Ends the exchange: fails whoever waits, or marks the body complete.
    func complete(with error: CurlHTTPError?) {
        let (head, body, upload, task) = state.withLock {
            state -> (
                HeadContinuation?,
                CheckedContinuation<[UInt8]?, any Error>?, CheckedContinuation<Void, Never>?, Task<Void, Never>?
            ) in
            guard !state.finished else { return (nil, nil, nil, nil) }
            state.finished = true
            state.failure = error
            let head = state.headContinuation
            state.headContinuation = nil
            if head != nil && error == nil { state.headDelivered = true }
            let body = state.bodyWaiter
            state.bodyWaiter = nil
            let upload = state.uploadWaiter
            state.uploadWaiter = nil
            return (head, body, upload, state.uploadTask)
        }
        task?.cancel()
        upload?.resume()
        if let head {
            if let error {
                head.resume(throwing: error)
            } else {
                let (status, headers) = state.withLock { ($0.status, $0.headers) }
                head.resume(returning: (status, headers))
            }
        }
        if let body {
            if let error { body.resume(throwing: error) } else { body.resume(returning: nil) }
        }
    }

    /// Maps libcurl's result to our error (nil for success).
    func error(for code: CURLcode) -> CurlHTTPError? {
        guard code != CURLE_OK else { return nil }
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let raw = Int(code.rawValue)
        // A callback refusing data after cancellation surfaces as a write error
        // (or whatever libcurl hit first): the cause is the cancellation.
        if code != CURLE_FILESIZE_EXCEEDED, state.withLock({ $0.cancelled && !$0.tooLarge && $0.failure == nil }) {
            return CurlHTTPError(.cancelled, "transfer cancelled", curlCode: raw)
        }
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            if message.contains("too slow") { return CurlHTTPError(.tooSlow, message, curlCode: raw) }
            return CurlHTTPError(.timeout, message, curlCode: raw)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return CurlHTTPError(.connectFailed, message, curlCode: raw)
        case CURLE_FILESIZE_EXCEEDED:
            return CurlHTTPError(
                .responseTooLarge, "response larger than \(request.maxResponseBytes) bytes", curlCode: raw)
        case CURLE_WRITE_ERROR where state.withLock({ $0.tooLarge }):
            return CurlHTTPError(
                .responseTooLarge, "response larger than \(request.maxResponseBytes) bytes", curlCode: raw)
        case CURLE_ABORTED_BY_CALLBACK, CURLE_READ_ERROR:
            if let failure = state.withLock({ $0.failure }) { return failure }
            if state.withLock({ $0.cancelled }) {
                return CurlHTTPError(.cancelled, "transfer cancelled", curlCode: raw)
            }
            return CurlHTTPError(.requestBodyFailed, message, curlCode: raw)
        default:
            return CurlHTTPError(.transferFailed, message, curlCode: raw)
        }
    }
}

/// A zero-length body still needs a valid pointer, or curl reads the body from stdin.
private nonisolated(unsafe) let emptyBody = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)

// C callbacks: `userdata` is the unretained transfer, alive while its handle is in the multi.

private let curlWriteCallback: cg_curl_data_callback = { pointer, size, count, userdata in
    guard let pointer, let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let buffer = UnsafeRawBufferPointer(start: pointer, count: size * count).bindMemory(to: UInt8.self)
    return transfer.receiveBody(buffer)
}

private let curlHeaderCallback: cg_curl_data_callback = { pointer, size, count, userdata in
    guard let pointer, let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let buffer = UnsafeRawBufferPointer(start: pointer, count: size * count).bindMemory(to: UInt8.self)
    transfer.receiveHeader(buffer)
    return size * count
}

private let curlReadCallback: cg_curl_data_callback = { pointer, size, count, userdata in
    guard let pointer, let userdata else { return Int(cg_curl_readfunc_abort) }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let buffer = UnsafeMutableRawBufferPointer(start: pointer, count: size * count).bindMemory(to: UInt8.self)
    return transfer.sendBody(into: buffer)
}

extension Duration {
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
