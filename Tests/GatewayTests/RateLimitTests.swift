import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RedisKit
import ServiceKit
import Synchronization
import TestSupport
import Testing

@testable import Gateway

/// Helpers shared by the suites below.
enum RateLimitFixture {
    /// Log lines a test wants to count.
    final class LogRecorder: Sendable {
        private let lines = Mutex<[(level: Logger.Level, message: String)]>([])

        var logger: Logger {
            Logger(label: "rate-limit-test") { _ in RecordingLogHandler(recorder: self) }
        }

        func record(_ level: Logger.Level, _ message: String) { lines.withLock { $0.append((level, message)) } }

        func count(_ level: Logger.Level, containing text: String) -> Int {
            lines.withLock { $0.filter { $0.level == level && $0.message.contains(text) }.count }
        }
    }

    struct RecordingLogHandler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        func log(event: LogEvent) { recorder.record(event.level, event.message.description) }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
    }

    static func policy(_ limit: Int, _ window: Duration, name: String = "global") -> RateLimitPolicy {
        RateLimitPolicy(name: name, limit: limit, window: window)
    }

    /// A client whose server is gone: nothing listens on the port.
    static func unreachableRedis() -> RedisClient {
        RedisClient(
            configuration: RedisConfiguration(
                host: "127.0.0.1", port: FreePort.find(), minConnections: 0, commandTimeout: .milliseconds(100),
                connectTimeout: .milliseconds(100), acquireTimeout: .milliseconds(200)),
            logger: TestEnvironment.logger)
    }

    /// A router as the gateway builds it: problem+json outside, the limiter inside.
    static func router(limiter: GlobalRateLimiter) -> Router<ServiceRequestContext> {
        let router = Router(context: ServiceRequestContext.self)
        router.add(middleware: ProblemMiddleware(routes: RouteTable()))
        router.add(
            middleware: GlobalRateLimitMiddleware(limiter: limiter, resolver: ClientAddressResolver(trustedProxies: []))
        )
        router.get("/x") { _, _ in "ok" }
        router.get("/health") { _, _ in "healthy" }
        router.get("/conflict") { _, _ -> String in throw ServiceError.conflict("taken") }
        return router
    }

    static func problem(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    static func address(_ text: String) -> SocketAddress {
        try! SocketAddress(ipAddress: text, port: 40_000)
    }
}

@Suite("Rate limiting in Redis (sliding-window log)")
struct RateLimitRedisTests {
    @Test("security: the 101st request in the window is denied with Retry-After and RateLimit headers")
    func hundredAndFirstIsDenied() async throws {
        let redis = try TestEnvironment.makeRedis()
        defer { Task { await redis.close() } }
        let limiter = RedisRateLimiter(
            redis: redis, policy: RateLimitFixture.policy(100, .seconds(60)),
            keyPrefix: TestEnvironment.uniqueName("rl"))
        let started = ContinuousClock.now
        for index in 1...100 {
            let decision = try await limiter.check("203.0.113.7")
            #expect(decision.allowed)
            #expect(decision.remaining == 100 - index)
            // The first entry is the oldest: the reset counts down from the window as the
            // loop runs (slowly on a loaded machine), never below what has elapsed.
            let elapsed = Int((ContinuousClock.now - started).components.seconds)
            #expect((59 - elapsed...60).contains(decision.resetSeconds))
        }
        let denied = try await limiter.check("203.0.113.7")
        #expect(!denied.allowed)
        #expect(denied.remaining == 0)
        #expect((1...60).contains(denied.resetSeconds))
        let headers = denied.headers
        #expect(Int(headers[.retryAfter] ?? "") ?? 0 >= 1)
        #expect(headers[.retryAfter] == String(denied.resetSeconds))
        #expect(headers[RateLimitDecision.policyHeader] == "\"global\";q=100;w=60")
        #expect(headers[RateLimitDecision.rateLimitHeader] == "\"global\";r=0;t=\(denied.resetSeconds)")
        // Another client is unaffected.
        #expect(try await limiter.check("203.0.113.8").allowed)
    }

    @Test("security: 500 concurrent checks on one key from two gateway processes admit exactly 100")
    func concurrentChecksAdmitExactlyTheLimit() async throws {
        let first = try TestEnvironment.makeRedis(commandTimeout: .seconds(5))
        let second = try TestEnvironment.makeRedis(commandTimeout: .seconds(5))
        defer {
            Task {
                await first.close()
                await second.close()
            }
        }
        let prefix = TestEnvironment.uniqueName("rl")
        let policy = RateLimitFixture.policy(100, .seconds(60))
        let limiters = [
            RedisRateLimiter(redis: first, policy: policy, keyPrefix: prefix),
            RedisRateLimiter(redis: second, policy: policy, keyPrefix: prefix),
        ]
        let admitted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<500 {
                let limiter = limiters[index % 2]
                group.addTask { try await limiter.check("198.51.100.1").allowed }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(admitted == 100)
        // One log entry per admitted request: members stay unique under concurrency.
        #expect(try await first.zcard(limiters[0].redisKey("198.51.100.1")) == 100)
        try await first.delete(limiters[0].redisKey("198.51.100.1"))
    }

    @Test("the window slides: requests free their slots one window after they were admitted")
    func windowSlides() async throws {
        let redis = try TestEnvironment.makeRedis()
        defer { Task { await redis.close() } }
        // A 4 s window and 2 s steps: over a second of slack either side, so a stall on
        // a loaded 2-core machine (the gateway suites start dozens of processes) can't
        // move an entry across a window edge.
        let limiter = RedisRateLimiter(
            redis: redis, policy: RateLimitFixture.policy(3, .seconds(4)), keyPrefix: TestEnvironment.uniqueName("rl"))
        try await redis.ping()
        #expect(try await limiter.check("c").allowed)
        #expect(try await limiter.check("c").allowed)
        // Both were admitted (by Redis's clock) before this instant.
        let start = ContinuousClock.now
        try await Task.sleep(until: start + .seconds(2))
        #expect(try await limiter.check("c").allowed)
        let denied = try await limiter.check("c")
        #expect(!denied.allowed)
        // The oldest entry leaves less than 2 s from now (rounded up; 3 only if this machine is very slow).
        #expect((1...3).contains(denied.resetSeconds))
        // The first two have left the window, the third (admitted after start + 2 s) has not.
        try await Task.sleep(until: start + .milliseconds(4_600))
        let again = try await limiter.check("c")
        #expect(again.allowed)
        #expect(again.remaining == 1)
        #expect(try await limiter.check("c").allowed)
        #expect(try await !limiter.check("c").allowed)
    }

    @Test("security: denied requests are not counted, so a client hammering while limited recovers")
    func deniedRequestsAreNotLogged() async throws {
        let redis = try TestEnvironment.makeRedis()
        defer { Task { await redis.close() } }
        let limiter = RedisRateLimiter(
            redis: redis, policy: RateLimitFixture.policy(2, .seconds(4)), keyPrefix: TestEnvironment.uniqueName("rl"))
        // A window long enough that a loaded test machine finishes the denials inside it.
        let first = ContinuousClock.now
        #expect(try await limiter.check("h").allowed)
        #expect(try await limiter.check("h").allowed)
        // Both entries were recorded (by Redis's clock) before this instant.
        let admitted = ContinuousClock.now
        for _ in 0..<20 where ContinuousClock.now - first < .milliseconds(3_500) {
            #expect(try await !limiter.check("h").allowed)
        }
        #expect(try await redis.zcard(limiter.redisKey("h")) == 2)
        try await Task.sleep(until: admitted + .milliseconds(4_300))
        #expect(try await limiter.check("h").allowed)
    }

    @Test("an idle client's key expires after one window")
    func keyExpires() async throws {
        let redis = try TestEnvironment.makeRedis()
        defer { Task { await redis.close() } }
        let limiter = RedisRateLimiter(
            redis: redis, policy: RateLimitFixture.policy(5, .seconds(1)), keyPrefix: TestEnvironment.uniqueName("rl"))
        _ = try await limiter.check("idle")
        let ttl = try #require(try await redis.timeToLive(limiter.redisKey("idle")))
        #expect(ttl > .zero && ttl <= .seconds(1))
        try await Task.sleep(for: .milliseconds(1_300))
        #expect(try await !redis.exists(limiter.redisKey("idle")))
    }
}

@Suite("Client address behind proxies")
struct RateLimitClientAddressTests {
    let resolver = ClientAddressResolver(
        trustedProxies: [try! IPNetwork("10.0.0.0/8"), try! IPNetwork("::1/128"), try! IPNetwork("fd00::/8")])

    @Test("security: a spoofed X-Forwarded-For is ignored when the peer is not a trusted proxy")
    func spoofedForwardedForIgnored() {
        let peer = RateLimitFixture.address("203.0.113.7")
        #expect(resolver.clientAddress(peer: peer, forwardedFor: ["1.2.3.4"]) == "203.0.113.7")
        #expect(resolver.clientAddress(peer: peer, forwardedFor: ["10.0.0.1, 1.2.3.4"]) == "203.0.113.7")
        let trustsNobody = ClientAddressResolver(trustedProxies: [])
        #expect(
            trustsNobody.clientAddress(peer: RateLimitFixture.address("10.0.0.2"), forwardedFor: ["1.2.3.4"])
                == "10.0.0.2")
    }

    @Test(
        "security: X-Forwarded-For from a trusted proxy is read right to left; the client's left part is not believed")
    func forwardedForRightToLeft() {
        let proxy = RateLimitFixture.address("10.0.0.2")
        // The client sent "6.6.6.6"; our proxies appended the real address and each other.
        #expect(
            resolver.clientAddress(peer: proxy, forwardedFor: ["6.6.6.6, 198.51.100.9, 10.0.0.1"]) == "198.51.100.9")
        // Several header fields are one list, in order.
        #expect(
            resolver.clientAddress(peer: proxy, forwardedFor: ["6.6.6.6", "198.51.100.9,10.0.0.1"]) == "198.51.100.9")
        // Ports and brackets, as some proxies write them.
        #expect(resolver.clientAddress(peer: proxy, forwardedFor: ["198.51.100.9:4711"]) == "198.51.100.9")
        #expect(resolver.clientAddress(peer: proxy, forwardedFor: ["[2001:DB8:0::1]:443"]) == "2001:db8::1")
        // Every hop trusted: the leftmost is the client.
        #expect(resolver.clientAddress(peer: proxy, forwardedFor: ["10.1.1.1, 10.0.0.1"]) == "10.1.1.1")
        // No header: the proxy itself.
        #expect(resolver.clientAddress(peer: proxy, forwardedFor: []) == "10.0.0.2")
    }

    @Test("security: an invalid X-Forwarded-For entry on the trusted path falls back to the peer")
    func invalidEntriesFallBackToPeer() {
        let proxy = RateLimitFixture.address("10.0.0.2")
        for header in ["garbage", "198.51.100.9, nonsense", "198.51.100.9,,", "unknown, 10.0.0.1", "1.2.3.4:99999"] {
            #expect(resolver.clientAddress(peer: proxy, forwardedFor: [header]) == "10.0.0.2", "\(header)")
        }
        // Garbage left of the first untrusted address is never reached.
        #expect(resolver.clientAddress(peer: proxy, forwardedFor: ["nonsense, 198.51.100.9"]) == "198.51.100.9")
    }

    @Test("IPv6 and IPv4-mapped peers are normalised")
    func ipv6Peers() {
        #expect(
            resolver.clientAddress(peer: RateLimitFixture.address("::ffff:203.0.113.7"), forwardedFor: ["1.2.3.4"])
                == "203.0.113.7")
        // A mapped trusted proxy is still trusted.
        #expect(
            resolver.clientAddress(peer: RateLimitFixture.address("::ffff:10.0.0.2"), forwardedFor: ["1.2.3.4"])
                == "1.2.3.4")
        #expect(
            resolver.clientAddress(peer: RateLimitFixture.address("::1"), forwardedFor: ["2001:0DB8:0:0::ABCD"])
                == "2001:db8::abcd")
        #expect(
            resolver.clientAddress(peer: RateLimitFixture.address("2001:db8::7"), forwardedFor: ["1.2.3.4"])
                == "2001:db8::7")
        #expect(resolver.clientAddress(peer: nil, forwardedFor: ["1.2.3.4"]) == ClientAddressResolver.unknown)
    }

    @Test("CIDR networks: IPv4, IPv6, bare addresses and IPv4-mapped networks")
    func cidrParsing() throws {
        let ten = try IPNetwork("10.0.0.0/8")
        #expect(ten.contains(try #require(IPAddress("10.255.1.2"))))
        #expect(!ten.contains(try #require(IPAddress("11.0.0.1"))))
        #expect(!ten.contains(try #require(IPAddress("::ffff:b00:1"))))
        #expect(ten.contains(try #require(IPAddress("::ffff:10.1.2.3"))))
        let single = try IPNetwork(" 192.168.1.7 ")
        #expect(single.description == "192.168.1.7/32")
        #expect(single.contains(try #require(IPAddress("192.168.1.7"))))
        #expect(!single.contains(try #require(IPAddress("192.168.1.8"))))
        let loopback = try IPNetwork("::1/128")
        #expect(loopback.contains(try #require(IPAddress("0:0:0:0:0:0:0:1"))))
        #expect(!loopback.contains(try #require(IPAddress("::2"))))
        #expect(try IPNetwork("::1").prefixLength == 128)
        let unique = try IPNetwork("fd00::/8")
        #expect(unique.contains(try #require(IPAddress("fd12:3456::1"))))
        #expect(!unique.contains(try #require(IPAddress("fe80::1"))))
        #expect(!unique.contains(try #require(IPAddress("10.0.0.1"))))
        let everyV6 = try IPNetwork("::/0")
        #expect(everyV6.contains(try #require(IPAddress("2001:db8::1"))))
        #expect(!everyV6.contains(try #require(IPAddress("1.2.3.4"))))
        #expect(try IPNetwork("0.0.0.0/0").contains(try #require(IPAddress("1.2.3.4"))))
        #expect(try IPNetwork("::ffff:10.0.0.0/104") == ten)
        #expect(try IPNetwork.parseList("10.0.0.0/8, ::1,fd00::/8").count == 3)
        #expect(try IPNetwork.parseList("  ").isEmpty)
    }

    @Test("CIDR networks: bad entries are refused with a readable reason")
    func cidrRejectsBadInput() {
        for bad in [
            "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/+8", "10.0.0.0/8/8", "300.1.1.1", "1.2.3", "01.2.3.4", "fd00::/129",
            "fe80::1%eth0", "abc", "", "[::1]", "10.0.0.1/8", "::ffff:10.0.0.0/64",
        ] {
            #expect(throws: IPNetwork.ParseError.self, "\(bad)") { try IPNetwork(bad) }
        }
        let error = #expect(throws: IPNetwork.ParseError.self) { try IPNetwork("10.0.0.1/8") }
        #expect(error?.description.contains("10.0.0.0/8") == true)
        #expect(throws: IPNetwork.ParseError.self) { try IPNetwork.parseList("10.0.0.0/8,,fd00::/8") }
        #expect(throws: IPNetwork.ParseError.self) { try IPNetwork.parseList("10.0.0.0/8,nonsense") }
    }
}

@Suite("Rate-limit settings")
struct RateLimitSettingsTests {
    @Test("defaults: 100 per minute, 10 sign-ins per 15 minutes, no trusted proxies")
    func defaults() throws {
        var reader = EnvironmentReader([:])
        let settings = try RateLimitSettings.load(from: &reader)
        #expect(settings == RateLimitSettings())
        #expect(settings.requestsPerWindow == 100 && settings.window == .seconds(60))
        #expect(settings.loginAttempts == 10 && settings.loginWindow == .seconds(900))
        #expect(settings.trustedProxies.isEmpty)
        #expect(
            Set(reader.readVariables) == [
                "RATE_LIMIT_REQUESTS", "RATE_LIMIT_WINDOW_SECONDS", "LOGIN_RATE_LIMIT_ATTEMPTS",
                "LOGIN_RATE_LIMIT_WINDOW_SECONDS", "TRUSTED_PROXIES", "RATE_LIMIT_REDIS_TIMEOUT_MS",
            ])
    }

    @Test("values are read from the environment")
    func values() throws {
        var reader = EnvironmentReader([
            "RATE_LIMIT_REQUESTS": "250", "RATE_LIMIT_WINDOW_SECONDS": "30", "LOGIN_RATE_LIMIT_ATTEMPTS": "5",
            "LOGIN_RATE_LIMIT_WINDOW_SECONDS": "600", "TRUSTED_PROXIES": "10.0.0.0/8, ::1",
        ])
        let settings = try RateLimitSettings.load(from: &reader)
        #expect(settings.globalPolicy == RateLimitPolicy(name: "global", limit: 250, window: .seconds(30)))
        #expect(settings.loginPolicy == RateLimitPolicy(name: "login", limit: 5, window: .seconds(600)))
        #expect(settings.trustedProxies == [try IPNetwork("10.0.0.0/8"), try IPNetwork("::1/128")])
    }

    @Test("a malformed value is an error naming its variable")
    func malformedValues() {
        let cases = [
            ("RATE_LIMIT_REQUESTS", "0"), ("RATE_LIMIT_REQUESTS", "1000001"), ("RATE_LIMIT_REQUESTS", "many"),
            ("RATE_LIMIT_WINDOW_SECONDS", "0"), ("LOGIN_RATE_LIMIT_ATTEMPTS", "-1"),
            ("LOGIN_RATE_LIMIT_WINDOW_SECONDS", "1.5"), ("TRUSTED_PROXIES", "10.0.0.0/8,nonsense"),
        ]
        for (variable, value) in cases {
            var reader = EnvironmentReader([variable: value])
            let error = #expect(throws: ConfigurationError.self, "\(variable)=\(value)") {
                try RateLimitSettings.load(from: &reader)
            }
            #expect(error?.variable == variable)
        }
    }
}

@Suite("In-process fallback limiter")
struct RateLimitLocalTests {
    @Test("it admits the limit per window and slides")
    func limits() {
        let limiter = LocalRateLimiter(policy: RateLimitFixture.policy(3, .seconds(10)))
        let start = ContinuousClock.now
        #expect(limiter.check("a", now: start).remaining == 2)
        #expect(limiter.check("a", now: start + .seconds(4)).remaining == 1)
        #expect(limiter.check("a", now: start + .seconds(4)).remaining == 0)
        let denied = limiter.check("a", now: start + .seconds(5))
        #expect(!denied.allowed)
        #expect(denied.resetSeconds == 5)
        #expect(denied.headers[.retryAfter] == "5")
        #expect(limiter.check("b", now: start + .seconds(5)).allowed)
        // The first request leaves the window at start + 10 s; the other two at + 14 s.
        #expect(!limiter.check("a", now: start + .seconds(10) - .milliseconds(1)).allowed)
        #expect(limiter.check("a", now: start + .seconds(10)).allowed)
        #expect(!limiter.check("a", now: start + .seconds(11)).allowed)
        #expect(limiter.check("a", now: start + .seconds(14)).remaining == 1)
    }

    @Test("security: memory is capped, forgetting the least recently used client first")
    func capsMemory() {
        let limiter = LocalRateLimiter(policy: RateLimitFixture.policy(1, .seconds(60)), maxKeys: 3)
        let now = ContinuousClock.now
        for key in ["a", "b", "c"] { #expect(limiter.check(key, now: now).allowed) }
        #expect(!limiter.check("a", now: now).allowed)  // a is now the most recently used
        #expect(limiter.check("d", now: now).allowed)  // forgets b
        #expect(limiter.trackedKeys == 3)
        #expect(!limiter.check("a", now: now).allowed)
        #expect(limiter.check("b", now: now).allowed)

        let many = LocalRateLimiter(policy: RateLimitFixture.policy(2, .seconds(60)), maxKeys: 1_000)
        for index in 0..<50_000 { _ = many.check("client-\(index)", now: now) }
        #expect(many.trackedKeys == 1_000)
        // The most recent clients are remembered, the oldest forgotten.
        #expect(many.check("client-49999", now: now).remaining == 0)
        #expect(many.check("client-0", now: now).remaining == 1)
    }

    @Test("it is exact under concurrent use")
    func threadSafe() async {
        let limiter = LocalRateLimiter(policy: RateLimitFixture.policy(500, .seconds(60)))
        let admitted = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<1_000).reduce(0) { count, _ in count + (limiter.check("x").allowed ? 1 : 0) } }
            }
            return await group.reduce(0, +)
        }
        #expect(admitted == 500)
    }
}

@Suite("Rate-limit middleware and sign-in limiter")
struct RateLimitMiddlewareTests {
    /// `t` of a `"global";r=<remaining>;t=<t>` RateLimit field, when `r` is as expected
    /// (`t` may drop below the window on a slow machine).
    static func resetSeconds(_ headers: HTTPFields, remaining: Int) -> Int? {
        let prefix = "\"global\";r=\(remaining);t="
        guard let value = headers[RateLimitDecision.rateLimitHeader], value.hasPrefix(prefix) else { return nil }
        return Int(value.dropFirst(prefix.count))
    }

    @Test("allowed responses carry RateLimit headers; over the limit is a 429 problem with Retry-After")
    func middlewareHeadersAndDenial() async throws {
        let redis = try TestEnvironment.makeRedis()
        defer { Task { await redis.close() } }
        let policy = RateLimitFixture.policy(3, .seconds(60))
        let limiter = GlobalRateLimiter(
            primary: RedisRateLimiter(redis: redis, policy: policy, keyPrefix: TestEnvironment.uniqueName("rl")),
            fallback: LocalRateLimiter(policy: policy), logger: TestEnvironment.logger)
        let app = Application(router: RateLimitFixture.router(limiter: limiter))
        try await app.test(.router) { client in
            for remaining in [2, 1] {
                try await client.execute(uri: "/x", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[RateLimitDecision.policyHeader] == "\"global\";q=3;w=60")
                    #expect(
                        Self.resetSeconds(response.headers, remaining: remaining).map { (55...60).contains($0) } == true
                    )
                    #expect(response.headers[.retryAfter] == nil)
                }
            }
            // Errors answered by the problem middleware carry them too.
            try await client.execute(uri: "/conflict", method: .get) { response in
                #expect(response.status == .conflict)
                #expect(Self.resetSeconds(response.headers, remaining: 0).map { (55...60).contains($0) } == true)
            }
            try await client.execute(uri: "/x", method: .get) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.contentType] == "application/problem+json")
                let retryAfter = try #require(Int(response.headers[.retryAfter] ?? ""))
                #expect((1...60).contains(retryAfter))
                #expect(response.headers[RateLimitDecision.rateLimitHeader] == "\"global\";r=0;t=\(retryAfter)")
                #expect(response.headers[RateLimitDecision.policyHeader] == "\"global\";q=3;w=60")
                let problem = RateLimitFixture.problem(response)
                #expect(problem["status"] as? Int == 429)
                #expect((problem["detail"] as? String)?.contains("retry in") == true)
            }
            // Health checks are never limited.
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[RateLimitDecision.rateLimitHeader] == nil)
            }
        }
    }

    @Test("security: Redis unreachable, the global limit fails open to the local limiter and warns once")
    func failsOpenToLocalLimiter() async throws {
        let redis = RateLimitFixture.unreachableRedis()
        defer { Task { await redis.close() } }
        let recorder = RateLimitFixture.LogRecorder()
        let policy = RateLimitFixture.policy(3, .seconds(60))
        let limiter = GlobalRateLimiter(
            primary: RedisRateLimiter(redis: redis, policy: policy, keyPrefix: "rl"),
            fallback: LocalRateLimiter(policy: policy), logger: recorder.logger, probeInterval: .milliseconds(50))
        let app = Application(router: RateLimitFixture.router(limiter: limiter))
        let start = ContinuousClock.now
        try await app.test(.router) { client in
            for index in 1...8 {
                try await client.execute(uri: "/x", method: .get) { response in
                    #expect(response.status == (index <= 3 ? .ok : .tooManyRequests))
                    #expect(response.headers[RateLimitDecision.rateLimitHeader] != nil)
                }
                try await Task.sleep(for: .milliseconds(30))
            }
        }
        #expect(limiter.isDegraded)
        #expect(recorder.count(.warning, containing: "Redis unreachable") == 1)
        // Probes are bounded by the limiter's own deadline, not the pool's 2 s acquire
        // timeout (8 requests would take 16 s); generous for a loaded test machine.
        #expect(ContinuousClock.now - start < .seconds(8))
    }

    @Test("the global limiter logs when Redis comes back, and uses it again")
    func logsRecovery() async throws {
        let server = try RedisServerProcess()
        let redis = try TestEnvironment.makeRedis(url: server.url)
        defer { Task { await redis.close() } }
        let recorder = RateLimitFixture.LogRecorder()
        let policy = RateLimitFixture.policy(100, .seconds(60))
        let limiter = GlobalRateLimiter(
            primary: RedisRateLimiter(redis: redis, policy: policy, keyPrefix: "rl"),
            fallback: LocalRateLimiter(policy: policy), logger: recorder.logger, probeInterval: .milliseconds(50))
        #expect(try await limiter.check("k").remaining == 99)
        server.stop()
        for _ in 0..<5 { #expect(try await limiter.check("k").allowed) }
        #expect(limiter.isDegraded)
        try server.start()
        let deadline = ContinuousClock.now + .seconds(5)
        while limiter.isDegraded, ContinuousClock.now < deadline {
            _ = try await limiter.check("k")
            try await Task.sleep(for: .milliseconds(60))
        }
        #expect(!limiter.isDegraded)
        #expect(recorder.count(.warning, containing: "Redis unreachable") == 1)
        #expect(recorder.count(.notice, containing: "Redis reachable again") == 1)
    }

    @Test("security: sign-in attempts are limited per e-mail and address; variants of the e-mail share a limit")
    func loginLimit() async throws {
        let redis = try TestEnvironment.makeRedis()
        defer { Task { await redis.close() } }
        let prefix = TestEnvironment.uniqueName("login")
        let login = LoginRateLimiter(
            redis: redis, policy: RateLimitSettings().loginPolicy, keyPrefix: prefix, logger: TestEnvironment.logger)
        for attempt in 1...10 {
            let email = attempt.isMultiple(of: 2) ? "  Alice@Example.COM " : "alice@example.com"
            #expect(try await login.check(email: email, clientAddress: "203.0.113.7").allowed)
        }
        let denied = try await login.check(email: "ALICE@example.com", clientAddress: "203.0.113.7")
        #expect(!denied.allowed)
        #expect(denied.headers[RateLimitDecision.policyHeader] == "\"login\";q=10;w=900")
        #expect((1...900).contains(denied.resetSeconds))
        let problem = denied.tooManyRequests("sign-in attempts")
        #expect(problem.status == .tooManyRequests)
        #expect(problem.headers[.retryAfter] == String(denied.resetSeconds))
        #expect(try await login.check(email: "alice@example.com", clientAddress: "203.0.113.8").allowed)
        #expect(try await login.check(email: "bob@example.com", clientAddress: "203.0.113.7").allowed)
        // Redis holds hashes, never the address.
        let keys = try await redis.send("KEYS", prefix + ":*").strings ?? []
        #expect(keys.count == 3)
        #expect(keys.allSatisfy { !$0.contains("@") && !$0.lowercased().contains("alice") })
        try await redis.delete(keys)
    }

    @Test("security: Redis unreachable, the sign-in limiter fails closed with 503")
    func loginFailsClosed() async throws {
        let redis = RateLimitFixture.unreachableRedis()
        defer { Task { await redis.close() } }
        let recorder = RateLimitFixture.LogRecorder()
        let login = LoginRateLimiter(redis: redis, settings: RateLimitSettings(), logger: recorder.logger)
        for _ in 0..<3 {
            let error = await #expect(throws: ServiceError.self) {
                try await login.check(email: "alice@example.com", clientAddress: "203.0.113.7")
            }
            #expect(error?.status == .serviceUnavailable)
            #expect(error?.headers[.retryAfter] == "5")
            #expect(error?.detail == "sign-in is temporarily unavailable; retry shortly")
        }
        #expect(recorder.count(.warning, containing: "Redis unreachable") == 1)
    }
}
