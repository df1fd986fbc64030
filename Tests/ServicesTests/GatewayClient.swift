import CurlHTTP
import Foundation
import Testing

/// A signed-in caller of the gateway, as the web frontend is.
struct GatewayClient {
    struct Account {
        var email: String
        var token: String
    }

    let http: CurlHTTPClient
    let base: String
    static let password = "correct horse battery staple"

    func register(_ name: String) async throws -> Account {
        let email = "\(name)-\(UUID().uuidString.lowercased())@example.com"
        let (status, body) = try await send(
            "POST", "/api/v1/auth/register", token: nil, json: ["email": email, "password": Self.password])
        #expect(status == 201)
        return Account(email: email, token: try accessToken(body))
    }

    func login(_ email: String) async throws -> Account {
        let (status, body) = try await send(
            "POST", "/api/v1/auth/login", token: nil, json: ["email": email, "password": Self.password])
        #expect(status == 200)
        return Account(email: email, token: try accessToken(body))
    }

    private func accessToken(_ body: [UInt8]) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        return try #require(object?["accessToken"] as? String)
    }

    func send(_ method: String, _ path: String, token: Account?, json: Any) async throws -> (Int, [UInt8]) {
        try await send(method, path, token: token, body: Array(try JSONSerialization.data(withJSONObject: json)))
    }

    func send(
        _ method: String, _ path: String, token: Account?, encodable: some Encodable
    ) async throws -> (
        Int, [UInt8]
    ) {
        try await send(method, path, token: token, body: Array(try JSONEncoder().encode(encodable)))
    }

    func send(_ method: String, _ path: String, token: Account?, body: [UInt8]? = nil) async throws -> (Int, [UInt8]) {
        var headers: [(name: String, value: String)] = []
        if let token { headers.append(("Authorization", "Bearer \(token.token)")) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let (response, bytes) = try await http.data(
            for: CurlRequest(
                method: method, url: base + path, headers: headers, body: body.map { .bytes($0) },
                timeouts: .init(connect: .seconds(2), total: .seconds(60))))
        return (response.status, bytes)
    }

    func decode<Value: Decodable>(_ type: Value.Type, _ body: [UInt8]) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(body))
    }
}
