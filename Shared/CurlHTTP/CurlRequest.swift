/// An outbound HTTP request.
public struct CurlRequest: Sendable {
    public enum Body: Sendable {
        case bytes([UInt8])
        /// Sent with chunked transfer encoding as the stream yields; the stream is
        /// read only as fast as the connection takes it.
        case stream(AsyncThrowingStream<[UInt8], any Error>)
    }

    /// Deadlines of one exchange. Every outbound call has one.
    public struct Timeouts: Sendable {
        public var connect: Duration
        /// The whole exchange, body included; `nil` for unbounded streams.
        public var total: Duration?
        /// Until the response headers arrive: long enough for a cold model load.
        public var firstByte: Duration?
        /// Abort when fewer than `bytesPerSecond` arrive for `window` (a stalled stream).
        public var lowSpeed: (bytesPerSecond: Int, window: Duration)?

        public init(
            connect: Duration = .seconds(3), total: Duration? = .seconds(30), firstByte: Duration? = nil,
            lowSpeed: (bytesPerSecond: Int, window: Duration)? = nil
        ) {
            self.connect = connect
            self.total = total
            self.firstByte = firstByte
            self.lowSpeed = lowSpeed
        }
    }

    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: Body?
    public var timeouts: Timeouts
    /// Bodies larger than this fail with `.responseTooLarge` (checked against
    /// Content-Length up front, and against the bytes received).
    public var maxResponseBytes: Int
    public var followRedirects: Bool

    public init(
        method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: Body? = nil,
        timeouts: Timeouts = Timeouts(), maxResponseBytes: Int = 16 * 1024 * 1024, followRedirects: Bool = false
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
        self.maxResponseBytes = maxResponseBytes
        self.followRedirects = followRedirects
    }
}

/// The status and headers of a response; its body streams separately.
public struct CurlResponse: Sendable {
    public let status: Int
    public let headers: [(name: String, value: String)]
    public let body: CurlResponseBody

    /// First header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }
}
