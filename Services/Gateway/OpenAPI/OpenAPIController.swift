import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceKit

/// Serves `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of the public
/// API, shipped as a file and checked against the registered routes by a test.
struct OpenAPIController: Sendable {
    let document: ByteBuffer

    init() throws {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw ServiceError(.internalServerError, detail: "openapi.json is missing from the gateway's bundle")
        }
        document = ByteBuffer(bytes: try Data(contentsOf: url))
    }

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/api/v1/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
                body: ResponseBody(byteBuffer: document))
        }
    }
}
