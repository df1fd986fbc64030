import CurlHTTP
import Foundation
import ServiceKit
import ServiceLifecycle
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("connection hardening")
struct ConnectionTimeoutTests {
    @Test("security: a client that never finishes its request head is disconnected after the idle timeout")
    func slowLorisIsDropped() async throws {
        let configuration = try TestApplication.configuration(extra: ["HTTP_IDLE_TIMEOUT_MS": "1000"])
        let app = try await TestApplication.build(configuration)
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: TestEnvironment.logger)
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let base = "http://127.0.0.1:\(configuration.port)"
            var up = false
            for _ in 0..<100 where !up {
                up = (try? await http.data(for: CurlRequest(url: base + "/health")))?.response.status == 200
                if !up { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(up)
            let fd = try #require(LoopbackSocket.connect(port: configuration.port))
            defer { close(fd) }
            // Trickle a header byte every 200 ms: the connection is busy but the head never completes.
            let start = ContinuousClock.now
            var closed = false
            let partial = Array("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".utf8)
            _ = partial.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            while !closed && ContinuousClock.now - start < .seconds(12) {
                try await Task.sleep(for: .milliseconds(200))
                var byte: UInt8 = 0x61
                if send(fd, &byte, 1, Int32(MSG_NOSIGNAL)) < 0 { closed = true }
                var buffer = [UInt8](repeating: 0, count: 64)
                let received = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                if received == 0 { closed = true }
            }
            #expect(closed, "the server should drop a connection whose head never completes")
            #expect(ContinuousClock.now - start >= .milliseconds(900))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
