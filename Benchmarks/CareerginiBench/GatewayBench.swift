import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceKit

// Helpers of `scripts/bench-gateway.sh`: a trivial upstream service standing in
// for learning-service, and a way to mint the internal token a direct call needs.

/// `careergini-bench upstream --port N [--host H] [--no-auth]`: answers
/// `GET /learning/ping` with a small JSON body, and `/health` and `/ready` with 200.
/// Unless `--no-auth`, every other route requires a valid `X-Internal-Token` for
/// learning-service (`INTERNAL_SECRET`), checked by the same `InternalAuthMiddleware`
/// real services use.
func runUpstream(arguments: [String]) async throws {
    var port = 3003
    var host = "127.0.0.1"
    var authenticate = true
    var index = 0
    while index < arguments.count {
        switch arguments[index] {
        case "--port" where index + 1 < arguments.count:
            guard let value = Int(arguments[index + 1]) else { throw BenchUsageError("--port needs a number") }
            port = value
            index += 1
        case "--host" where index + 1 < arguments.count:
            host = arguments[index + 1]
            index += 1
        case "--no-auth":
            authenticate = false
        default:
            throw BenchUsageError("unknown argument '\(arguments[index])'")
        }
        index += 1
    }
    var logger = Logger(label: "bench-upstream")
    logger.logLevel = .warning

    let router = Router(context: ServiceRequestContext.self)
    router.add(middleware: ProblemMiddleware(routes: RouteTable()))
    if authenticate {
        router.add(middleware: InternalAuthMiddleware(tokens: try internalTokens(service: "learning-service")))
    }
    let headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
    let pong = ByteBuffer(string: #"{"service":"bench-upstream","pong":true}"#)
    router.get("/health") { _, _ in Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: pong)) }
    router.get("/ready") { _, _ in Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: pong)) }
    router.get("/learning/ping") { _, _ in
        Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: pong))
    }

    let app = Application(
        router: router,
        configuration: .init(address: .hostname(host, port: port), serverName: "bench-upstream"),
        logger: logger)
    try await app.runService()
}

/// `careergini-bench mint-internal-token [audience]`: prints an internal token the
/// gateway would send to `audience` (default learning-service) for a random user.
/// It lives `InternalTokens.lifetime` (60 s).
func mintInternalToken(arguments: [String]) throws {
    let audience = arguments.first ?? "learning-service"
    let tokens = try internalTokens(service: "gateway")
    let identity = RequestIdentity(userId: UUID(), roles: ["user"], service: "gateway")
    print(tokens.issue(for: identity, audience: audience))
}

/// Internal tokens of `service`, signed with `INTERNAL_SECRET` as the services read it.
func internalTokens(service: String) throws -> InternalTokens {
    var reader = EnvironmentReader(ProcessInfo.processInfo.environment)
    guard let secret = try reader.secret("INTERNAL_SECRET", minimumBytes: 32) else {
        throw BenchUsageError("INTERNAL_SECRET (at least 32 bytes) is required")
    }
    return try InternalTokens(secret: secret, service: service)
}

struct BenchUsageError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
