import Contracts
import Database
import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// The signed-in user's profile document: read it, or replace it with a JSON
/// Resume. (Imports, merge patches and provenance build on this.)
struct ProfileController: Sendable {
    let database: DatabasePool

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/profile", use: read)
        router.put("/profile", use: replace)
    }

    @Sendable func read(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let rows = try await database.query("SELECT document FROM profiles WHERE user_id = \(userId)")
        guard let row = rows.first else { throw ServiceError.notFound("no profile yet: import a résumé or save one") }
        return try JSONResponse.make(try row.decode(JSONB<Resume>.self, "document").value)
    }

    @Sendable func replace(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let resume = try await request.decode(as: Resume.self, context: context)
        try await database.query(
            """
            INSERT INTO profiles (user_id, document) VALUES (\(userId), \(try JSONB(resume)))
            ON CONFLICT (user_id) DO UPDATE SET document = EXCLUDED.document, updated_at = now()
            """)
        return try JSONResponse.make(resume)
    }
}
