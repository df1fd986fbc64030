import Foundation
import RedisKit
import Security

/// What the start of an OAuth login remembers until its callback: single use,
/// ten minutes, and bound to the browser that started it by a cookie whose
/// hash is stored here (a stolen callback URL is useless in another browser).
struct OAuthLoginState: Codable, Sendable {
    var provider: String
    var codeVerifier: String
    var nonce: String?
    var browserBindingHash: String
    var redirectPath: String

    static let lifetime: Duration = .seconds(600)
    static let keyPrefix = "gateway:oauth-state:"

    static func key(for state: String) -> String { keyPrefix + Digest.sha256Hex(state) }

    func save(under state: String, redis: RedisClient) async throws {
        let json = String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
        _ = try await redis.set(Self.key(for: state), to: json, expiresIn: Self.lifetime, condition: .ifNotExists)
    }

    /// Takes the state out of Redis (GETDEL), so a second callback with it fails.
    static func take(_ state: String, redis: RedisClient) async throws -> OAuthLoginState? {
        let value = try await redis.send("GETDEL", key(for: state))
        guard let bytes = value.bytes else { return nil }
        return try? JSONDecoder().decode(OAuthLoginState.self, from: Data(bytes))
    }
}
