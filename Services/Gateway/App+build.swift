import CurlHTTP
import Foundation
import Hummingbird
import Logging
import Security
import ServiceKit

/// Reads this service's configuration from the environment.
func loadSettings(_ reader: inout EnvironmentReader) throws -> GatewaySettings {
    try GatewaySettings.load(from: &reader)
}

/// Builds the gateway: accounts and sessions, OAuth login, GDPR routes, the
/// OpenAPI document, and the authenticated, rate-limited proxy to the services.
func buildApplication(
    _ settings: GatewaySettings, logger: Logger,
    onRoutesRegistered: @escaping @Sendable ([(path: String, method: String)]) -> Void = { _ in },
    onServerRunning: @escaping @Sendable () async -> Void = {}
) async throws -> some ApplicationProtocol {
    let configuration = settings.common
    let resolver = ClientAddressResolver(trustedProxies: settings.rateLimit.trustedProxies)
    let clientAddress: @Sendable (Request, ServiceRequestContext) -> String = { request, context in
        resolver.clientAddress(for: request, context: context)
    }
    let accessTokens = AccessTokens(key: try HS256Key(secret: settings.jwtSecret))
    let cookies = SessionCookies(secure: settings.cookieSecure)
    let csrf = CSRFGuard(allowedOrigins: Set(settings.allowedOrigins), cookies: cookies)
    // One per process: a revocation made by any route is seen by every check at once.
    let revocationCache = ExpiringCache<Bool>()

    return try await ServiceApplication.build(
        configuration: configuration, migrations: try ServiceApplication.migrations(in: .module), logger: logger,
        authentication: .custom,
        bodyLimits: BodyLimits(prefixes: [
            ("/api/v1/profile/imports", BodyLimits.uploadBytes), ("/api/v1/jobs/import", BodyLimits.uploadBytes),
        ]),
        hsts: settings.hsts,
        outerMiddleware: [CORSPolicyMiddleware(allowedOrigins: Set(settings.allowedOrigins))],
        services: { dependencies in
            [
                AccountDeletionRetrier(
                    deletions: makeDeletions(dependencies, revocationCache: revocationCache),
                    database: dependencies.database, logger: logger,
                    interval: settings.deletionRetryInterval)
            ]
        },
        downstreamReadiness: true,
        onRoutesRegistered: onRoutesRegistered,
        onServerRunning: onServerRunning,
        routes: { router, dependencies in
            let redis = dependencies.redis
            router.add(
                middleware: GlobalRateLimitMiddleware(
                    limiter: GlobalRateLimiter(redis: redis, settings: settings.rateLimit, logger: logger),
                    resolver: resolver))
            let accounts = AccountStore(database: dependencies.database)
            let refreshTokens = RefreshTokenStore(database: dependencies.database)
            let revocations = SessionRevocations(redis: redis, recent: revocationCache)
            let authenticator = UserAuthenticator(
                tokens: accessTokens, revocations: revocations, cookies: cookies, csrf: csrf)
            let sessions = SessionIssuer(accessTokens: accessTokens, refreshTokens: refreshTokens, cookies: cookies)

            AuthController(
                accounts: accounts, passwords: PasswordService(), sessions: sessions, refreshTokens: refreshTokens,
                revocations: revocations, cookies: cookies, csrf: csrf,
                loginLimiter: LoginRateLimiter(redis: redis, settings: settings.rateLimit, logger: logger),
                authenticator: authenticator, clientAddress: clientAddress
            ).register(on: router)

            OAuthController(
                providers: settings.oauthProviders, publicBaseURL: settings.publicBaseURL,
                redirectPaths: settings.loginRedirectPaths, http: dependencies.http, redis: redis,
                accounts: accounts, sessions: sessions, cookies: cookies, keys: JWKSCache(http: dependencies.http),
                profiles: InternalServiceClient(
                    service: ServiceDescriptor.profileService.name,
                    baseURL: configuration.serviceURLs[ServiceDescriptor.profileService.name], http: dependencies.http,
                    tokens: dependencies.internalTokens, timeout: .seconds(3))
            ).register(on: router)

            let deletions = makeDeletions(dependencies, revocationCache: revocationCache)
            PrivacyController(
                accounts: accounts, refreshTokens: refreshTokens, services: deletions.services, deletions: deletions,
                cookies: cookies, authenticator: authenticator
            ).register(on: router)

            let proxy = ServiceProxy(
                http: dependencies.http, serviceURLs: configuration.serviceURLs,
                internalTokens: dependencies.internalTokens, upstreamTimeout: settings.upstreamTimeout,
                modelFirstByteTimeout: settings.aiFirstByteTimeout, clientAddress: clientAddress)
            ProxyRoutes(proxy: proxy, authenticator: authenticator).register(on: router)
            try OpenAPIController().register(on: router)
        })
}

/// Deleting accounts across services, as both the DELETE route and the background retrier do it.
func makeDeletions(_ dependencies: ServiceDependencies, revocationCache: ExpiringCache<Bool>) -> AccountDeletions {
    AccountDeletions(
        database: dependencies.database,
        services: ServiceDataClient(
            http: dependencies.http, serviceURLs: dependencies.configuration.serviceURLs,
            internalTokens: dependencies.internalTokens),
        refreshTokens: RefreshTokenStore(database: dependencies.database),
        revocations: SessionRevocations(redis: dependencies.redis, recent: revocationCache))
}
