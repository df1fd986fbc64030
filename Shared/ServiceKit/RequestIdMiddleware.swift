import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Outermost middleware: gives every request an id (a well-formed incoming
/// `X-Request-Id`, or a new UUID), puts it on the logger and the response, and
/// sets the route's body limit.
public struct RequestIdMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext
    public static let header = HTTPField.Name("X-Request-Id")!

    let bodyLimits: BodyLimits

    public init(bodyLimits: BodyLimits) {
        self.bodyLimits = bodyLimits
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let incoming = request.headers[Self.header]
        let id = incoming.flatMap { Self.isWellFormed($0) ? $0 : nil } ?? UUID().uuidString.lowercased()
        context.requestId = id
        context.bodyLimit = bodyLimits.limit(for: request.uri.path)
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await next(request, context)
        response.headers[Self.header] = id
        return response
    }

    /// Ids we echo must be harmless in logs and headers.
    static func isWellFormed(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: ":")
            }
    }
}
