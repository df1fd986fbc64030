import CurlHTTP
import Foundation
import Security
import Synchronization

/// Providers' signing keys, fetched through CurlHTTP and kept for an hour.
/// Providers rotate keys; a token naming a key we do not have triggers one
/// refetch (at most once a minute per provider, so forged `kid`s cannot make
/// us hammer the provider).
final class JWKSCache: Sendable {
    struct Entry {
        var keys: JSONWebKeySet
        var fetchedAt: ContinuousClock.Instant
    }

    let http: CurlHTTPClient
    private let entries = Mutex<[String: Entry]>([:])
    static let maxAge: Duration = .seconds(3600)
    static let minRefetchInterval: Duration = .seconds(60)

    init(http: CurlHTTPClient) {
        self.http = http
    }

    func keys(at url: String, forceRefresh: Bool = false) async throws -> JSONWebKeySet {
        let now = ContinuousClock.now
        if let cached = entries.withLock({ $0[url] }) {
            let age = now - cached.fetchedAt
            if age < Self.maxAge && (!forceRefresh || age < Self.minRefetchInterval) { return cached.keys }
        }
        let response: CurlResponse
        let body: [UInt8]
        do {
            (response, body) = try await http.data(
                for: CurlRequest(
                    url: url, headers: [("Accept", "application/json")],
                    timeouts: .init(connect: .seconds(3), total: .seconds(10)), maxResponseBytes: 256 * 1024))
        } catch let error as CurlHTTPError {
            // Like the token endpoint: an unreachable provider is a 502, not an unexplained 500.
            throw OAuthFailure.provider("the provider's key set could not be reached (\(error.code))")
        }
        guard response.status == 200 else {
            throw OAuthFailure.provider("the provider's key set answered HTTP \(response.status)")
        }
        guard let keys = try? JSONDecoder().decode(JSONWebKeySet.self, from: Data(body)) else {
            throw OAuthFailure.provider("the provider's key set is not a JWKS document")
        }
        entries.withLock { $0[url] = Entry(keys: keys, fetchedAt: now) }
        return keys
    }
}
