import Foundation
import Hummingbird
import ServiceKit

/// `POST /jobs/import`: an admin loads postings from a JSON array or a CSV
/// file (up to 10 MiB and 10,000 rows); good rows are saved, bad rows are
/// reported by row number with the field and the reason.
struct ImportController: Sendable {
    /// The import route's body limit, set by path prefix in `buildApplication`.
    static let bodyLimit = (prefix: "/jobs/import", bytes: BodyLimits.uploadBytes)

    let importer: PostingImporter

    func register(on router: Router<ServiceRequestContext>) {
        router.post("/jobs/import", use: importPostings)
    }

    @Sendable func importPostings(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard context.identity?.roles.contains("admin") == true else {
            throw ServiceError(.forbidden, detail: "importing postings takes the admin role")
        }
        guard let format = PostingImportParser.Format(contentType: request.headers[.contentType]) else {
            throw ServiceError(
                .unsupportedMediaType,
                detail: "send postings as a JSON array (application/json) or as CSV with a header row (text/csv)")
        }
        let body = try await request.body.collect(upTo: context.bodyLimit)
        guard body.readableBytes > 0 else {
            throw ServiceError.badRequest("send the postings as the request body")
        }
        return try JSONResponse.make(
            try await importer.importPostings(Array(body.readableBytesView), format: format))
    }
}
