import CurlHTTP
import Foundation
import Synchronization
import TestSupport
import Testing

@Suite("CurlHTTP client")
struct CurlHTTPClientTests {
    let server = StreamingServer()

    @Test("streamed lines reassemble exactly whatever the chunk boundaries", arguments: [1, 2, 3, 7, 64, 4096])
    func linesAcrossChunks(chunk: Int) async throws {
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        try await withTestServer(server.router) { base in
            for crlf in [false, true] {
                let response = try await client.execute(
                    CurlRequest(url: "\(base)/lines?count=300&chunk=\(chunk)&crlf=\(crlf)"))
                #expect(response.status == 200)
                #expect(response.header("content-type") == "application/x-ndjson")
                var lines: [String] = []
                for try await line in response.body.lines { lines.append(line) }
                let expected = StreamingServer.lines(count: 300).split(separator: "\n").map(String.init)
                #expect(lines == expected)
            }
        }
    }

    @Test("the total timeout fires")
    func totalTimeout() async throws {
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        try await withTestServer(server.router) { base in
            let start = ContinuousClock.now
            let error = await #expect(throws: CurlHTTPError.self) {
                _ = try await client.data(
                    for: CurlRequest(url: "\(base)/sleep?ms=3000", timeouts: .init(total: .milliseconds(300))))
            }
            #expect(error?.code == .timeout)
            #expect(ContinuousClock.now - start < .seconds(2))
        }
    }

    @Test("the first-byte timeout fires when headers do not come")
    func firstByteTimeout() async throws {
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        try await withTestServer(server.router) { base in
            let error = await #expect(throws: CurlHTTPError.self) {
                _ = try await client.execute(
                    CurlRequest(
                        url: "\(base)/sleep?ms=3000", timeouts: .init(total: nil, firstByte: .milliseconds(300))))
            }
            #expect(error?.code == .firstByteTimeout)
        }
    }

    @Test("the low-speed guard aborts a stalled stream")
    func lowSpeed() async throws {
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        try await withTestServer(server.router) { base in
            let start = ContinuousClock.now
            // On a loaded machine the guard may fire before the headers are read: either way it is tooSlow.
            let error = await #expect(throws: CurlHTTPError.self) {
                let response = try await client.execute(
                    CurlRequest(
                        url: "\(base)/stall",
                        timeouts: .init(total: nil, lowSpeed: (bytesPerSecond: 10, window: .seconds(1)))))
                _ = try await response.body.collect(upTo: 1 << 20)
            }
            #expect(error?.code == .tooSlow)
            #expect(ContinuousClock.now - start < .seconds(5))
        }
    }

    @Test("a connection refused fails fast with connectFailed")
    func connectionRefused() async throws {
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        let error = await #expect(throws: CurlHTTPError.self) {
            _ = try await client.data(for: CurlRequest(url: "http://127.0.0.1:\(FreePort.find())/"))
        }
        #expect(error?.code == .connectFailed)
    }

    @Test("bodies above the cap fail, declared or streamed")
    func responseCap() async throws {
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        try await withTestServer(server.router) { base in
            for declare in [true, false] {
                let error = await #expect(throws: CurlHTTPError.self) {
                    _ = try await client.data(
                        for: CurlRequest(url: "\(base)/bytes?n=300000&declare=\(declare)", maxResponseBytes: 100_000))
                }
                #expect(error?.code == .responseTooLarge)
            }
            let (_, body) = try await client.data(
                for: CurlRequest(url: "\(base)/bytes?n=100000", maxResponseBytes: 100_000))
            #expect(body.count == 100_000)
        }
    }

    @Test("cancelling the task aborts the transfer and the server sees the disconnect")
    func cancellation() async throws {
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        let server = self.server
        try await withTestServer(server.router) { base in
            let reader = Task {
                let response = try await client.execute(
                    CurlRequest(url: "\(base)/endless", timeouts: .init(total: nil)))
                var count = 0
                for try await _ in response.body.lines { count += 1 }
                return count
            }
            try await waitUntil { server.activeEndlessStreams.withLock { $0 } == 1 }
            reader.cancel()
            let error = await #expect(throws: CurlHTTPError.self) { _ = try await reader.value }
            #expect(error?.code == .cancelled)
            try await waitUntil { server.activeEndlessStreams.withLock { $0 } == 0 }
        }
    }

    @Test("dropping an unread body aborts the transfer")
    func abandonedBody() async throws {
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        let server = self.server
        try await withTestServer(server.router) { base in
            do {
                let response = try await client.execute(
                    CurlRequest(url: "\(base)/endless", timeouts: .init(total: nil)))
                #expect(response.status == 200)
                try await waitUntil { server.activeEndlessStreams.withLock { $0 } == 1 }
            }
            try await waitUntil { server.activeEndlessStreams.withLock { $0 } == 0 }
        }
    }

    @Test("a streamed request body arrives whole, and methods other than POST carry bodies")
    func requestBodies() async throws {
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        try await withTestServer(server.router) { base in
            let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
            let expected = (0..<2000).map { "chunk \($0);" }.joined()
            Task {
                for index in 0..<2000 {
                    continuation.yield(Array("chunk \(index);".utf8))
                    if index % 100 == 0 { try? await Task.sleep(for: .milliseconds(1)) }
                }
                continuation.finish()
            }
            let (response, body) = try await client.data(
                for: CurlRequest(method: "POST", url: "\(base)/echo", body: .stream(stream)))
            #expect(response.status == 200)
            #expect(String(decoding: body, as: UTF8.self) == expected)

            let (_, echoed) = try await client.data(
                for: CurlRequest(method: "POST", url: "\(base)/echo", body: .bytes(Array("{\"a\":1}".utf8))))
            #expect(String(decoding: echoed, as: UTF8.self) == "{\"a\":1}")
            let (_, method) = try await client.data(
                for: CurlRequest(method: "PUT", url: "\(base)/method", body: .bytes([])))
            #expect(String(decoding: method, as: UTF8.self) == "PUT")
        }
    }

    @Test("invalid requests are refused before anything is sent")
    func invalidRequests() async throws {
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        for request in [
            CurlRequest(url: "file:///etc/passwd"), CurlRequest(method: "GE T", url: "http://127.0.0.1/"),
            CurlRequest(url: "http://127.0.0.1/", headers: [("X-Evil", "a\r\nInjected: yes")]),
        ] {
            let error = await #expect(throws: CurlHTTPError.self) { _ = try await client.execute(request) }
            #expect(error?.code == .invalidRequest)
        }
    }

    @Test("1,000 concurrent streams complete on the client's single loop thread")
    func thousandStreams() async throws {
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        try await withTestServer(server.router) { base in
            let threadsBefore = Self.threadCount()
            let expected = StreamingServer.lines(count: 20).split(separator: "\n").map(String.init)
            let peakThreads = PeakCounter()
            let completed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<1000 {
                    group.addTask {
                        let response = try await client.execute(
                            CurlRequest(
                                url: "\(base)/lines?count=20&chunk=16",
                                timeouts: .init(connect: .seconds(30), total: .seconds(90))))
                        var lines: [String] = []
                        for try await line in response.body.lines { lines.append(line) }
                        let threads = Self.threadCount()
                        peakThreads.record(threads)
                        return lines == expected
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(completed == 1000)
            // The server and Swift's executors add a few threads; 1,000 transfers add none.
            #expect(peakThreads.peak < threadsBefore + 50)
        }
    }

    static func threadCount() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        let line = status.split(separator: "\n").first { $0.hasPrefix("Threads:") }
        return line.flatMap { Int($0.dropFirst(8).trimmingCharacters(in: .whitespaces)) } ?? 0
    }
}

struct Timeout: Error {}

final class PeakCounter: Sendable {
    private let value = Mutex(0)
    func record(_ sample: Int) { value.withLock { $0 = max($0, sample) } }
    var peak: Int { value.withLock { $0 } }
}

/// Polls `condition`; the bound is generous because a loaded CI machine may
/// take seconds to notice a disconnect, and a passing run never waits it out.
func waitUntil(_ timeout: Duration = .seconds(10), _ condition: @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { throw Timeout() }
        try await Task.sleep(for: .milliseconds(10))
    }
}
