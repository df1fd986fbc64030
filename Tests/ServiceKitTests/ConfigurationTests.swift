import Database
import Foundation
import RedisKit
import ServiceKit
import Testing

@Suite("configuration")
struct ConfigurationTests {
    /// Loads with the one required variable, INTERNAL_SECRET, filled in unless the test sets it.
    func load(_ environment: [String: String]) throws -> ServiceConfiguration {
        var reader = EnvironmentReader(
            environment.merging(["INTERNAL_SECRET": String(repeating: "i", count: 32)]) { mine, _ in mine })
        return try ServiceConfiguration.load(for: .jobService, from: &reader)
    }

    @Test("defaults follow the documented topology")
    func defaults() throws {
        let configuration = try load([:])
        #expect(configuration.port == 3002)
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.database.url == "postgres://careergini:careergini@127.0.0.1:5432/careergini")
        #expect(configuration.database.searchPath == ["jobs"])
        #expect(configuration.redis.port == 6379)
        #expect(configuration.redis.commandTimeout == .milliseconds(100))
        #expect(configuration.maxBodyBytes == 1_048_576)
        #expect(
            configuration.serviceURLs == [
                "ai-service": "http://127.0.0.1:8000", "profile-service": "http://127.0.0.1:3001",
            ])
        #expect(configuration.idleTimeout == .seconds(30))
        #expect(configuration.cacheTimeout == .milliseconds(250))
    }

    @Test(
        "a malformed value is refused with a message naming the variable",
        arguments: [
            ("PORT", "abc"), ("PORT", "70000"), ("DATABASE_URL", "mysql://x"), ("REDIS_URL", "redis://"),
            ("DATABASE_POOL_MAX", "0"), ("LOG_LEVEL", "chatty"), ("AI_SERVICE_URL", "ftp://host"),
            ("MAX_BODY_BYTES", "12kb"), ("REDIS_COMMAND_TIMEOUT_MS", "-5"),
            ("CACHE_TIMEOUT_MS", "0"),
        ])
    func refusesBadValues(variable: String, value: String) throws {
        let error = #expect(throws: ConfigurationError.self) { try load([variable: value]) }
        #expect(error?.variable == variable)
        #expect(error?.description.contains(variable) == true)
    }

    @Test("a URL's password never appears in the error")
    func redactsPasswords() throws {
        let error = #expect(throws: ConfigurationError.self) {
            try load(["DATABASE_URL": "mysql://user:hunter2@db/x"])
        }
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test("secrets come from the variable or a _FILE, and short ones are refused")
    func secrets() throws {
        var reader = EnvironmentReader(["TOKEN_SECRET": String(repeating: "k", count: 32)])
        #expect(try reader.secret("TOKEN_SECRET", minimumBytes: 32)?.count == 32)
        var short = EnvironmentReader(["TOKEN_SECRET": "short"])
        #expect(throws: ConfigurationError.self) { try short.secret("TOKEN_SECRET", minimumBytes: 32) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try (String(repeating: "f", count: 40) + "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var fromFile = EnvironmentReader(["TOKEN_SECRET_FILE": file.path])
        #expect(try fromFile.secret("TOKEN_SECRET", minimumBytes: 32)?.count == 40)
    }
}
