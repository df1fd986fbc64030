import HTTPTypes
import Hummingbird
import ServiceKit

/// Mounts every upstream route (DESIGN.md §5) behind user authentication.
struct ProxyRoutes: Sendable {
    let proxy: ServiceProxy
    let authenticator: UserAuthenticator

    static let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]

    func register(on router: Router<ServiceRequestContext>) {
        let authenticated = router.group().add(middleware: RequireUserMiddleware(authenticator: authenticator))
        for route in UpstreamRoute.all {
            for path in [route.publicPrefix, route.publicPrefix + "/**"] {
                for method in Self.methods {
                    authenticated.on(RouterPath(path), method: method) { request, context in
                        try await proxy.forward(request, context: context, route: route)
                    }
                }
            }
        }
    }
}
