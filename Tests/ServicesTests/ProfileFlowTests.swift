import Contracts
import CurlHTTP
import Foundation
import ServiceKit
import TestSupport
import Testing

/// The profile across the real binaries, through the gateway: a PDF résumé
/// uploaded as a user would, read into the profile, then given a vector by the
/// AI service's embedding model (a fake Ollama here) for job matching.
@Suite("profile across the real services", .serialized)
struct ProfileFlowTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ProfileServiceTests/Fixtures/resumes")

    @Test("a PDF upload becomes the profile, and the profile gets a vector from the embedding model")
    func uploadThenEmbed() async throws {
        try await FakeOllama.run { ollama in
            // Its own Redis database: the polling below must neither spend nor meet other
            // suites' per-address rate limit (every test client is 127.0.0.1).
            let redis = try TestEnvironment.redisURL().replacingOccurrences(
                of: #"/\d+$"#, with: "/7", options: .regularExpression)
            let suite = try RunningSuite(extraEnvironment: [
                "OLLAMA_URL": ollama.baseURL, "LLM_WARM_UP": "false", "PROFILE_EMBEDDING_INTERVAL_MS": "200",
                "REDIS_URL": redis,
            ])
            defer { _ = suite.terminate() }
            let http = CurlHTTPClient()
            defer { http.shutdown() }
            try await suite.waitUntilReady(http)
            let gateway = suite.url("gateway")
            func send(
                _ method: String, _ path: String, token: String?, contentType: String = "application/json",
                body: [UInt8]? = nil
            ) async throws -> (Int, [UInt8]) {
                var headers: [(name: String, value: String)] = []
                if let token { headers.append(("Authorization", "Bearer \(token)")) }
                if body != nil { headers.append(("Content-Type", contentType)) }
                let (response, bytes) = try await http.data(
                    for: CurlRequest(
                        method: method, url: gateway + path, headers: headers, body: body.map { .bytes($0) },
                        timeouts: .init(connect: .seconds(2), total: .seconds(60))))
                return (response.status, bytes)
            }
            let credentials = try JSONSerialization.data(withJSONObject: [
                "email": "profile-\(UUID().uuidString.lowercased())@example.com",
                "password": "correct horse battery staple",
            ])
            let (registered, registration) = try await send(
                "POST", "/api/v1/auth/register", token: nil, body: Array(credentials))
            #expect(registered == 201)
            let token =
                try #require(
                    try JSONSerialization.jsonObject(with: Data(registration)) as? [String: Any])["accessToken"]
                as? String

            let pdf = try Data(contentsOf: Self.fixtures.appendingPathComponent("hannah-kim-ios.pdf"))
            let (imported, importBody) = try await send(
                "POST", "/api/v1/profile/imports/resume?filename=hannah.pdf", token: token,
                contentType: "application/pdf", body: Array(pdf))
            #expect(imported == 201, "\(String(decoding: importBody, as: UTF8.self))")

            let (read, profileBody) = try await send("GET", "/api/v1/profile", token: token)
            #expect(read == 200)
            let profile = try JSONDecoder().decode(Resume.self, from: Data(profileBody))
            #expect(profile.basics?.name == "Hannah Kim")
            #expect(profile.careergini?.skills?.contains { $0.id == "swift" } == true)

            // The worker embeds the profile summary in the background.
            var embedding: [String: Any]?
            let deadline = ContinuousClock.now + .seconds(30)
            while embedding == nil, ContinuousClock.now < deadline {
                let (status, body) = try await send("GET", "/api/v1/profile/embedding", token: token)
                if status == 200 {
                    embedding = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
                } else {
                    // 404 until the worker has run; 429 if this polling meets the gateway's rate limit.
                    #expect(status == 404 || status == 429)
                    try await Task.sleep(for: status == 429 ? .seconds(1) : .milliseconds(250))
                }
            }
            let vector = try #require(embedding?["vector"] as? [Double])
            #expect(embedding?["model"] as? String == "all-minilm")
            #expect(vector.count == 384)
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 0.01)
            #expect(ollama.requests.contains { $0.path == "/api/embed" })

            // A user never reaches the AI service's internal routes through the gateway.
            let (internalStatus, _) = try await send(
                "POST", "/api/v1/ai/internal/embed", token: token, body: Array(#"{"texts": ["x"]}"#.utf8))
            #expect(internalStatus == 404)
        }
    }
}
