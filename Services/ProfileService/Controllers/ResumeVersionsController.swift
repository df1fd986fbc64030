import Contracts
import Database
import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// Saved résumé versions: the AI service stores each tailored résumé here; the
/// user lists, reads and deletes them. A user only ever sees their own.
struct ResumeVersionsController: Sendable {
    let database: DatabasePool
    /// Versions one user may keep; the oldest must be deleted first.
    static let maximumPerUser = 200
    static let pageSize = 50

    func register(on router: Router<ServiceRequestContext>) {
        let group = router.group("/profile/resumes")
        group.post(use: create)
        group.get(use: list)
        group.get("/{id}", use: read)
        group.delete("/{id}", use: delete)
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let body = try await request.decode(as: NewResumeVersion.self, context: context)
        let label = body.label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, label.count <= 200 else {
            throw ServiceError.badRequest(
                "the label is invalid", fieldErrors: [.init(pointer: "/label", reason: "must be 1–200 characters")])
        }
        let origin = body.origin ?? .user
        // Counting and inserting in one statement keeps the cap exact under concurrent saves.
        let rows = try await database.query(
            """
            INSERT INTO resume_versions (user_id, label, origin, job_description, document, report)
            SELECT \(userId), \(label), \(origin.rawValue), \(body.jobDescription), \(try JSONB(body.resume)),
                   \(try body.report.map { try JSONB($0) })
            WHERE (SELECT count(*) FROM resume_versions WHERE user_id = \(userId)) < \(Self.maximumPerUser)
            RETURNING id, created_at
            """)
        guard let row = rows.first else {
            throw ServiceError.conflict(
                "you already keep \(Self.maximumPerUser) résumé versions; delete old ones first")
        }
        let version = ResumeVersion(
            id: try row.decode(UUID.self, "id").uuidString.lowercased(), label: label, origin: origin,
            jobDescription: body.jobDescription, resume: body.resume, report: body.report,
            createdAt: try row.decode("created_at"))
        return try JSONResponse.make(version, status: .created)
    }

    struct Summary: Codable, Sendable {
        var id: String
        var label: String
        var origin: ResumeVersion.Origin
        var createdAt: Date
    }

    struct Page: Codable, Sendable {
        var items: [Summary]
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let rows = try await database.query(
            """
            SELECT id, label, origin, created_at FROM resume_versions WHERE user_id = \(userId)
            ORDER BY created_at DESC, id DESC LIMIT \(Self.maximumPerUser)
            """)
        let items = try rows.map { row in
            Summary(
                id: try row.decode(UUID.self, "id").uuidString.lowercased(), label: try row.decode("label"),
                origin: ResumeVersion.Origin(rawValue: try row.decode("origin")) ?? .user,
                createdAt: try row.decode("created_at"))
        }
        return try JSONResponse.make(Page(items: items))
    }

    @Sendable func read(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let id = try Self.versionId(context)
        let rows = try await database.query(
            """
            SELECT id, label, origin, job_description, document, report, created_at FROM resume_versions
            WHERE id = \(id) AND user_id = \(userId)
            """)
        guard let row = rows.first else { throw ServiceError.notFound("no such résumé version") }
        let version = ResumeVersion(
            id: id.uuidString.lowercased(), label: try row.decode("label"),
            origin: ResumeVersion.Origin(rawValue: try row.decode("origin")) ?? .user,
            jobDescription: try row.decode("job_description"),
            resume: try row.decode(JSONB<Resume>.self, "document").value,
            report: try row.decode(JSONB<JSONValue>?.self, "report")?.value, createdAt: try row.decode("created_at"))
        return try JSONResponse.make(version)
    }

    @Sendable func delete(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let id = try Self.versionId(context)
        let rows = try await database.query(
            "DELETE FROM resume_versions WHERE id = \(id) AND user_id = \(userId) RETURNING id")
        guard !rows.isEmpty else { throw ServiceError.notFound("no such résumé version") }
        return Response(status: .noContent)
    }

    static func versionId(_ context: ServiceRequestContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw ServiceError.notFound("no such résumé version")
        }
        return id
    }
}
