import Hummingbird
import Logging
import NIOCore

/// The request context of every service: Hummingbird's core plus the request id
/// and the body limit, both set by `RequestIdMiddleware` before anything else runs,
/// and who is calling, set by the authentication middleware.
public struct ServiceRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Taken from a well-formed `X-Request-Id`, or made here; echoed on the response.
    public var requestId: String = ""
    /// Largest request body this service accepts (`MAX_BODY_BYTES`).
    public var bodyLimit: Int = 1_048_576
    /// The TCP peer; the gateway derives the client address from it and trusted proxies.
    public let remoteAddress: SocketAddress?
    /// The verified caller: the user a request acts for and the service that sent it.
    public var identity: RequestIdentity?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    public var maxUploadSize: Int { bodyLimit }
}
