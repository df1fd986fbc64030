import CurlHTTP
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceKit
import Synchronization
import TestSupport
import Testing

@testable import Gateway

/// A stand-in for the services behind the gateway, recording what reached it.
final class FakeUpstream: Sendable {
    let seen = Mutex<[String: String]>([:])
    let uploadedBytes = Mutex(0)
    let streamAborted = Mutex(false)
    let gate: AsyncStream<Void>
    let openGate: AsyncStream<Void>.Continuation
    let tokens: InternalTokens

    init() throws {
        (gate, openGate) = AsyncStream<Void>.makeStream()
        tokens = try InternalTokens(secret: Array(TestEnvironment.internalSecret.utf8), service: "learning-service")
    }

    var router: Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/learning/echo") { request, _ in
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            if let token = request.headers[HTTPField.Name(InternalTokens.header)!],
                let identity = try? self.tokens.verify(token)
            {
                headers["verified-user"] = identity.userId?.uuidString.lowercased() ?? "-"
                headers["verified-service"] = identity.service
            }
            headers["query"] = request.uri.query ?? ""
            self.seen.withLock { $0 = headers }
            var responseHeaders: HTTPFields = [.contentType: "application/json"]
            responseHeaders[.connection] = "X-Secret-Hop"
            responseHeaders[HTTPField.Name("X-Secret-Hop")!] = "must not pass"
            responseHeaders[HTTPField.Name("Keep-Alive")!] = "timeout=5"
            responseHeaders[HTTPField.Name("X-Upstream")!] = "learning"
            return Response(status: .ok, headers: responseHeaders, body: .init(byteBuffer: ByteBuffer(string: "{}")))
        }
        router.get("/chat/stream") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "data: first\n\n"))
                    for await _ in self.gate { break }
                    try await writer.write(ByteBuffer(string: "data: second\n\n"))
                    try await writer.finish(nil)
                })
        }
        router.get("/chat/ticks") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: ResponseBody { writer in
                    do {
                        for index in 0..<200 {
                            try await writer.write(ByteBuffer(string: "data: tick \(index)\n\n"))
                            try await Task.sleep(for: .milliseconds(50))
                        }
                        try await writer.finish(nil)
                    } catch {
                        self.streamAborted.withLock { $0 = true }
                        throw error
                    }
                })
        }
        router.get("/jobs/slow") { _, _ in
            try await Task.sleep(for: .seconds(3))
            return "late"
        }
        router.post("/profile/imports/resume") { request, _ in
            var count = 0
            for try await buffer in request.body { count += buffer.readableBytes }
            self.uploadedBytes.withLock { $0 = count }
            return "\(count)"
        }
        return router
    }
}

@Suite("gateway: routing to the services")
struct ProxyTests {
    @Test("the services' /internal routes are never reachable through the gateway, however spelled")
    func internalRoutesStayInternal() {
        let ai = UpstreamRoute.all.first { $0.publicPrefix == "/api/v1/ai" }!
        for path in [
            "/api/v1/ai/internal/embed", "/api/v1/ai/INTERNAL/extract/resume", "/api/v1/ai/%69nternal/embed",
            "/api/v1/ai//internal/users/x/export", "/api/v1/ai/skills/../internal/embed",
        ] {
            #expect(!UpstreamRoute.isForwardable(ai.upstreamPath(for: path)), "\(path)")
        }
        #expect(UpstreamRoute.isForwardable(ai.upstreamPath(for: "/api/v1/ai/skills/analyze")))
        let profile = UpstreamRoute.all.first { $0.publicPrefix == "/api/v1/profile" }!
        #expect(UpstreamRoute.isForwardable(profile.upstreamPath(for: "/api/v1/profile/internal-notes")))
    }

    @Test("a service's Location is rewritten to the public path; absolute URLs and other paths are left alone")
    func locationsBecomePublic() {
        let learning = UpstreamRoute.all.first { $0.publicPrefix == "/api/v1/learning" }!
        #expect(learning.publicPath(forUpstream: "/learning/paths/42") == "/api/v1/learning/paths/42")
        #expect(learning.publicPath(forUpstream: "/learning?x=1") == "/api/v1/learning?x=1")
        #expect(learning.publicPath(forUpstream: "/learningpaths/42") == nil)
        #expect(learning.publicPath(forUpstream: "/jobs/42") == nil)
        #expect(learning.publicPath(forUpstream: "https://example.com/learning/x") == nil)
        #expect(learning.publicPath(forUpstream: "//example.com/learning/x") == nil)
        let ai = UpstreamRoute.all.first { $0.publicPrefix == "/api/v1/ai" }!
        #expect(ai.publicPath(forUpstream: "/skills/analyses/7") == "/api/v1/ai/skills/analyses/7")
    }

    @Test("the proxy forwards with an internal token, strips hop-by-hop and credential headers, keeps the request id")
    func forwardsFaithfully() async throws {
        let upstream = try FakeUpstream()
        try await withTestServer(upstream.router) { upstreamURL in
            try await GatewayHarness.run(upstreamURL: upstreamURL) { gateway in
                let session = try await gateway.register()
                let reply = try await gateway.send(
                    "GET", "/api/v1/learning/echo?skill=swift&level=2",
                    headers: [
                        session.bearer, ("X-Request-Id", "trace-123"), ("Cookie", "cg_access=x"),
                        ("X-Internal-Token", "forged"), ("Connection", "X-Client-Hop"), ("X-Client-Hop", "drop me"),
                        ("X-Custom", "kept"),
                    ])
                #expect(reply.status == 200)
                #expect(reply.header("x-upstream") == "learning")
                #expect(reply.header("keep-alive") == nil)
                #expect(reply.header("x-request-id") == "trace-123")
                let seen = upstream.seen.withLock { $0 }
                #expect(seen["verified-user"] == session.userId)
                #expect(seen["verified-service"] == "gateway")
                #expect(seen["x-request-id"] == "trace-123")
                #expect(seen["authorization"] == nil)
                #expect(seen["cookie"] == nil)
                #expect(seen["x-client-hop"] == nil)
                #expect(seen["x-custom"] == "kept")
                #expect(seen["query"] == "skill=swift&level=2")

                // Anonymous callers never reach a service.
                #expect(try await gateway.send("GET", "/api/v1/learning/echo").status == 401)
            }
        }
    }

    @Test("hop-by-hop response fields, including those named by Connection, never reach the client")
    func hopByHopResponseFields() {
        let forwarded = ServiceProxy.forwardableResponseHeaders([
            ("Connection", "X-Secret-Hop, close"), ("X-Secret-Hop", "1"), ("Keep-Alive", "timeout=5"),
            ("Transfer-Encoding", "chunked"), ("Content-Length", "10"), ("Set-Cookie", "a=b"),
            ("Content-Type", "application/json"), ("X-Upstream", "learning"),
        ])
        #expect(forwarded.map(\.name.canonicalName).sorted() == ["content-type", "x-upstream"])
    }

    @Test("the proxy delivers the first server-sent event before the upstream has finished")
    func streamsEvents() async throws {
        let upstream = try FakeUpstream()
        try await withTestServer(upstream.router) { upstreamURL in
            try await GatewayHarness.run(upstreamURL: upstreamURL) { gateway in
                let session = try await gateway.register()
                let response = try await gateway.http.execute(
                    CurlRequest(
                        url: gateway.baseURL + "/api/v1/chat/stream", headers: [session.bearer],
                        timeouts: .init(connect: .seconds(2), total: .seconds(20))))
                #expect(response.status == 200)
                #expect(response.header("content-type") == "text/event-stream")
                var iterator = response.body.lines.makeAsyncIterator()
                // The upstream is still holding its second event behind the gate.
                #expect(try await iterator.next() == "data: first")
                upstream.openGate.yield()
                var rest: [String] = []
                while let line = try await iterator.next() { rest.append(line) }
                #expect(rest.contains("data: second"))
            }
        }
    }

    @Test("a client that disconnects mid-stream cancels the upstream call")
    func disconnectCancelsUpstream() async throws {
        let upstream = try FakeUpstream()
        try await withTestServer(upstream.router) { upstreamURL in
            try await GatewayHarness.run(upstreamURL: upstreamURL) { gateway in
                let session = try await gateway.register()
                // Reads one event, then returns: dropping the body unread closes our connection.
                func readOneEvent() async throws -> String? {
                    let response = try await gateway.http.execute(
                        CurlRequest(
                            url: gateway.baseURL + "/api/v1/chat/ticks", headers: [session.bearer],
                            timeouts: .init(connect: .seconds(2), total: .seconds(20))))
                    var iterator = response.body.lines.makeAsyncIterator()
                    return try await iterator.next()
                }
                #expect(try await readOneEvent()?.hasPrefix("data: tick") == true)
                let deadline = ContinuousClock.now + .seconds(5)
                while !upstream.streamAborted.withLock({ $0 }) && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(upstream.streamAborted.withLock { $0 })
            }
        }
    }

    @Test("upstream unreachable → 502, too slow → 504 within the deadline, both problem+json")
    func upstreamFailures() async throws {
        try await GatewayHarness.run { gateway in
            let session = try await gateway.register()
            let down = try await gateway.send("GET", "/api/v1/jobs/search", headers: [session.bearer])
            #expect(down.status == 502)
            #expect(down.header("content-type") == "application/problem+json")
        }
        let upstream = try FakeUpstream()
        try await withTestServer(upstream.router) { upstreamURL in
            try await GatewayHarness.run(upstreamURL: upstreamURL, extra: ["UPSTREAM_TIMEOUT_MS": "500"]) { gateway in
                let session = try await gateway.register()
                let start = ContinuousClock.now
                let slow = try await gateway.send("GET", "/api/v1/jobs/slow", headers: [session.bearer])
                #expect(slow.status == 504)
                #expect(slow.header("content-type") == "application/problem+json")
                #expect(ContinuousClock.now - start < .seconds(2))
            }
        }
    }

    @Test("uploads stream through within the route's limit; larger bodies get 413")
    func uploads() async throws {
        let upstream = try FakeUpstream()
        try await withTestServer(upstream.router) { upstreamURL in
            try await GatewayHarness.run(upstreamURL: upstreamURL) { gateway in
                let session = try await gateway.register()
                let twoMiB = [UInt8](repeating: 0x41, count: 2 * 1_048_576)
                let accepted = try await gateway.send(
                    "POST", "/api/v1/profile/imports/resume",
                    headers: [session.bearer, ("Content-Type", "application/pdf")], body: twoMiB)
                #expect(accepted.status == 200)
                #expect(accepted.text == "\(twoMiB.count)")
                #expect(upstream.uploadedBytes.withLock { $0 } == twoMiB.count)

                let tooLarge = try await gateway.send(
                    "POST", "/api/v1/profile/imports/resume",
                    headers: [session.bearer, ("Content-Type", "application/pdf")],
                    body: [UInt8](repeating: 0x41, count: 11 * 1_048_576))
                #expect(tooLarge.status == 413)
                let notAnUpload = try await gateway.send(
                    "POST", "/api/v1/jobs/applications",
                    headers: [session.bearer, ("Content-Type", "application/json")],
                    body: [UInt8](repeating: 0x20, count: 2 * 1_048_576))
                #expect(notAnUpload.status == 413)
            }
        }
    }
}
