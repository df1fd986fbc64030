import HTTPTypes
import Hummingbird
import NIOCore
import ServiceKit
import Taxonomy

/// `GET /learning/resources?skill=&level=&type=&free=&lang=&prefer=&limit=`:
/// a `LearningResourcePage` of resources ranked by fit for the caller (see
/// `ResourceListQuery` for the parameters, `ResourceRanker` for the order).
/// A call acting for no user is ranked as for a newcomer. `Cache-Status`
/// (RFC 9211) says whether the cache answered.
struct ResourcesController: Sendable {
    let lister: ResourceLister
    let taxonomy: Taxonomy

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/learning/resources", use: list)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        let query = try ResourceListQuery(
            { parameters.getAll($0) }, acceptLanguage: request.headers[.acceptLanguage], taxonomy: taxonomy)
        let answer = try await lister.list(query, for: context.identity)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[Self.cacheStatus] = answer.fromCache ? "learning-service; hit" : "learning-service; fwd=miss"
        return Response(
            status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    static let cacheStatus = HTTPField.Name("Cache-Status")!
}
