import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ServiceKit
import TestSupport
import Testing

@Suite("problem+json errors and request ids")
struct ProblemTests {
    /// The decoded problem, or an empty one (status 0) that fails every expectation.
    static func problem(_ response: TestResponse) -> Problem {
        (try? JSONDecoder().decode(Problem.self, from: Data(response.body.readableBytesView)))
            ?? Problem(title: "not a problem document", status: 0)
    }

    @Test("malformed JSON, unknown route, wrong method, oversized body and a crash all answer problem+json")
    func everyErrorIsAProblem() async throws {
        let app = try await TestApplication.build(try TestApplication.configuration())
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/payloads", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{\"name\": \"x\", \"count\": ")
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = Self.problem(response)
                #expect(problem.status == 400)
                #expect(problem.instance == "/payloads")
                #expect(problem.detail?.isEmpty == false)
            }
            try await client.execute(
                uri: "/payloads", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{\"name\": \"x\", \"count\": \"many\"}")
            ) { response in
                #expect(response.status == .badRequest)
                #expect(Self.problem(response).detail?.contains("count") == true)
            }
            try await client.execute(uri: "/nowhere", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(Self.problem(response).status == 404)
            }
            try await client.execute(uri: "/payloads", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
                #expect(Self.problem(response).status == 405)
            }
            try await client.execute(uri: "/payloads/42", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
            }
            let big = String(repeating: "x", count: 4096)
            try await client.execute(
                uri: "/payloads", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{\"name\": \"\(big)\", \"count\": 1}")
            ) { response in
                #expect(response.status == .contentTooLarge)
                #expect(Self.problem(response).status == 413)
            }
            try await client.execute(uri: "/boom", method: .get) { response in
                #expect(response.status == .internalServerError)
                let problem = Self.problem(response)
                #expect(problem.status == 500)
                #expect(problem.detail?.contains("Unexpected") == false, "internal details must not leak")
                #expect(problem.requestId == response.headers[RequestIdMiddleware.header])
            }
            try await client.execute(uri: "/conflict", method: .get) { response in
                #expect(response.status == .conflict)
                #expect(Self.problem(response).detail == "already exists")
            }
            // And the happy path still works.
            try await client.execute(
                uri: "/payloads", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{\"name\": \"ok\", \"count\": 3}")
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok:3")
            }
        }
    }

    @Test("a well-formed X-Request-Id is echoed; a missing or hostile one is replaced")
    func requestIds() async throws {
        let app = try await TestApplication.build(try TestApplication.configuration())
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get, headers: [RequestIdMiddleware.header: "req-42.a_b"])
            {
                #expect($0.headers[RequestIdMiddleware.header] == "req-42.a_b")
            }
            try await client.execute(uri: "/nowhere", method: .get, headers: [RequestIdMiddleware.header: "abc"]) {
                #expect($0.headers[RequestIdMiddleware.header] == "abc")
                #expect(Self.problem($0).requestId == "abc")
            }
            for hostile in ["", String(repeating: "a", count: 200), "a b", "x\u{7f}y", "<script>"] {
                try await client.execute(uri: "/health", method: .get, headers: [RequestIdMiddleware.header: hostile]) {
                    let id = try #require($0.headers[RequestIdMiddleware.header])
                    #expect(id != hostile)
                    #expect(UUID(uuidString: id) != nil)
                }
            }
        }
    }
}
