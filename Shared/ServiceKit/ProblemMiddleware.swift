import Contracts
import Database
import HTTPTypes
import Hummingbird
import Logging
import RedisKit

/// Turns every error into an `application/problem+json` answer: our own
/// `ServiceError`s, Hummingbird's (unknown route, bad JSON, body too large),
/// storage outages (503 with `Retry-After`), and anything else (500, logged,
/// details withheld from the client).
public struct ProblemMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext

    let routes: RouteTable

    public init(routes: RouteTable) {
        self.routes = routes
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return response(for: error, request: request, context: context)
        }
    }

    func response(for error: any Error, request: Request, context: Context) -> Response {
        let instance = request.uri.path
        func problem(
            _ status: HTTPResponse.Status, title: String? = nil, detail: String?, type: String = "about:blank",
            errors: [Problem.FieldError]? = nil, headers: HTTPFields = [:]
        ) -> Response {
            ProblemResponse.make(
                Problem(
                    type: type, title: title ?? status.reasonPhrase, status: status.code, detail: detail,
                    instance: instance, requestId: context.requestId, errors: errors),
                headers: headers)
        }

        switch error {
        case let error as ServiceError:
            return problem(
                error.status, title: error.title, detail: error.detail, type: error.type,
                errors: error.fieldErrors.isEmpty ? nil : error.fieldErrors, headers: error.headers)
        case let error as HTTPError:
            if error.status == .notFound, context.endpointPath == "NotFound" {
                let allowed = routes.allowedMethods(for: request.uri.path)
                if !allowed.isEmpty {
                    var headers: HTTPFields = [:]
                    headers[.allow] = allowed.sorted().joined(separator: ", ")
                    return problem(
                        .methodNotAllowed,
                        detail:
                            "\(request.method.rawValue) is not allowed on \(instance); use \(allowed.sorted().joined(separator: ", "))",
                        headers: headers)
                }
                return problem(.notFound, detail: "no route for \(request.method.rawValue) \(instance)")
            }
            if error.status == .contentTooLarge {
                return problem(.contentTooLarge, detail: "request body is larger than \(context.bodyLimit) bytes")
            }
            return problem(error.status, detail: error.body ?? error.status.reasonPhrase, headers: error.headers)
        case let error as DecodingError:
            return problem(.badRequest, detail: "malformed request body: \(JSONDecodingDescription.describe(error))")
        case let error as DatabaseError where error.isTransient:
            context.logger.warning("database unavailable", metadata: ["error": "\(error)"])
            return problem(
                .serviceUnavailable, detail: "storage is temporarily unavailable; retry shortly",
                headers: [.retryAfter: "2"])
        case let error as RedisError
        where [.connectionFailed, .connectionLost, .timeout, .acquireTimeout].contains(error.code):
            context.logger.warning("redis unavailable", metadata: ["error": "\(error)"])
            return problem(
                .serviceUnavailable, detail: "cache is temporarily unavailable; retry shortly",
                headers: [.retryAfter: "1"])
        default:
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return problem(
                .internalServerError, detail: "an unexpected error occurred; quote the request id when reporting it")
        }
    }
}

/// A readable summary of a `DecodingError`: the JSON path and what was wrong.
enum JSONDecodingDescription {
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty
                ? "/" : "/" + keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
        }
        switch error {
        case .dataCorrupted(let context): return "invalid JSON at \(path(context.codingPath))"
        case .keyNotFound(let key, let context): return "missing field \(path(context.codingPath + [key]))"
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)) must be \(type)"
        case .valueNotFound(let type, let context): return "\(path(context.codingPath)) must be \(type), not null"
        @unknown default: return "invalid JSON"
        }
    }
}
