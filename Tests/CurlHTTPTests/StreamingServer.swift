import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// A local HTTP server with the behaviours the client must cope with: streams
/// split at awkward places, stalls, slow starts, huge bodies, endless streams.
final class StreamingServer: Sendable {
    /// Endless streams currently being written; drops when the client disconnects.
    let activeEndlessStreams = Mutex(0)

    var router: Router<BasicRequestContext> {
        let router = Router()
        // `count` lines of `line-<i>-<padding>`, written in chunks of `chunk` bytes
        // so lines (and "\r\n" pairs) split across chunk boundaries.
        router.get("/lines") { request, _ in
            let count = request.uri.queryParameters.get("count", as: Int.self) ?? 10
            let chunk = max(1, request.uri.queryParameters.get("chunk", as: Int.self) ?? 7)
            let crlf = request.uri.queryParameters.get("crlf", as: Bool.self) ?? false
            let text = StreamingServer.lines(count: count, crlf: crlf)
            let bytes = Array(text.utf8)
            return Response(
                status: .ok, headers: [.contentType: "application/x-ndjson"],
                body: ResponseBody { writer in
                    var offset = 0
                    while offset < bytes.count {
                        let end = min(bytes.count, offset + chunk)
                        try await writer.write(ByteBuffer(bytes: bytes[offset..<end]))
                        offset = end
                        if offset % (chunk * 16) == 0 { await Task.yield() }
                    }
                    try await writer.finish(nil)
                })
        }
        router.get("/sleep") { request, _ in
            let millis = request.uri.queryParameters.get("ms", as: Int.self) ?? 1000
            try await Task.sleep(for: .milliseconds(millis))
            return "slept"
        }
        // Sends a little, then goes silent.
        router.get("/stall") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "partial"))
                    try await Task.sleep(for: .seconds(4))
                    try await writer.finish(nil)
                })
        }
        router.get("/bytes") { request, _ in
            let count = request.uri.queryParameters.get("n", as: Int.self) ?? 0
            let declare = request.uri.queryParameters.get("declare", as: Bool.self) ?? true
            let payload = ByteBuffer(repeating: UInt8(ascii: "x"), count: count)
            if declare { return Response(status: .ok, body: ResponseBody(byteBuffer: payload)) }
            return Response(
                status: .ok,
                body: ResponseBody { writer in
                    var remaining = count
                    while remaining > 0 {
                        let size = min(remaining, 16 * 1024)
                        try await writer.write(ByteBuffer(repeating: UInt8(ascii: "x"), count: size))
                        remaining -= size
                    }
                    try await writer.finish(nil)
                })
        }
        router.get("/endless") { [self] _, _ in
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    self.activeEndlessStreams.withLock { $0 += 1 }
                    defer { self.activeEndlessStreams.withLock { $0 -= 1 } }
                    while true {
                        try await writer.write(ByteBuffer(string: "tick\n"))
                        try await Task.sleep(for: .milliseconds(5))
                    }
                })
        }
        // Echoes the request body as it streams in.
        router.post("/echo") { request, _ in
            Response(status: .ok, body: ResponseBody(asyncSequence: request.body))
        }
        router.put("/method") { request, _ in request.method.rawValue }
        return router
    }

    static func lines(count: Int, crlf: Bool = false) -> String {
        (0..<count).map { "line-\($0)-" + String(repeating: "é", count: $0 % 13) + (crlf ? "\r\n" : "\n") }.joined()
    }
}
