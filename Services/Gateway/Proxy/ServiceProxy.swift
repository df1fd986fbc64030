import CurlHTTP
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceKit

/// Forwards an authenticated request to the service behind its route, through
/// CurlHTTP, streaming both bodies: an upload is read from the client only as
/// fast as the service takes it, and a server-sent-event stream reaches the
/// client event by event.
struct ServiceProxy: Sendable {
    let http: CurlHTTPClient
    let serviceURLs: [String: String]
    let internalTokens: InternalTokens
    let upstreamTimeout: Duration
    let modelFirstByteTimeout: Duration
    let clientAddress: @Sendable (Request, ServiceRequestContext) -> String

    /// RFC 9110 §7.6.1 hop-by-hop fields, plus what the gateway owns: the user's
    /// credentials stay here, and the service gets our internal token instead.
    static let droppedRequestFields: Set<String> = [
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "host", "content-length", "expect", "accept-encoding", "cookie",
        "authorization", "x-csrf-token", "x-internal-token", "x-forwarded-for", "x-forwarded-proto",
        "x-request-id", "forwarded",
    ]
    /// curl has already undone any content encoding and the body is re-chunked here.
    static let droppedResponseFields: Set<String> = [
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "content-length", "content-encoding", "set-cookie", "date", "server",
    ]

    func forward(_ request: Request, context: ServiceRequestContext, route: UpstreamRoute) async throws -> Response {
        guard let base = serviceURLs[route.service] else {
            throw ServiceError(.badGateway, detail: "\(route.service) is not configured")
        }
        guard UpstreamRoute.isForwardable(route.upstreamPath(for: request.uri.path)) else {
            throw ServiceError.notFound("no such route")
        }
        if route.isModelBacked(request.uri.path) {
            // Cancels the upstream call (and so the model's work) when the client disconnects
            // before the answer starts; once it streams, a failed write ends it.
            return try await request.body.consumeWithCancellationOnInboundClose { body in
                var request = request
                request.body = body
                return try await send(request, context: context, route: route, base: base)
            }
        }
        return try await send(request, context: context, route: route, base: base)
    }

    private func send(
        _ request: Request, context: ServiceRequestContext, route: UpstreamRoute, base: String
    ) async throws -> Response {
        var url = base + route.upstreamPath(for: request.uri.path)
        if let query = request.uri.query, !query.isEmpty { url += "?" + query }

        let connectionTokens = Set(
            (request.headers[.connection] ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            })
        var headers: [(name: String, value: String)] = []
        for field in request.headers {
            let name = field.name.canonicalName
            if Self.droppedRequestFields.contains(name) || connectionTokens.contains(name) { continue }
            headers.append((field.name.rawName, field.value))
        }
        headers.append(("X-Request-Id", context.requestId))
        headers.append(("X-Forwarded-For", clientAddress(request, context)))
        headers.append(("X-Internal-Token", internalTokens.issue(for: context.identity, audience: route.service)))

        let hasBody =
            request.headers[.transferEncoding] != nil
            || (request.headers[.contentLength].flatMap(Int.init) ?? 0) > 0
        var timeouts = CurlRequest.Timeouts(connect: .seconds(2), total: upstreamTimeout)
        if route.isModelBacked(request.uri.path) {
            timeouts = CurlRequest.Timeouts(
                connect: .seconds(2), total: nil, firstByte: modelFirstByteTimeout,
                lowSpeed: (bytesPerSecond: 1, window: .seconds(120)))
        }
        let upload = hasBody ? UploadPump(body: request.body, limit: context.bodyLimit) : nil
        let outbound = CurlRequest(
            method: request.method.rawValue, url: url, headers: headers,
            body: upload.map { .stream($0.stream()) }, timeouts: timeouts,
            maxResponseBytes: route.isModelBacked(request.uri.path) ? Int.max : 256 * 1024 * 1024)

        let upstream: CurlResponse
        do {
            upstream = try await http.execute(outbound)
        } catch let error as CurlHTTPError {
            throw mapped(error, route: route, upload: upload, logger: context.logger)
        }
        var responseHeaders = Self.forwardableResponseHeaders(upstream.headers)
        // A created resource's Location names the service's path; the client knows the public one.
        if let location = responseHeaders[.location], let rewritten = route.publicPath(forUpstream: location) {
            responseHeaders[.location] = rewritten
        }
        let body = upstream.body
        let logger = context.logger
        return Response(
            status: HTTPResponse.Status(code: upstream.status), headers: responseHeaders,
            body: ResponseBody { writer in
                do {
                    for try await chunk in body {
                        try await writer.write(ByteBuffer(bytes: chunk))
                    }
                } catch let error as CurlHTTPError {
                    // Headers are gone already: all we can do is cut the response short.
                    logger.warning("upstream stream failed", metadata: ["error": "\(error)"])
                    throw error
                }
                try await writer.finish(nil)
            })
    }

    /// The upstream's response fields minus hop-by-hop ones (RFC 9110 §7.6.1),
    /// including any the upstream named in `Connection`.
    static func forwardableResponseHeaders(_ headers: [(name: String, value: String)]) -> HTTPFields {
        let named = Set(
            headers.filter { $0.name.lowercased() == "connection" }.flatMap {
                $0.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            })
        var fields = HTTPFields()
        for (name, value) in headers {
            guard let fieldName = HTTPField.Name(name), !droppedResponseFields.contains(fieldName.canonicalName),
                !named.contains(fieldName.canonicalName)
            else { continue }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        return fields
    }

    private func mapped(
        _ error: CurlHTTPError, route: UpstreamRoute, upload: UploadPump?, logger: Logger
    ) -> any Error {
        switch error.code {
        case .connectFailed:
            logger.warning("upstream unreachable", metadata: ["service": "\(route.service)", "error": "\(error)"])
            return ServiceError(.badGateway, detail: "\(route.service) is unreachable; retry shortly")
        case .timeout, .firstByteTimeout, .tooSlow:
            logger.warning("upstream too slow", metadata: ["service": "\(route.service)", "error": "\(error)"])
            return ServiceError(.gatewayTimeout, detail: "\(route.service) did not answer in time")
        case .requestBodyFailed where upload?.exceededLimit == true:
            return ServiceError(.contentTooLarge, detail: "request body is larger than \(upload?.limit ?? 0) bytes")
        case .requestBodyFailed:
            return ServiceError(.badRequest, detail: "the request body could not be read")
        case .cancelled:
            return CancellationError()
        default:
            logger.error("upstream call failed", metadata: ["service": "\(route.service)", "error": "\(error)"])
            return ServiceError(.badGateway, detail: "\(route.service) failed to answer")
        }
    }
}

/// Pulls the client's request body only when curl asks for more, so a slow
/// service slows the client down instead of the gateway buffering the upload;
/// enforces the route's body limit while streaming.
final class UploadPump: @unchecked Sendable {
    // Only CurlHTTP's single reader calls `next()`, one call at a time.
    private var iterator: RequestBody.AsyncIterator
    private var received = 0
    let limit: Int
    private(set) var exceededLimit = false

    struct TooLarge: Error {}

    init(body: RequestBody, limit: Int) {
        self.iterator = body.makeAsyncIterator()
        self.limit = limit
    }

    func next() async throws -> [UInt8]? {
        guard let buffer = try await iterator.next() else { return nil }
        received += buffer.readableBytes
        if received > limit {
            exceededLimit = true
            throw TooLarge()
        }
        return Array(buffer.readableBytesView)
    }

    func stream() -> AsyncThrowingStream<[UInt8], any Error> {
        AsyncThrowingStream(unfolding: { try await self.next() })
    }
}
