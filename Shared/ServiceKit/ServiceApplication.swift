import CurlHTTP
import Database
import Foundation
import Hummingbird
import Logging
import RedisKit
import ServiceLifecycle

/// Builds a service's Hummingbird application: pools, migrations, the middleware
/// chain, health routes, then the service's own routes.
///
/// Middleware order (outermost first): request id → security headers → the
/// service's outer middleware (CORS) → metrics and access log → problem+json errors → body limit → internal-token check (services; the
/// gateway authenticates users itself) → the service's own middleware → routes. Shutdown runs in reverse of
/// start: the server drains in-flight requests, then the HTTP client, Redis and
/// PostgreSQL pools close.
public enum ServiceApplication {
    public static let version = "0.1.0"

    /// How a service authenticates its callers.
    public enum Authentication: Sendable {
        /// Every route but health, readiness and metrics requires an internal token.
        case internalToken
        /// The service authenticates callers itself (the gateway: users' tokens).
        case custom
    }

    public static func build(
        configuration: ServiceConfiguration,
        migrations: [Migration],
        logger: Logger,
        authentication: Authentication = .internalToken,
        bodyLimits: BodyLimits = BodyLimits(),
        hsts: Bool = false,
        outerMiddleware: [any MiddlewareProtocol<Request, Response, ServiceRequestContext>] = [],
        middleware: [any MiddlewareProtocol<Request, Response, ServiceRequestContext>] = [],
        services extraServices: (ServiceDependencies) -> [any Service] = { _ in [] },
        downstreamReadiness: Bool = false,
        onRoutesRegistered: @Sendable ([(path: String, method: String)]) -> Void = { _ in },
        onServerRunning: @escaping @Sendable () async -> Void = {},
        readinessChecks extraChecks: (ServiceDependencies) -> [ReadinessCheck] = { _ in [] },
        routes: (Router<ServiceRequestContext>, ServiceDependencies) throws -> Void = { _, _ in }
    ) async throws -> some ApplicationProtocol {
        let database = DatabasePool(configuration: configuration.database, logger: logger)
        let redis = RedisClient(configuration: configuration.redis, logger: logger)
        let http = CurlHTTPClient()
        let internalTokens = try InternalTokens(
            secret: configuration.internalSecret, service: configuration.service.name)
        do {
            try await migrate(database, schema: configuration.service.schema, migrations: migrations, logger: logger)
        } catch {
            await database.close()
            await redis.close()
            http.shutdown()
            throw error
        }
        let metrics = ServiceMetrics(pools: [
            ("postgres", { database.statistics }), ("redis", { redis.statistics }),
        ])
        let dependencies = ServiceDependencies(
            configuration: configuration, logger: logger, database: database, redis: redis, http: http,
            metrics: metrics, internalTokens: internalTokens)

        var checks: [ReadinessCheck] = [.postgres(database), .redis(redis)]
        for (name, url) in configuration.serviceURLs.sorted(by: { $0.key < $1.key }) {
            // The gateway reports its services' readiness; services check only each
            // other's liveness, so readiness never chains in a cycle.
            checks.append(
                downstreamReadiness
                    ? .http(name, url: url + "/ready", required: true, http: http)
                    : .service(name, baseURL: url, http: http))
        }
        checks += extraChecks(dependencies)

        let routeTable = RouteTable()
        let router = Router(context: ServiceRequestContext.self)
        var limits = bodyLimits
        limits.defaultBytes = configuration.maxBodyBytes
        router.add(middleware: RequestIdMiddleware(bodyLimits: limits))
        router.add(middleware: SecurityHeadersMiddleware(hsts: hsts))
        for outer in outerMiddleware { router.add(middleware: outer) }
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: ProblemMiddleware(routes: routeTable))
        router.add(middleware: BodyLimitMiddleware())
        if authentication == .internalToken {
            router.add(middleware: InternalAuthMiddleware(tokens: internalTokens))
        }
        for extra in middleware { router.add(middleware: extra) }
        HealthController(
            service: configuration.service.name, version: version, checks: checks,
            timeout: configuration.readinessTimeout, metrics: metrics
        ).register(on: router)
        try routes(router, dependencies)
        let registered = router.routes.map { (path: $0.path.description, method: $0.method.rawValue) }
        routeTable.load(registered)
        onRoutesRegistered(registered)

        return Application(
            router: router,
            // Idle keep-alive connections (and clients that stop sending mid-request) are
            // closed after HTTP_IDLE_TIMEOUT_MS; header blocks are capped at 32 KiB.
            server: .http1(
                configuration: .init(
                    idleTimeout: .milliseconds(Int64(configuration.idleTimeout.milliseconds)),
                    httpDecoderConfiguration: .init(
                        maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 32 * 1024, maxHeaderFieldCount: 100))),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: configuration.service.name),
            services: [database, redis, HTTPClientService(client: http)] + extraServices(dependencies),
            onServerRunning: { _ in await onServerRunning() },
            logger: logger)
    }

    /// Applies migrations, waiting up to 30 s for PostgreSQL to come up (a
    /// compose or systemd start may race it).
    static func migrate(
        _ database: DatabasePool, schema: String, migrations: [Migration], logger: Logger
    ) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            do {
                try await MigrationRunner.run(migrations, schema: schema, on: database, logger: logger)
                return
            } catch let error as DatabaseError where error.isTransient && ContinuousClock.now < deadline {
                logger.warning("waiting for PostgreSQL", metadata: ["error": "\(error.message)"])
                try await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Loads the migrations bundled with a service (`Migrations/NNNN_name.sql`).
    public static func migrations(in bundle: Bundle) throws -> [Migration] {
        guard let folder = bundle.url(forResource: "Migrations", withExtension: nil) else {
            throw DatabaseError(.migrationFailed, "the service's Migrations folder is missing from its bundle")
        }
        return try Migration.load(from: folder)
    }
}
