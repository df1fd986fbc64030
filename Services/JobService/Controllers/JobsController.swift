import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceKit
import Taxonomy

/// Job search and single postings. Postings are public data, the same for
/// every caller, so neither route needs a signed-in user and search results
/// are shared in one cache.
struct JobsController: Sendable {
    let search: JobSearch
    let postings: PostingStore
    let taxonomy: Taxonomy

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/jobs", use: list)
        router.get("/jobs/{id}", use: read)
    }

    /// `GET /jobs?q=&location=&workplace=&type=&salaryMin=&postedWithin=&skills=&company=&cursor=&limit=`:
    /// a `JobSearchPage`. `Cache-Status` (RFC 9211) says whether the cache answered.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let parameters = FormParameters.parse(request.uri.query)
        let query = try JobSearchQuery({ parameters[$0] }, taxonomy: taxonomy)
        let revalidate = Self.asksToRevalidate(request.headers[values: .cacheControl])
        let answer = try await search.search(query, revalidate: revalidate)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[Self.cacheStatus] =
            answer.fromCache ? "job-service; hit" : revalidate ? "job-service; fwd=request" : "job-service; fwd=miss"
        return Response(
            status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// `GET /jobs/{id}`: the whole `Job`, HTML description included; a closed
    /// posting too (`closed: true`), since saved applications link to it.
    @Sendable func read(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        // A malformed id names no posting: 404, like an unknown one.
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text),
            let job = try await postings.job(id: id)
        else { throw ServiceError.notFound("no such job") }
        return try JSONResponse.make(job)
    }

    static let cacheStatus = HTTPField.Name("Cache-Status")!

    /// Whether `Cache-Control` request headers ask for a fresh answer
    /// (`no-cache`, or `max-age=0`: RFC 9111 §5.2.1), as a browser's reload does.
    static func asksToRevalidate(_ values: [String]) -> Bool {
        values.flatMap { $0.split(separator: ",") }.contains { directive in
            let name = directive.trimmingCharacters(in: .whitespaces).lowercased()
            return name == "no-cache" || name.hasPrefix("no-cache=") || name == "max-age=0"
        }
    }
}
