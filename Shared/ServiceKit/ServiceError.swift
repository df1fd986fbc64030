import Contracts
import HTTPTypes
import Hummingbird

/// An error a handler throws to answer with a specific problem: the status, a
/// short title, what exactly went wrong, and optionally which fields.
public struct ServiceError: Error, Sendable {
    public let status: HTTPResponse.Status
    public let title: String
    public let detail: String?
    public let type: String
    public let fieldErrors: [Problem.FieldError]
    public let headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, title: String? = nil, detail: String? = nil, type: String = "about:blank",
        fieldErrors: [Problem.FieldError] = [], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.type = type
        self.fieldErrors = fieldErrors
        self.headers = headers
    }

    public static func badRequest(_ detail: String, fieldErrors: [Problem.FieldError] = []) -> ServiceError {
        ServiceError(.badRequest, detail: detail, fieldErrors: fieldErrors)
    }

    public static func notFound(_ detail: String) -> ServiceError { ServiceError(.notFound, detail: detail) }

    public static func conflict(_ detail: String) -> ServiceError { ServiceError(.conflict, detail: detail) }

    public static func unavailable(_ detail: String, retryAfterSeconds: Int? = nil) -> ServiceError {
        var headers: HTTPFields = [:]
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        return ServiceError(.serviceUnavailable, detail: detail, headers: headers)
    }
}
