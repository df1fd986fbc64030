import Hummingbird
import Logging

/// The request context of every service: Hummingbird's core plus the request id
/// and the body limit, both set by `RequestIdMiddleware` before anything else runs.
public struct ServiceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Taken from a well-formed `X-Request-Id`, or made here; echoed on the response.
    public var requestId: String = ""
    /// Largest request body this service accepts (`MAX_BODY_BYTES`).
    public var bodyLimit: Int = 1_048_576

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    public var maxUploadSize: Int { bodyLimit }
}
