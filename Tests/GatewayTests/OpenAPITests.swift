import Foundation
import Logging
import NIOCore
import Synchronization
import TestSupport
import Testing

@testable import Gateway

@Suite("gateway: the OpenAPI document")
struct OpenAPITests {
    @Test(
        "openapi.json is OpenAPI 3.1 and lists exactly the routes the gateway registers (and services' routes under forwarded prefixes)"
    )
    func documentMatchesRoutes() async throws {
        let registered = Mutex<[(path: String, method: String)]>([])
        let settings = try GatewayHarness.settings()
        _ = try await buildApplication(
            settings, logger: Logger(label: "openapi-test"),
            onRoutesRegistered: { routes in
                registered.withLock { $0 = routes }
            })
        // Hummingbird's `**` (the rest of the path) is `{path}` in OpenAPI.
        let routes = Set(
            registered.withLock { $0 }.map {
                "\($0.method.uppercased()) " + $0.path.replacingOccurrences(of: "**", with: "{path}")
            })
        #expect(routes.count > 20)

        let controller = try OpenAPIController()
        let data = Data(controller.document.readableBytesView)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        var documented = Set<String>()
        for (path, item) in paths {
            for key in item.keys where methods.contains(key) { documented.insert("\(key.uppercased()) \(path)") }
        }
        #expect(routes.subtracting(documented).sorted() == [], "registered but not documented")
        // A service's own routes may be documented under the prefix the gateway forwards to it.
        let forwarded = routes.filter { $0.hasSuffix("/{path}") }.map { String($0.dropLast("{path}".count)) }
        let unregistered = documented.subtracting(routes).filter { operation in
            !forwarded.contains { operation.hasPrefix($0) }
        }
        #expect(unregistered.sorted() == [], "documented but not registered")

        // Every operation has a unique id and answers; every $ref resolves.
        var operationIds = Set<String>()
        for item in paths.values {
            for (key, value) in item where methods.contains(key) {
                let operation = try #require(value as? [String: Any])
                let id = try #require(operation["operationId"] as? String)
                #expect(operationIds.insert(id).inserted, "duplicate operationId \(id)")
                #expect((operation["responses"] as? [String: Any])?.isEmpty == false)
            }
        }
        let text = String(decoding: data, as: UTF8.self)
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let references = text.components(separatedBy: "\"#/components/schemas/").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
        for name in Set(references) { #expect(schemas[name] != nil, "unresolved $ref \(name)") }
    }
}
