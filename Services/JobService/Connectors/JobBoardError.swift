/// A board that could not be read as a whole, in the shape of CurlHTTP's errors:
/// a struct with a code and a readable description naming the provider and the
/// board, so new cases never break callers. Never carries a URL or an API key.
struct JobBoardError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        /// 404: the board token, site or search path does not exist.
        case notFound
        /// 429 after every retry, or a `Retry-After` longer than we wait.
        case rateLimited
        /// 5xx after every retry.
        case server
        /// No connection, a deadline passed, or the client shut down, after every retry.
        case transport
        /// The answer is not the documented shape (or larger than the cap).
        case malformed
        /// Any other 4xx: bad credentials (401/403), a bad request (400), ...
        case refused
    }

    var code: Code
    /// `JobSource.provider`.
    var provider: String
    /// `JobSource.board`.
    var board: String
    /// The last HTTP status, when there was an answer.
    var status: Int?
    /// How long the board asked us to wait, when it said.
    var retryAfter: Duration?
    /// What went wrong, without the provider and board (the description adds them).
    var detail: String

    init(
        _ code: Code, provider: String, board: String, status: Int? = nil, retryAfter: Duration? = nil,
        detail: String
    ) {
        self.code = code
        self.provider = provider
        self.board = board
        self.status = status
        self.retryAfter = retryAfter
        self.detail = detail
    }

    init(_ code: Code, _ source: JobSource, status: Int? = nil, retryAfter: Duration? = nil, detail: String) {
        self.init(
            code, provider: source.provider, board: source.board, status: status, retryAfter: retryAfter,
            detail: detail)
    }

    var description: String {
        "\(Self.displayName(of: provider)) board '\(board)': \(detail)"
    }

    /// The provider as people spell it.
    static func displayName(of provider: String) -> String {
        switch provider {
        case "greenhouse": "Greenhouse"
        case "lever": "Lever"
        case "ashby": "Ashby"
        case "remoteok": "RemoteOK"
        case "arbeitnow": "Arbeitnow"
        case "adzuna": "Adzuna"
        case "usajobs": "USAJobs"
        default: provider
        }
    }
}
