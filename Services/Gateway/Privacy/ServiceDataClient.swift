import Contracts
import CurlHTTP
import Foundation
import ServiceKit

/// Calls each service's internal GDPR routes on a user's behalf.
struct ServiceDataClient: Sendable {
    let http: CurlHTTPClient
    let serviceURLs: [String: String]
    let internalTokens: InternalTokens

    /// The services that hold user data, in a stable order.
    var services: [String] { serviceURLs.keys.sorted() }

    struct Failure: Error, CustomStringConvertible {
        var service: String
        var reason: String
        var description: String { "\(service): \(reason)" }
    }

    func export(userId: UUID, from service: String) async throws -> JSONValue {
        let (status, body) = try await call("GET", userId: userId, service: service, suffix: "/export")
        guard status == 200 else { throw Failure(service: service, reason: "answered \(status)") }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(body))
        } catch {
            throw Failure(service: service, reason: "returned an unreadable export")
        }
    }

    func delete(userId: UUID, from service: String) async throws {
        let (status, _) = try await call("DELETE", userId: userId, service: service, suffix: "")
        guard status == 204 || status == 200 else { throw Failure(service: service, reason: "answered \(status)") }
    }

    private func call(_ method: String, userId: UUID, service: String, suffix: String) async throws -> (Int, [UInt8]) {
        guard let base = serviceURLs[service] else { throw Failure(service: service, reason: "not configured") }
        let identity = RequestIdentity(userId: userId, roles: ["user"], service: "gateway")
        let request = CurlRequest(
            method: method, url: "\(base)/internal/users/\(userId.uuidString.lowercased())\(suffix)",
            headers: [(InternalTokens.header, internalTokens.issue(for: identity, audience: service))],
            timeouts: .init(connect: .seconds(2), total: .seconds(20)), maxResponseBytes: 64 * 1024 * 1024)
        do {
            let (response, body) = try await http.data(for: request)
            return (response.status, body)
        } catch let error as CurlHTTPError {
            throw Failure(service: service, reason: "unreachable (\(error.code))")
        }
    }
}
