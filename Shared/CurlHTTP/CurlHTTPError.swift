/// A failed HTTP exchange, in the shape of async-http-client's errors: a struct
/// with a code and a readable description, so new cases never break callers.
public struct CurlHTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The URL, method or a header is malformed.
        case invalidRequest
        /// No TCP/TLS connection within the connect timeout, or refused.
        case connectFailed
        /// The total deadline passed.
        case timeout
        /// No response headers within the first-byte timeout.
        case firstByteTimeout
        /// The body arrived slower than the low-speed limit for too long.
        case tooSlow
        /// The body exceeded the response-size cap.
        case responseTooLarge
        /// A streamed line exceeded the line-length cap.
        case lineTooLong
        /// The request body stream threw.
        case requestBodyFailed
        /// The calling task was cancelled; the transfer was aborted.
        case cancelled
        /// The client was shut down.
        case shutdown
        /// Any other libcurl failure; `curlCode` holds libcurl's code.
        case transferFailed
    }

    public let code: Code
    public let message: String
    /// libcurl's `CURLcode`, when libcurl reported the failure.
    public let curlCode: Int?

    public init(_ code: Code, _ message: String, curlCode: Int? = nil) {
        self.code = code
        self.message = message
        self.curlCode = curlCode
    }

    public var description: String {
        "CurlHTTPError(\(code)): \(message)" + (curlCode.map { " [CURLcode \($0)]" } ?? "")
    }
}
