import CurlHTTP
import Foundation

/// Calls another CareerGini service's API on behalf of the user a request acts
/// for, with a fresh internal token naming that user and the target service.
public struct InternalServiceClient: Sendable {
    public let service: String
    public let baseURL: String?
    public let http: CurlHTTPClient
    public let tokens: InternalTokens
    public var timeout: Duration

    public init(
        service: String, baseURL: String?, http: CurlHTTPClient, tokens: InternalTokens,
        timeout: Duration = .seconds(10)
    ) {
        self.service = service
        self.baseURL = baseURL
        self.http = http
        self.tokens = tokens
        self.timeout = timeout
    }

    /// The other service can't answer: not configured, down, or failing. The
    /// routes turn it into 503 problem+json naming the service.
    public struct Unavailable: Error, Sendable, CustomStringConvertible {
        public var service: String
        public var reason: String
        /// The HTTP status when the service answered with an error; nil when it did not answer.
        public var status: Int?

        public init(service: String, reason: String, status: Int? = nil) {
            self.service = service
            self.reason = reason
            self.status = status
        }

        /// The service answered that this request will never succeed as sent
        /// (a 4xx other than 408 and 429): retrying it changes nothing.
        public var isRefusal: Bool {
            guard let status else { return false }
            return (400..<500).contains(status) && status != 408 && status != 429
        }
        public var description: String { "\(service) is unavailable: \(reason)" }

        public var problem: ServiceError {
            ServiceError.unavailable(
                "\(service) is unavailable right now (\(reason)); try again shortly", retryAfterSeconds: 5)
        }
    }

    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// GET `path`; nil when the resource doesn't exist (404 with a problem body).
    public func get<Value: Decodable>(
        _ path: String, query: [(String, String)] = [], as type: Value.Type, for identity: RequestIdentity?
    ) async throws -> Value? {
        let (status, body) = try await send("GET", path, query: query, body: nil, for: identity)
        if status == 404 { return nil }
        return try decode(status: status, body: body, as: type)
    }

    /// POST a JSON body and decode the answer.
    public func post<Value: Decodable>(
        _ path: String, body: some Encodable, as type: Value.Type, for identity: RequestIdentity?
    ) async throws -> Value {
        try await sendJSON("POST", path, body: body, as: type, for: identity)
    }

    /// PUT a JSON body and decode the answer.
    public func put<Value: Decodable>(
        _ path: String, body: some Encodable, as type: Value.Type, for identity: RequestIdentity?
    ) async throws -> Value {
        try await sendJSON("PUT", path, body: body, as: type, for: identity)
    }

    private func sendJSON<Value: Decodable>(
        _ method: String, _ path: String, body: some Encodable, as type: Value.Type, for identity: RequestIdentity?
    ) async throws -> Value {
        let bytes = Array(try Self.encoder.encode(body))
        let (status, answer) = try await send(method, path, query: [], body: bytes, for: identity)
        return try decode(status: status, body: answer, as: type)
    }

    private func decode<Value: Decodable>(status: Int, body: [UInt8], as type: Value.Type) throws -> Value {
        guard (200..<300).contains(status) else {
            throw Unavailable(service: service, reason: "it answered HTTP \(status)", status: status)
        }
        do {
            return try Self.decoder.decode(Value.self, from: Data(body))
        } catch {
            throw Unavailable(service: service, reason: "its answer did not match the contract")
        }
    }

    private func send(
        _ method: String, _ path: String, query: [(String, String)], body: [UInt8]?, for identity: RequestIdentity?
    ) async throws -> (Int, [UInt8]) {
        guard let baseURL else { throw Unavailable(service: service, reason: "not configured") }
        var components = URLComponents()
        components.queryItems = query.isEmpty ? nil : query.map { URLQueryItem(name: $0.0, value: $0.1) }
        let url = baseURL + path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        var headers: [(name: String, value: String)] = [
            (InternalTokens.header, tokens.issue(for: identity, audience: service)), ("Accept", "application/json"),
        ]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let request = CurlRequest(
            method: method, url: url, headers: headers, body: body.map { .bytes($0) },
            timeouts: .init(connect: .seconds(2), total: timeout), maxResponseBytes: 8 * 1024 * 1024)
        do {
            let (response, bytes) = try await http.data(for: request)
            return (response.status, bytes)
        } catch let error as CurlHTTPError {
            if error.code == .cancelled { throw CancellationError() }
            throw Unavailable(service: service, reason: "unreachable (\(error.code))")
        }
    }
}
