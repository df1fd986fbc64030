/// RFC 9457 problem details: the body of every error answer, `application/problem+json`.
public struct Problem: Codable, Sendable, Equatable {
    public static let mediaType = "application/problem+json"

    /// A URI naming the kind of problem; `about:blank` when the status says it all.
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?
    public var instance: String?
    /// The request id, so a user can quote it and an operator can find the log line.
    public var requestId: String?
    /// Field-level reasons for validation failures.
    public var errors: [FieldError]?

    public init(
        type: String = "about:blank", title: String, status: Int, detail: String? = nil, instance: String? = nil,
        requestId: String? = nil, errors: [FieldError]? = nil
    ) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.instance = instance
        self.requestId = requestId
        self.errors = errors
    }

    public struct FieldError: Codable, Sendable, Equatable {
        /// JSON Pointer (RFC 6901) to the offending field.
        public var pointer: String
        public var reason: String

        public init(pointer: String, reason: String) {
            self.pointer = pointer
            self.reason = reason
        }
    }
}
